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
    public async Task TheWorkerRunsAScheduledFolderSourceAndStopsCleanlyOnSigterm()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_dir.Path, "inbox")).FullName;
        File.Copy(Repo.SeedArticle, Path.Combine(inbox, "story.txt"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _dir.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "graph.dll"));
        start.ArgumentList.Add("worker");
        start.Environment["GRAPH_DATA"] = Path.Combine(_dir.Path, "data");
        start.Environment["GRAPH_HOME"] = Repo.Root;
        start.Environment["Graph__Worker__Sources__0__Name"] = "inbox";
        start.Environment["Graph__Worker__Sources__0__Kind"] = "Folder";
        start.Environment["Graph__Worker__Sources__0__Path"] = inbox;
        start.Environment["Graph__Worker__Sources__0__Schedule"] = "0/2 * * * * ?";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? finished = null;
        while (finished is null && DateTime.UtcNow < deadline && !process.HasExited)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            finished = FinishedRun(Path.Combine(_dir.Path, "data", "worker.db"));
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        finished.ShouldBe("inbox|scheduled|1", await stderr);
        process.ExitCode.ShouldBe(0);
        (await stdout).ShouldContain("Worker stopped.");
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
