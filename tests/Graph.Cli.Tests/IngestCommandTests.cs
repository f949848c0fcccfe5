namespace Graph.Cli.Tests;

/// <summary><c>graph ingest</c> and <c>graph stats</c> on the real embedded store.</summary>
public sealed class IngestCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task IngestingTheSameInputTwiceChangesNothingTheSecondTimeAndSaysSo()
    {
        var first = await GraphCli.RunAsync(_dir.Path, "ingest", Repo.SeedFolder);
        var statsAfterFirst = await GraphCli.RunAsync(_dir.Path, "stats");
        var second = await GraphCli.RunAsync(_dir.Path, "ingest", Repo.SeedFolder);
        var statsAfterSecond = await GraphCli.RunAsync(_dir.Path, "stats");

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("6 articles: 6 added, 0 updated, 0 unchanged");
        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stdout.ShouldContain("Nothing changed: all 6 articles are already stored");
        statsAfterSecond.Stdout.ShouldBe(statsAfterFirst.Stdout);
        Count(statsAfterFirst, "articles").ShouldBe(6);
        Count(statsAfterFirst, "actors").ShouldBeGreaterThan(20);
        Count(statsAfterFirst, "relationships").ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task ChangedTextReplacesThatArticlesEvidenceInsteadOfAddingToIt()
    {
        var file = _dir.File("story.txt", "Russia condemned Turkey over the attack. Turkey accused Russia of lying.");
        await GraphCli.RunAsync(_dir.Path, "ingest", file);
        var before = await GraphCli.RunAsync(_dir.Path, "stats");

        File.WriteAllText(file, "Russia condemned Turkey over the attack. Turkey accused Russia of lying. Iran held talks with Turkey.");
        var update = await GraphCli.RunAsync(_dir.Path, "ingest", file);
        var after = await GraphCli.RunAsync(_dir.Path, "stats");

        update.Stdout.ShouldContain("1 article: 0 added, 1 updated");
        Count(after, "articles").ShouldBe(1);
        Count(after, "evidence").ShouldBeGreaterThanOrEqualTo(Count(before, "evidence"));
        Count(after, "evidence").ShouldBeLessThanOrEqualTo(Count(before, "evidence") + 2);
    }

    [Fact]
    public async Task BadInputIsReportedAndLosesNothingAlreadyStored()
    {
        await GraphCli.RunAsync(_dir.Path, "ingest", Repo.SeedArticle);
        var before = await GraphCli.RunAsync(_dir.Path, "stats");
        var bad = Directory.CreateDirectory(Path.Combine(_dir.Path, "bad")).FullName;
        File.WriteAllText(Path.Combine(bad, "empty.txt"), "");
        File.WriteAllBytes(Path.Combine(bad, "latin1.txt"), [0x52, 0xE9, 0x2E]);
        File.WriteAllBytes(Path.Combine(bad, "binary.txt"), [0x00, 0x01, 0x02, 0x03]);
        File.WriteAllText(Path.Combine(bad, "broken.html"), "<html><body><div><p>Unclosed <b>markup <i>everywhere");

        var result = await GraphCli.RunAsync(_dir.Path, "ingest", bad);
        var after = await GraphCli.RunAsync(_dir.Path, "stats");

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("empty.txt: the article has no text");
        result.Stderr.ShouldContain("latin1.txt: not valid UTF-8");
        result.Stderr.ShouldContain("binary.txt: binary content");
        Count(after, "articles").ShouldBe(Count(before, "articles") + 1);
        Count(after, "evidence").ShouldBeGreaterThanOrEqualTo(Count(before, "evidence"));
        Count(after, "actors").ShouldBeGreaterThanOrEqualTo(Count(before, "actors"));
    }

    private static long Count(CliResult stats, string what) =>
        long.Parse(stats.Lines.Single(l => l.StartsWith(what + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
