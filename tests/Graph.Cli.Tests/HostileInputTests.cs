using System.Diagnostics;
using System.Text;

namespace Graph.Cli.Tests;

/// <summary>
/// The hostile-input suite: input an attacker or a careless user hands <c>graph ingest</c>, generated here, run by the real
/// program on the real store. What must happen is what the user sees: every bad entry named on its own line with the
/// reason, the good articles beside it stored, what was stored before kept, a dead letter for each bad file, and no hang,
/// stack trace or raw control character. Linear time of hostile shapes is checked by ratio in HtmlReadingTests and
/// ScalingTests; search limits in LimitTests; lone surrogates in GraphQL bodies in HttpTests; a full disk in
/// UserFaultTests; bad feed links in HttpSourceTests; SIGTERM and kill -9 of the worker in WorkerTests.
/// </summary>
// Links, pipes, devices and names of arbitrary bytes are Unix matters.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileInputTests : IDisposable
{
    private const string Escape = "\u001b";

    private readonly TempDir _dir = new();

    public void Dispose()
    {
        // rm, not Directory.Delete: .NET cannot name a file whose name is not UTF-8, so cannot delete it.
        using var rm = Process.Start("rm", ["-rf", Path.Combine(_dir.Path, "inbox")]);
        rm.WaitForExit();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_folder_of_every_hostile_kind_names_each_bad_entry_and_its_reason_and_stores_the_rest_and_loses_nothing()
    {
        (await GraphCli.RunAsync(_dir.Path, "ingest", Repo.SeedArticle)).ExitCode.ShouldBe(0);
        var before = await GraphCli.RunAsync(_dir.Path, "stats");
        var inbox = Inbox();
        // Good: three files and two lines; a folder reached twice (a/up -> ..) is still read once.
        Write("good.txt", "Russia condemned Turkey over the attack on the border.");
        Write("a/inner.txt", "Iran held talks with Turkey in Ankara.");
        Write("deep.html", string.Concat(Enumerable.Repeat("<div>", 100_000)) + "<p>Egypt agreed to host talks with Israel.</p>");
        Write("lines.jsonl", """
            {"id": "line-ok-1", "text": "Germany criticised Poland over the border."}
            {"id": "lone", "text": "x \ud800"}
            {"id": "evil\u001b[31mred\nfailed    forged", "text": "France praised Italy for its help."}
            """);
        // Bad, each a line of its own.
        Link("loop", ".");
        Link("a/up", "..");
        Link("later.txt", "good.txt");
        Link("zero.txt", "/dev/zero");
        Link("gone.txt", "nowhere.txt");
        Shell("mkfifo pipe.txt && printf 'Iran met Iraq.' > \"$(printf 'bad\\377.txt')\"");
        Write("bom.txt", "\uFEFF");
        Write("zero-width.txt", "\u200B\u200C\u200D\u2060\n");
        Write("nul.json", """{"id": "n", "text": "Russia\u0000 supports Assad."}""");
        Write("blank-id.json", """{"id": "   ", "text": "Spain supports Portugal."}""");
        Write("empty.jsonl", "");
        Write("million.json", "[" + string.Join(',', Enumerable.Repeat("{}", 1_000_000)) + "]");

        var result = await GraphCli.RunAsync(_dir.Path, "ingest", inbox);
        var after = await GraphCli.RunAsync(_dir.Path, "stats");
        var letters = await GraphCli.RunAsync(_dir.Path, "worker", "--dead-letters", "--first", "100");

        result.ExitCode.ShouldBe(1, result.Stderr);
        Failure(result, "loop").ShouldContain("loop");
        Failure(result, "a/up").ShouldContain("loop");
        Failure(result, "later.txt").ShouldContain("already read");
        Failure(result, "zero.txt").ShouldContain("pipe or device");
        Failure(result, "pipe.txt").ShouldContain("pipe or device");
        Failure(result, "gone.txt").ShouldContain("dangling link");
        Failure(result, "bad\uFFFD.txt").ShouldContain("not valid UTF-8");
        Failure(result, "lines.jsonl:2").ShouldContain("lone surrogate");
        Failure(result, "bom.txt").ShouldContain("no text");
        Failure(result, "zero-width.txt").ShouldContain("no text");
        Failure(result, "nul.json").ShouldContain("NUL");
        Failure(result, "blank-id.json").ShouldContain("the id is blank");
        Failure(result, "empty.jsonl").ShouldContain("the file is empty");
        Failure(result, "million.json").ShouldStartWith("1000000 records could not be read");
        result.Stderr.ShouldNotContain("   at ");
        result.Stdout.ShouldContain(@"evil\e[31mred\nfailed    forged");
        (result.Stdout + result.Stderr).ShouldNotContain(Escape);
        Count(after, "articles").ShouldBe(Count(before, "articles") + 5, result.Stdout);
        Count(after, "evidence").ShouldBeGreaterThan(Count(before, "evidence"));
        letters.Stdout.ShouldContain(Path.Combine(inbox, "million.json") + "\t");
        letters.Stdout.ShouldContain("1000000 records");
        letters.Lines[^1].ShouldStartWith("14 dead letters");
    }

    [Fact]
    public async Task Ids_with_control_characters_are_printed_escaped_in_every_listing()
    {
        var file = _dir.File("inbox/evil.jsonl", """
            {"id": "a\u001b]0;owned\u0007b", "text": "Russia condemned Turkey over the attack."}
            {"id": "c\r\nd", "text": ""}
            """);

        var result = await GraphCli.RunAsync(_dir.Path, "ingest", file);
        var letters = await GraphCli.RunAsync(_dir.Path, "worker", "--dead-letters");
        var runs = await GraphCli.RunAsync(_dir.Path, "worker", "--runs");

        result.Stdout.ShouldContain(@"a\e]0;owned\x07b");
        foreach (var output in new[] { result.Stdout, result.Stderr, letters.Stdout, runs.Stdout })
        {
            output.ShouldNotContain(Escape);
            output.ShouldNotContain("\u0007");
            output.ShouldNotContain("\r");
        }
    }

    private string Inbox() => Directory.CreateDirectory(Path.Combine(_dir.Path, "inbox", "a")).Parent!.FullName;

    private void Write(string relative, string text) => File.WriteAllText(Path.Combine(_dir.Path, "inbox", relative), text, new UTF8Encoding(false));

    private void Link(string relative, string target) => File.CreateSymbolicLink(Path.Combine(_dir.Path, "inbox", relative), target);

    private void Shell(string command)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = Path.Combine(_dir.Path, "inbox") };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, command);
    }

    /// <summary>The reason on the one "failed" line naming the entry.</summary>
    private string Failure(CliResult result, string relative)
    {
        var prefix = $"failed    {Path.Combine(_dir.Path, "inbox", relative)}: ";
        var lines = result.Stderr.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        lines.Count.ShouldBe(1, $"{prefix}\n{result.Stderr}");
        return lines[0][prefix.Length..];
    }

    private static long Count(CliResult stats, string what) =>
        long.Parse(stats.Lines.Single(l => l.StartsWith(what + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
