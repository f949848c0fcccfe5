namespace Graph.Cli.Tests;

/// <summary><c>graph eval</c> as a user runs it: on saved extract output, on the gold's own articles, and on bad input.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private static readonly string SeedGold =
        Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "eval", "us-open-to-talks-with-russia-on-syria.gold.json"));

    private static readonly string FixedExtract = Path.Combine(Repo.Root, "tests", "Graph.Extraction.Tests", "Evaluation", "seed.extracted.jsonl");

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SeedGoldAgainstSavedExtractPrintsTheSummaryEndingWithRelationF1()
    {
        Assert.SkipUnless(File.Exists(SeedGold), $"The shared gold is not at {SeedGold}.");

        var result = await GraphCli.RunAsync(_dir.Path, "eval", SeedGold, FixedExtract);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Lines.ShouldBe(
        [
            "actors     precision 0.906 recall 1.000 F1 0.951",
            "affiliations 10/10",
            "relations  precision 0.818 (18/22) recall 0.929 (13/14)",
            "typed      13/13 matched required relations carry an accepted type",
            "forbidden  2",
            "relation F1 0.870",
        ]);
    }

    [Fact]
    public async Task VerboseListsMissesExtrasAndForbiddenReadings()
    {
        Assert.SkipUnless(File.Exists(SeedGold), $"The shared gold is not at {SeedGold}.");

        var result = await GraphCli.RunAsync(_dir.Path, "eval", SeedGold, FixedExtract, "--verbose");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("[us-open-to-talks-with-russia-on-syria.txt] missed relation R5: EUR ['REJECT', 'ACCUSE'] ASSAD|SYR");
        result.Stdout.ShouldContain("actor not in gold: Middle East Eye (organization)");
        result.Stdout.ShouldContain("forbidden reading: Page furniture is not news.");
        result.Stdout.ShouldNotContain("Raqqa (location)");
        result.Lines[^1].ShouldBe("relation F1 0.870");
    }

    [Fact]
    public async Task WithoutExtractedTheArticlesJsonlBesideTheGoldIsExtracted()
    {
        _dir.File("gold.jsonl", """
            {"article": "a1", "actors": [{"key": "USA", "required": true, "aliases": ["United States"]}, {"key": "JOR", "required": true, "aliases": ["Jordan"]}], "relations": [{"id": "R", "required": true, "source": "USA", "target": "JOR", "polarity": "+", "types": ["AGREE"]}]}
            """ + "\n");
        _dir.File("articles.jsonl", """
            {"id": "a1", "text": "The United States and Jordan have agreed upon a new free-trade pact, the White House announced Tuesday."}
            """ + "\n");

        var result = await GraphCli.RunAsync(_dir.Path, "eval", _dir.Path);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldNotContain("no extraction");
        result.Lines[0].ShouldStartWith("actors     precision 1.000 recall 1.000");
        result.Lines[^1].ShouldStartWith("relation F1 ");
    }

    [Fact]
    public async Task WithoutExtractedTheArticleFileTheGoldNamesIsExtracted()
    {
        var gold = _dir.File("story.gold.json", """
            {"article": "story.txt", "actors": [{"key": "RUS", "required": true, "aliases": ["Russia"]}], "relations": []}
            """);
        _dir.File("story.txt", "Russia condemned the attack on Tuesday.");

        var result = await GraphCli.RunAsync(_dir.Path, "eval", gold);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Lines[0].ShouldStartWith("actors     precision 1.000 recall 1.000");
    }

    [Fact]
    public async Task WithoutExtractedOrArticlesBesideTheGoldItSaysWhatToGive()
    {
        var gold = _dir.File("x.gold.json", """{"article": "elsewhere.txt", "actors": [], "relations": []}""");

        var result = await GraphCli.RunAsync(_dir.Path, "eval", gold);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain("give what graph extract printed");
    }

    [Fact]
    public async Task BrokenInputIsReportedWithFileAndLineAndNoFigures()
    {
        var gold = _dir.File("x.gold.json", """{"article": "a", "actors": [], "relations": []}""");
        var extracted = _dir.File("x.jsonl", "{\"article\": {\"id\": \"a\"}}\n{broken\n");

        var result = await GraphCli.RunAsync(_dir.Path, "eval", gold, extracted);

        result.ExitCode.ShouldBe(1);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain($"graph eval: {extracted}:2: not valid JSON");
    }
}
