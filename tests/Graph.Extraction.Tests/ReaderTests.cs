using System.Diagnostics;
using System.Text;
using Graph.Extraction.Reading;

namespace Graph.Extraction.Tests;

/// <summary>
/// The article reader on hostile folders and files: every regular file read once, and each entry that cannot be read
/// reported with its file (and line) and reason while the others are still read.
/// </summary>
// Links, pipes, devices, modes and file names of arbitrary bytes are Unix matters.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReaderTests : IDisposable
{
    private const string Good = "Russia supports Assad.";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("graph-reader-");

    // Folders this test closed, opened again so that they can be deleted (a recursive walk here would follow the loops).
    private readonly List<string> _closed = [];

    public void Dispose()
    {
        foreach (var path in _closed)
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // rm, not Directory.Delete: .NET cannot name a file whose name is not UTF-8, so cannot delete it.
        Run("/bin/rm", "-rf", _dir.FullName);
    }

    [Fact]
    public async Task Links_that_loop_are_reported_and_every_file_is_read_once()
    {
        Write("good.txt", Good);
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "a"));
        Write("a/inner.txt", "Iran condemned Israel.");
        Link("a/up", "..");
        Link("loop", ".");
        Link("later.txt", "good.txt");

        var clock = Stopwatch.StartNew();
        var results = await ReadAsync(_dir.FullName);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        Read(results).ShouldBe(["inner.txt", "good.txt"]);
        Failure(results, "a/up").ShouldContain("loop");
        Failure(results, "loop").ShouldContain("loop");
        Failure(results, "later.txt").ShouldContain("already read");
        results.Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_link_out_of_the_folder_is_read_and_a_link_back_in_from_there_is_a_loop()
    {
        using var outside = new TempFolder();
        File.WriteAllText(Path.Combine(outside.Path, "far.txt"), Good);
        File.CreateSymbolicLink(Path.Combine(outside.Path, "back"), _dir.FullName);
        Write("near.txt", Good);
        Link("out", outside.Path);

        var results = await ReadAsync(_dir.FullName);

        Read(results).ShouldBe(["near.txt", "far.txt"]);
        Failure(results, "out/back").ShouldContain("loop");
    }

    [Fact]
    public async Task Pipes_devices_and_dangling_links_are_skipped_with_a_reason_without_blocking()
    {
        Write("good.txt", Good);
        Link("zero.txt", "/dev/zero");
        Link("gone.txt", Path.Combine(_dir.FullName, "nowhere.txt"));
        Shell("mkfifo pipe.txt");

        var clock = Stopwatch.StartNew();
        var results = await ReadAsync(_dir.FullName);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        Read(results).ShouldBe(["good.txt"]);
        Failure(results, "zero.txt").ShouldContain("pipe or device");
        Failure(results, "pipe.txt").ShouldContain("pipe or device");
        Failure(results, "gone.txt").ShouldContain("dangling link");
    }

    [Fact]
    public async Task A_file_name_that_is_not_utf8_is_reported_and_the_rest_is_read()
    {
        Write("good.txt", Good);
        Shell("printf 'Iran met Iraq.' > \"$(printf 'bad\\377.txt')\"");

        var results = await ReadAsync(_dir.FullName);

        Read(results).ShouldBe(["good.txt"]);
        results.ShouldContain(r => r.Error != null && r.Error.Contains("name is not valid UTF-8", StringComparison.Ordinal) && r.Origin.Contains("bad", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreadable_files_and_folders_are_reported_and_the_rest_is_read()
    {
        Write("good.txt", Good);
        var locked = Write("locked.txt", "Iran met Iraq.");
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "closed"));
        Write("closed/inside.txt", Good);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        File.SetUnixFileMode(Path.Combine(_dir.FullName, "closed"), UnixFileMode.None);
        _closed.Add(Path.Combine(_dir.FullName, "closed"));
        Assert.SkipWhen(CanRead(locked), "This process reads files whatever their mode (it runs as root), so no file is unreadable to it.");

        var results = await ReadAsync(_dir.FullName);

        Read(results).ShouldBe(["good.txt"]);
        Failure(results, "locked.txt").ShouldContain("cannot read the file");
        Failure(results, "closed").ShouldContain("cannot read the folder");
    }

    [Fact]
    public async Task A_json_line_with_a_lone_surrogate_fails_alone_with_its_line_number()
    {
        Write("feed.jsonl", """
            {"id": "ok-1", "text": "Russia supports Assad."}
            {"id": "bad", "text": "x \ud800"}
            {"id": "ok-2", "title": "\udc00", "text": "Iran met Iraq."}
            {"id": "ok-3", "text": "Egypt agreed to host talks."}
            """);

        var results = await ReadAsync(_dir.FullName);

        results.Where(r => r.Article != null).Select(r => r.Article!.Id).ShouldBe(["ok-1", "ok-3"]);
        Failure(results, "feed.jsonl:2").ShouldContain("\"text\" is not valid Unicode text: it holds a lone surrogate");
        Failure(results, "feed.jsonl:3").ShouldContain("\"title\"");
    }

    [Fact]
    public async Task Json_errors_name_the_line_they_are_on_counted_from_one()
    {
        Write("doc.json", "{\n  \"id\": \"a\",\n  \"text\": \"x\" \"y\"\n}");
        Write("lines.jsonl", "{\"text\": \"Iran met Iraq.\"}\n{\"text\": 5 6}\n");

        var results = await ReadAsync(_dir.FullName);

        Failure(results, "doc.json:3").ShouldStartWith("not valid JSON (column 15): ");
        Failure(results, "lines.jsonl:2").ShouldStartWith("not valid JSON (column 12): ");
        results.ShouldAllBe(r => r.Error == null || !r.Error.Contains("LineNumber", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bom.txt", "\uFEFF", "no text")]
    [InlineData("zero-width.txt", "\u200B\u200C\u200D\u2060 \uFEFF\n", "no text")]
    [InlineData("nul-text.json", """{"id": "n", "text": "Russia\u0000 supports Assad."}""", "the text contains a NUL character")]
    [InlineData("nul-id.json", """{"id": "a\u0000b", "text": "Russia supports Assad."}""", "the id contains a NUL character")]
    [InlineData("empty-id.json", """{"id": "", "text": "Russia supports Assad."}""", "the id is blank")]
    [InlineData("blank-id.json", """{"id": "   ", "text": "Russia supports Assad."}""", "the id is blank")]
    [InlineData("blank-text.json", """{"id": "b", "text": "\u200B\uFEFF"}""", "no text")]
    [InlineData("empty.jsonl", "", "the file is empty")]
    [InlineData("blank.jsonl", "\n  \n\n", "no articles")]
    [InlineData("empty-array.json", "[]", "no articles")]
    public async Task Input_with_nothing_to_read_is_refused_with_the_reason(string name, string content, string reason)
    {
        Write(name, content);

        var results = await ReadAsync(Path.Combine(_dir.FullName, name));

        var only = results.ShouldHaveSingleItem();
        only.Article.ShouldBeNull();
        only.Origin.ShouldEndWith(name);
        only.Error!.ShouldContain(reason);
    }

    private static async Task<List<ReadResult>> ReadAsync(string path)
    {
        var results = new List<ReadResult>();
        await foreach (var result in new ArticleReader().ReadAsync(path, TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        return results;
    }

    private static List<string> Read(List<ReadResult> results) =>
        [.. results.Where(r => r.Article != null).Select(r => Path.GetFileName(r.Origin))];

    private string Failure(List<ReadResult> results, string relative)
    {
        var origin = Path.Combine(_dir.FullName, relative);
        var failure = results.SingleOrDefault(r => r.Origin == origin && r.Error != null);
        failure.ShouldNotBeNull($"no failure for {origin}; got {string.Join("; ", results.Select(r => $"{r.Origin}: {r.Error ?? "ok"}"))}");
        return failure.Error!;
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir.FullName, relative);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private void Link(string relative, string target) => File.CreateSymbolicLink(Path.Combine(_dir.FullName, relative), target);

    private void Shell(string command) => Run("/bin/sh", "-c", command);

    private void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = _dir.FullName };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, string.Join(' ', arguments));
    }

    private static bool CanRead(string path)
    {
        try
        {
            File.ReadAllBytes(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("graph-reader-outside-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
