using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Graph.Cli.Tests;

/// <summary><c>graph reingest</c> and <c>graph worker</c> as a user runs them.</summary>
public sealed class WorkerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task ReingestSkipsArticlesOfTheCurrentExtractorUnlessAskedForAllAndRunsAreListed()
    {
        (await GraphCli.RunAsync(_dir.Path, "ingest", Repo.SeedFolder)).ExitCode.ShouldBe(0);

        var current = await GraphCli.RunAsync(_dir.Path, "reingest");
        var all = await GraphCli.RunAsync(_dir.Path, "reingest", "--all", "--since", "2019-01-01");
        var runs = await GraphCli.RunAsync(_dir.Path, "worker", "--runs");

        current.ExitCode.ShouldBe(0, current.Stderr);
        current.Stdout.ShouldContain("Nothing to re-extract: all 6 articles were extracted by version");
        all.ExitCode.ShouldBe(0, all.Stderr);
        all.Stdout.ShouldContain("re-extracted; 0 evidence added, 0 changed, 0 removed across 0 actor pairs; 0 failed.");
        var rows = runs.Lines.Skip(1).Select(l => l.Split('\t')).ToList();
        rows.Select(r => r[3]).ShouldBe(["reingest", "reingest", "ingest"]);
        rows[2][5].ShouldBe("6");
        rows[2][6].ShouldBe("6");
    }

    [Fact]
    public async Task ABadSinceDayIsRefusedBeforeAnythingRuns()
    {
        var result = await GraphCli.RunAsync(_dir.Path, "reingest", "--since", "last tuesday");

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldContain("expected a day as YYYY-MM-DD");
        File.Exists(Path.Combine(_dir.Path, "data", "worker.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task TheWorkerRunsAScheduledFolderSourceAnswersHealthAndStopsCleanlyOnSigterm()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_dir.Path, "inbox")).FullName;
        File.Copy(Repo.SeedArticle, Path.Combine(inbox, "story.txt"));
        using var worker = StartWorker(inbox);
        var health = await HealthAddressAsync(worker);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? finished = null;
        while (finished is null && DateTime.UtcNow < deadline && !worker.HasExited)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            finished = FinishedRun(Path.Combine(_dir.Path, "data", "worker.db"));
        }

        using var http = new HttpClient();
        var alive = await http.GetAsync(health + "/healthz", TestContext.Current.CancellationToken);
        var ready = await http.GetAsync(health + "/readyz", TestContext.Current.CancellationToken);
        await TerminateAsync(worker);

        finished.ShouldBe("inbox|scheduled|1", await worker.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        alive.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        worker.ExitCode.ShouldBe(0);
        (await worker.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).ShouldContain("Worker stopped.");
    }

    [Fact]
    public async Task SigtermStopsTheRunInProgressWithinAnArticleNotAtItsEndAndTheRunIsRecordedInterrupted()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_dir.Path, "inbox")).FullName;
        var lines = Enumerable.Range(0, 5000).Select(i => $$"""{"id":"a-{{i}}","text":"Russia condemned Turkey over the attack number {{i}}. Turkey accused Russia of lying."}""");
        File.WriteAllLines(Path.Combine(inbox, "many.jsonl"), lines);
        using var worker = StartWorker(inbox, "0/1 * * * * ?");
        await HealthAddressAsync(worker);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(Path.Combine(_dir.Path, "data", "graph.db")) || StoredArticles() < 50)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the run did not start");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await TerminateAsync(worker);
        clock.Stop();

        worker.ExitCode.ShouldBe(0);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "stopped between two articles, not after 5,000");
        var runs = await GraphCli.RunAsync(_dir.Path, "worker", "--runs");
        var row = runs.Lines.Skip(1).First().Split('\t');
        row[^1].ShouldStartWith("interrupted: stopped before the end");
        int.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture).ShouldBeLessThan(5000);
    }

    [Fact]
    public async Task ARunKilledWithSigkillIsShownInterruptedNotRunningForEver()
    {
        var corpus = Path.Exists(Repo.Corpus) ? Repo.Corpus : Repo.SeedFolder;
        var start = GraphCli.StartInfo(_dir.Path, "ingest", corpus);
        using var ingest = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(Path.Combine(_dir.Path, "data", "graph.db")) || StoredArticles() < 1)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the ingest did not start");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        ingest.Kill();
        await ingest.WaitForExitAsync(TestContext.Current.CancellationToken);

        var runs = await GraphCli.RunAsync(_dir.Path, "worker", "--runs");
        var row = runs.Lines.Skip(1).First().Split('\t');
        row[2].ShouldNotBe("running");
        row[^1].ShouldBe("interrupted: its process ended (killed?) before the run did");
    }

    [Fact]
    public async Task DeadLettersAreListedPageByPageRetriedAndDropped()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_dir.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "good.txt"), "Russia condemned Turkey over the attack.");
        foreach (var name in new[] { "empty-1.txt", "empty-2.txt", "empty-3.txt" })
        {
            File.WriteAllText(Path.Combine(inbox, name), "");
        }

        (await GraphCli.RunAsync(_dir.Path, "ingest", inbox)).ExitCode.ShouldBe(1);
        var page = await GraphCli.RunAsync(_dir.Path, "worker", "--dead-letters", "--first", "2");
        File.WriteAllText(Path.Combine(inbox, "empty-1.txt"), "Turkey accused Russia of lying.");
        var retried = await GraphCli.RunAsync(_dir.Path, "worker", "--retry");
        var dropped = await GraphCli.RunAsync(_dir.Path, "worker", "--drop", Path.Combine(inbox, "empty-2.txt"));
        var left = await GraphCli.RunAsync(_dir.Path, "worker", "--dead-letters");

        page.Lines.Count.ShouldBe(3);
        page.Lines[^1].ShouldBe("3 dead letters, 1-2 shown; --skip 2 for more.");
        retried.Stdout.ShouldContain("2 dead letters left.");
        dropped.Stdout.ShouldContain("Dropped 1 dead letter.");
        left.Lines.Count.ShouldBe(2);
        left.Lines[0].ShouldStartWith(Path.Combine(inbox, "empty-3.txt"));
        left.Lines[0].ShouldContain("2 attempts");
    }

    private Process StartWorker(string inbox, string schedule = "0/2 * * * * ?")
    {
        var start = GraphCli.StartInfo(_dir.Path, "worker", "--urls", "http://127.0.0.1:0");
        start.Environment["Graph__Worker__Sources__0__Name"] = "inbox";
        start.Environment["Graph__Worker__Sources__0__Kind"] = "Folder";
        start.Environment["Graph__Worker__Sources__0__Path"] = inbox;
        start.Environment["Graph__Worker__Sources__0__Schedule"] = schedule;
        return Process.Start(start)!;
    }

    /// <summary>The worker says where it answers ("health at URL/healthz") once it runs, after its start-up log lines.</summary>
    private static async Task<string> HealthAddressAsync(Process worker)
    {
        while (await worker.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"health at (\S+)/healthz");
            if (match.Success)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("The worker ended before it said where it answers: " + await worker.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    private static async Task TerminateAsync(Process process)
    {
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    private long StoredArticles()
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, "data", "graph.db")};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM articles;";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private static string? FinishedRun(string workerDb)
    {
        if (!File.Exists(workerDb))
        {
            return null;
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={workerDb};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT source || '|' || kind || '|' || added FROM ingest_runs WHERE ended_at IS NOT NULL ORDER BY id LIMIT 1;";
            return command.ExecuteScalar() as string;
        }
        catch (SqliteException)
        {
            // The worker is still creating its tables.
            return null;
        }
    }
}
