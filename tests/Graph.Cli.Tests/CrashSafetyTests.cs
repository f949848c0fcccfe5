using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Graph.Core.Storage;
using Graph.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Graph.Cli.Tests;

/// <summary>
/// The worker under <c>kill -9</c> and beside a second worker, on the whole shared corpus: the graph must end up
/// exactly as after one quiet run, with no duplicate and no half-stored article.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly string Corpus = Repo.Corpus;
    private readonly TempDir _quiet = new();
    private readonly TempDir _crashed = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _quiet.Dispose();
        _crashed.Dispose();
    }

    [Fact]
    public async Task KilledMidIngestAndRestartedEndsWithTheSameGraphAsAnUninterruptedRun()
    {
        Assert.SkipUnless(File.Exists(Corpus), $"The shared corpus is not at {Corpus}.");

        var quiet = await GraphCli.RunAsync(_quiet.Path, "ingest", Corpus);
        quiet.ExitCode.ShouldBe(0, quiet.Stderr);

        var storedBeforeKill = await KillAfterAsync(_crashed.Path, addedLines: 40);
        storedBeforeKill.ShouldBeGreaterThanOrEqualTo(40);
        var restart = await GraphCli.RunAsync(_crashed.Path, "ingest", Corpus);
        restart.ExitCode.ShouldBe(0, restart.Stderr);

        // The restart redid only what the killed run had not committed.
        var unchanged = int.Parse(restart.Stdout.Split(" unchanged;")[0].Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
        unchanged.ShouldBeGreaterThanOrEqualTo(storedBeforeKill);
        restart.Stdout.ShouldContain(" 0 updated, ");

        var expected = await SnapshotAsync(_quiet.Path);
        var actual = await SnapshotAsync(_crashed.Path);
        actual.Stats.ShouldBe(expected.Stats);
        actual.Stats.Articles.ShouldBe(249);
        actual.DuplicateEvidence.ShouldBe(0);
        actual.Digest.ShouldBe(expected.Digest);
        IntegrityCheck(Path.Combine(_crashed.Path, "data", "graph.db")).ShouldBe("ok");
        IntegrityCheck(Path.Combine(_crashed.Path, "data", "worker.db")).ShouldBe("ok");
    }

    [Fact]
    public async Task TwoWorkersOnTheSameStoreNeverExtractTheSameArticleTwice()
    {
        Assert.SkipUnless(File.Exists(Corpus), $"The shared corpus is not at {Corpus}.");

        var results = await Task.WhenAll(GraphCli.RunAsync(_crashed.Path, "ingest", Corpus), GraphCli.RunAsync(_crashed.Path, "ingest", Corpus));
        results.ShouldAllBe(r => r.ExitCode == 0);
        var quiet = await GraphCli.RunAsync(_quiet.Path, "ingest", Corpus);
        quiet.ExitCode.ShouldBe(0, quiet.Stderr);

        // Every article was extracted by exactly one of the two, and stored as added by that one.
        var runs = await RunCountsAsync(Path.Combine(_crashed.Path, "data", "worker.db"));
        runs.Count.ShouldBe(2);
        runs.Sum(r => r.Extracted).ShouldBe(249);
        runs.Sum(r => r.Added).ShouldBe(249);
        runs.Sum(r => r.Updated).ShouldBe(0);
        var addedLines = results.SelectMany(r => r.Lines).Where(l => l.StartsWith("added ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).ToList();
        addedLines.Count.ShouldBe(249);
        addedLines.Distinct().Count().ShouldBe(249);

        var expected = await SnapshotAsync(_quiet.Path);
        var actual = await SnapshotAsync(_crashed.Path);
        actual.Stats.ShouldBe(expected.Stats);
        actual.Digest.ShouldBe(expected.Digest);
    }

    /// <summary>Starts <c>graph ingest</c> on the corpus and SIGKILLs it once it reported this many stored articles.</summary>
    private static async Task<int> KillAfterAsync(string dir, int addedLines)
    {
        var start = GraphCli.StartInfo(dir, "ingest", Corpus);
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var added = 0;
        while (await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.StartsWith("added ", StringComparison.Ordinal) && ++added == addedLines)
            {
                process.Kill();
                break;
            }
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        added.ShouldBe(addedLines, "the run ended before it could be killed mid-way");
        return added;
    }

    private sealed record Snapshot(StoreStats Stats, string Digest, int DuplicateEvidence);

    /// <summary>Stats, and a digest of every evidence row and actor as the store API returns them (ids of rows aside).</summary>
    private static async Task<Snapshot> SnapshotAsync(string dir)
    {
        using var store = new SqliteGraphStore(new SqliteStoreOptions { DataDirectory = Path.Combine(dir, "data") }, TimeProvider.System);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var stats = await store.GetStatsAsync(TestContext.Current.CancellationToken);
        var evidence = await store.GetEvidenceAsync(new EvidenceFilter(), TestContext.Current.CancellationToken);
        var rows = evidence
            .Select(e => string.Join('|', e.ArticleId, e.Source, e.Target, e.Type, e.Polarity, e.Score, e.Confidence, e.Modality, e.Start, e.End, e.SaidBy, e.EventDate, e.ExtractorVersion, e.Sentence))
            .Order(StringComparer.Ordinal)
            .ToList();
        var actors = await store.SearchActorsAsync(new ActorSearch(First: 100_000), TestContext.Current.CancellationToken);
        var text = string.Join('\n', rows) + "\n--\n" + string.Join('\n', actors.Items
            .Select(a => string.Join('|', a.Id, a.Name, a.Kind, string.Join(',', a.Aliases.Order(StringComparer.Ordinal))))
            .Order(StringComparer.Ordinal));
        return new Snapshot(stats, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))), rows.Count - rows.Distinct().Count());
    }

    private static string IntegrityCheck(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    private sealed record RunCounts(int Added, int Updated, int Extracted);

    private static async Task<List<RunCounts>> RunCountsAsync(string workerDb)
    {
        await using var connection = new SqliteConnection($"Data Source={workerDb};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT added, updated, extracted FROM ingest_runs;";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var runs = new List<RunCounts>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            runs.Add(new RunCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return runs;
    }
}
