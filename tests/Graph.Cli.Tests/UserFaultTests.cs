using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Graph.Cli.Hosting;
using Graph.Core;
using Microsoft.Extensions.Options;

namespace Graph.Cli.Tests;

/// <summary>What a new user ran into, as they ran it: each fault, and what must happen instead.</summary>
public sealed class UserFaultTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_read_only_command_refuses_a_store_that_does_not_exist_instead_of_creating_an_empty_one()
    {
        var typo = Path.Combine(_dir.Path, "typo");

        var stats = await GraphCli.RunAsync(_dir.Path, "--data", typo, "stats");
        var runs = await GraphCli.RunAsync(_dir.Path, "--data", typo, "worker", "--runs");

        foreach (var result in new[] { stats, runs })
        {
            result.ExitCode.ShouldBe(1, result.Stderr);
            result.Stderr.Trim().ShouldBe($"graph: No store at {typo}: graph.db is not there. Check --data (or GRAPH_DATA); graph ingest or graph serve creates a store.");
        }

        Directory.Exists(typo).ShouldBeFalse();
    }

    [Fact]
    public async Task An_edited_lexicon_alone_is_used_with_the_built_in_actors()
    {
        var lexicon = LexiconWithout("condemn");
        var article = _dir.File("story.txt", "Russia condemned Turkey over the attack.");

        var builtIn = await GraphCli.RunAsync(_dir.Path, "extract", article);
        var edited = await GraphCli.RunAsync(_dir.Path, ["extract", article], new Dictionary<string, string> { ["Graph__LexiconPath"] = lexicon });

        builtIn.Stdout.ShouldContain("\"type\":\"ACCUSE\"");
        edited.ExitCode.ShouldBe(0, edited.Stderr);
        edited.Stdout.ShouldNotContain("\"type\":\"ACCUSE\"");
        edited.Stdout.ShouldContain("\"id\":\"RUS\"", customMessage: "the built-in actors are still there");
    }

    [Fact]
    public async Task An_edited_lexicon_reaches_the_stored_articles_and_the_built_in_one_brings_them_back()
    {
        var article = _dir.File("story.txt", "Russia condemned Turkey over the attack.");
        (await GraphCli.RunAsync(_dir.Path, "ingest", article)).ExitCode.ShouldBe(0);
        var edited = new Dictionary<string, string> { ["Graph__LexiconPath"] = LexiconWithout("condemn") };

        // Without --all: the stored article is stale because the edited lexicon gives another extractor version.
        var stale = await GraphCli.RunAsync(_dir.Path, ["reingest"], edited);
        var all = await GraphCli.RunAsync(_dir.Path, ["reingest", "--all"], edited);
        var current = await GraphCli.RunAsync(_dir.Path, ["reingest"], edited);
        var stats = await GraphCli.RunAsync(_dir.Path, "stats");
        var builtIn = await GraphCli.RunAsync(_dir.Path, "ingest", article);

        stale.ExitCode.ShouldBe(0, stale.Stderr);
        stale.Stdout.ShouldContain("RUS -> TUR: 0 added, 0 changed, 1 removed");
        stale.Stdout.ShouldContain("1 article considered, 1 re-extracted; 0 evidence added, 0 changed, 1 removed across 1 actor pair; 0 failed.");
        all.Stdout.ShouldContain("1 article considered, 1 re-extracted; 0 evidence added, 0 changed, 0 removed across 0 actor pairs; 0 failed.");
        current.Stdout.ShouldStartWith("Nothing to re-extract: the article was extracted by version");
        stats.Lines.ShouldContain("evidence       0");
        builtIn.ExitCode.ShouldBe(0, builtIn.Stderr);
        builtIn.Stdout.ShouldContain("updated   story.txt (2 actors, 1 relationship)");
    }

    [Theory]
    [InlineData("extract")]
    [InlineData("serve")]
    public async Task An_edited_lexicon_that_cannot_be_read_stops_the_command_in_one_line_naming_the_setting(string command)
    {
        var lexicon = Directory.CreateDirectory(Path.Combine(_dir.Path, "lexicon")).FullName;
        File.WriteAllText(Path.Combine(lexicon, "page.json"), "{ \"abbreviations\": [ ");
        string[] args = command == "serve" ? ["serve", "--urls", "http://127.0.0.1:0"] : ["extract", Repo.SeedArticle];

        var result = await GraphCli.RunAsync(_dir.Path, args, new Dictionary<string, string> { ["Graph__LexiconPath"] = lexicon });

        result.ExitCode.ShouldBe(1, result.Stderr);
        result.Stderr.Trim().Split('\n').ShouldHaveSingleItem()
            .ShouldStartWith($"graph: Graph:LexiconPath {lexicon}: cannot be read: Lexicon file page.json is not valid JSON:");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Only_mistakes_the_user_can_fix_are_one_line_and_a_bug_is_not_hidden_as_one()
    {
        UserErrors.Describe(new InvalidOperationException("Sequence contains no elements")).ShouldBeNull();
        UserErrors.Describe(new NullReferenceException()).ShouldBeNull();
        UserErrors.Describe(new UserErrorException("No source named x in Graph:Worker:Sources.")).ShouldBe(new UserErrors.Problem("No source named x in Graph:Worker:Sources.", 1));
        UserErrors.Describe(new StorageFullException("/data/graph.db"))!.Message.ShouldStartWith("The disk is full: /data/graph.db could not be written.");
        UserErrors.Describe(new OptionsValidationException("Graph", typeof(GraphOptions), ["Graph:Store must be Sqlite or Neo4j."]))!.ExitCode.ShouldBe(2);
        UserErrors.Describe(new IOException("Failed to bind to address http://127.0.0.1:5080: address already in use.", new IOException("inner")))!.Message
            .ShouldBe("inner");
    }

    [Fact]
    public async Task A_forced_ingest_says_it_extracted_again_not_that_nothing_changed()
    {
        (await GraphCli.RunAsync(_dir.Path, "ingest", Repo.SeedArticle)).ExitCode.ShouldBe(0);

        var forced = await GraphCli.RunAsync(_dir.Path, "ingest", Repo.SeedArticle, "--force");

        forced.ExitCode.ShouldBe(0, forced.Stderr);
        forced.Stdout.ShouldNotContain("Nothing changed");
        forced.Stdout.ShouldContain("1 article extracted again (--force): 0 added, 1 updated, 0 unchanged;");
    }

    [Fact]
    public async Task Counts_of_one_are_written_in_the_singular()
    {
        var file = _dir.File("story.txt", "Russia condemned Turkey over the attack.");

        var result = await GraphCli.RunAsync(_dir.Path, "ingest", file);

        result.Stdout.ShouldContain("added     story.txt (2 actors, 1 relationship)");
        result.Stdout.ShouldContain("1 article: 1 added, 0 updated, 0 unchanged; 1 relationship stored; 0 failed.");
        Graph.Cli.Commands.ServeCommand.Holding(new Graph.Core.Storage.StoreStats(1, 2, 1, 1))
            .ShouldBe("The store holds 1 article, 2 actors, 1 relationship (1 piece of evidence).");
    }

    [Fact]
    public async Task The_same_text_under_two_file_names_is_stored_and_counted_once_and_reported_as_a_duplicate()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_dir.Path, "inbox")).FullName;
        File.Copy(Repo.SeedArticle, Path.Combine(inbox, "a.txt"));
        File.Copy(Repo.SeedArticle, Path.Combine(inbox, "b.txt"));

        var result = await GraphCli.RunAsync(_dir.Path, "ingest", inbox);
        var stats = await GraphCli.RunAsync(_dir.Path, "stats");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("duplicate b.txt (the same text as a.txt): not stored again");
        result.Stdout.ShouldContain("1 duplicate (the same text as a stored article) not stored again.");
        stats.Lines.ShouldContain("articles       1");
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("worker")]
    public async Task A_port_in_use_is_one_line_without_a_stack_trace(string command)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var inbox = Directory.CreateDirectory(Path.Combine(_dir.Path, "inbox")).FullName;

        // The worker's scheduler starts before its health endpoint binds: it must not keep the process alive after the error.
        var result = await GraphCli.RunAsync(_dir.Path, [command, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
        {
            ["Graph__Worker__Sources__0__Name"] = "inbox",
            ["Graph__Worker__Sources__0__Kind"] = "Folder",
            ["Graph__Worker__Sources__0__Path"] = inbox,
            ["Graph__Worker__Sources__0__Schedule"] = "0 0/5 * * * ?",
        });

        result.ExitCode.ShouldBe(1);
        result.Stderr.Trim().Split('\n').Where(l => !l.StartsWith("info:", StringComparison.Ordinal) && !l.StartsWith("      ", StringComparison.Ordinal))
            .ShouldHaveSingleItem().ShouldBe($"graph: Failed to bind to address http://127.0.0.1:{port}: address already in use.");
        result.Stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_full_disk_stops_the_ingest_with_one_line_and_leaves_the_store_consistent()
    {
        Assert.SkipUnless(await CanMountAsync(), "needs unshare and a tmpfs mount in a user namespace to make a small disk");
        var corpus = ManyArticles();
        var data = Path.Combine(_dir.Path, "small");
        Directory.CreateDirectory(data);
        // A 1 MB disk: the store fills it part way through the corpus (whose text alone is larger).
        string script = $"mount -t tmpfs -o size=1m tmpfs '{data}' && GRAPH_DATA='{data}/data' dotnet '{GraphDll}' ingest '{corpus}'; code=$?; " +
                        $"cp -r '{data}/data' '{_dir.Path}/after'; exit $code";

        var result = await RunAsync("unshare", ["-rm", "sh", "-c", script]);

        await StoppedWithOneLineAsync(result, Path.Combine(_dir.Path, "after"));
    }

    [Fact]
    public async Task A_file_size_limit_stops_the_ingest_with_one_line_and_leaves_the_store_consistent()
    {
        var corpus = ManyArticles();
        var data = Path.Combine(_dir.Path, "limited");
        // Files may not grow past 1 MB (ulimit -f counts 1 KB blocks); SIGXFSZ ignored, so a write past it fails (EFBIG)
        // as on a full disk. Write-xor-execute off: the runtime's double-mapped code pages are a file it could not grow.
        string script = $"trap '' XFSZ; ulimit -f 1024; DOTNET_EnableWriteXorExecute=0 GRAPH_DATA='{data}' exec dotnet '{GraphDll}' ingest '{corpus}'";

        var result = await RunAsync("sh", ["-c", script]);

        await StoppedWithOneLineAsync(result, data);
    }

    private static string GraphDll => Path.Combine(AppContext.BaseDirectory, "graph.dll");

    /// <summary>2,000 distinct articles, 1.5 MB of text: more than the 1 MB the store may write.</summary>
    private string ManyArticles()
    {
        var corpus = Path.Combine(_dir.Path, "many.jsonl");
        File.WriteAllLines(corpus, Enumerable.Range(0, 2000).Select(i =>
            $$"""{"id":"a-{{i}}","text":"Russia condemned Turkey over the attack number {{i}} on the border. {{string.Concat(Enumerable.Repeat($"Turkey accused Russia of lying about strike {i}. ", 12))}}"}"""));
        return corpus;
    }

    /// <summary>The ingest ended with one line saying the disk is full, no stack trace, and no evidence stored without its article.</summary>
    private static async Task StoppedWithOneLineAsync(CliResult result, string data)
    {
        result.ExitCode.ShouldBe(1, result.Stderr);
        var last = result.Stderr.Trim().Split('\n')[^1];
        last.ShouldStartWith("graph: The disk is full: ");
        result.Stderr.ShouldNotContain("   at ");
        result.Stderr.ShouldNotContain("Unhandled exception");
        using var store = new Graph.Store.Sqlite.SqliteGraphStore(new Graph.Store.Sqlite.SqliteStoreOptions { DataDirectory = data }, TimeProvider.System);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var evidence = await store.GetEvidenceAsync(new Graph.Core.Storage.EvidenceFilter(), TestContext.Current.CancellationToken);
        var articles = await store.SearchArticlesAsync(new Graph.Core.Storage.ArticleSearch(First: 1000), TestContext.Current.CancellationToken);
        articles.TotalCount.ShouldBeGreaterThan(0, "it stored what fitted");
        evidence.Select(e => e.ArticleId).Distinct().ShouldAllBe(id => articles.Items.Any(a => a.Id == id), "no evidence without its article: whole articles or nothing");
    }

    /// <summary>
    /// The linguist's edit, on a copy of the whole lexicon: <paramref name="verb"/> is no longer an event verb, wherever
    /// the lexicon lists verbs. Returns the copy's folder.
    /// </summary>
    private string LexiconWithout(string verb)
    {
        var source = Repo.File("graph-seed", "lexicon");
        var lexicon = Path.Combine(_dir.Path, "lexicon");
        int removed = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(lexicon, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            if (!file.EndsWith(".json", StringComparison.Ordinal))
            {
                File.Copy(file, copy);
                continue;
            }

            var node = JsonNode.Parse(File.ReadAllText(file))!;
            removed += WithoutVerb(node, verb);
            File.WriteAllText(copy, node.ToJsonString());
        }

        removed.ShouldBeGreaterThan(0, $"no verb list names \"{verb}\": update this edit to the lexicon's format");
        return lexicon;
    }

    /// <summary>Removes the entries starting with <paramref name="verb"/> from every array named "verbs" in the tree; says how many.</summary>
    private static int WithoutVerb(JsonNode? node, string verb)
    {
        int removed = 0;
        if (node is JsonObject map)
        {
            foreach (var (name, value) in map.ToList())
            {
                if (name == "verbs" && value is JsonArray verbs)
                {
                    foreach (var entry in verbs.Where(v => v is JsonValue x && x.TryGetValue<string>(out var text) && text.StartsWith(verb, StringComparison.Ordinal)).ToList())
                    {
                        verbs.Remove(entry);
                        removed++;
                    }
                }
                else
                {
                    removed += WithoutVerb(value, verb);
                }
            }
        }
        else if (node is JsonArray list)
        {
            removed += list.Sum(item => WithoutVerb(item, verb));
        }

        return removed;
    }

    private static async Task<bool> CanMountAsync()
    {
        try
        {
            return (await RunAsync("unshare", ["-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"])).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<CliResult> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GRAPH_HOME"] = Repo.Root;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
