using System.Diagnostics;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction.Reading;
using Microsoft.Data.Sqlite;
using Quartz;

namespace Graph.Worker.Tests;

/// <summary>The pipeline's guarantees: dead letters, claims between workers, schedules that survive a restart, re-extraction reports.</summary>
public sealed class PipelineTests
{
    private static async IAsyncEnumerable<ReadResult> Items(params ReadResult[] items)
    {
        await Task.Yield();
        foreach (var item in items)
        {
            yield return item;
        }
    }

    [Fact]
    public async Task ABadArticleIsDeadLetteredAndTheRunGoesOnAndIsRecorded()
    {
        await using var host = await WorkerHost.StartAsync();
        var pipeline = host.Get<IngestPipeline>();

        var summary = await pipeline.RunAsync("test", "ingest", Items(
            ReadResult.Fail("bad.txt", "not valid UTF-8"),
            ReadResult.Ok("good.txt", new Article("good", "Russia condemned Turkey over the attack."))), ct: TestContext.Current.CancellationToken);

        summary.Results.Single().Outcome.ShouldBe(SaveOutcome.Added);
        summary.Failures.Single().ShouldBe(new IngestFailure("bad.txt", "not valid UTF-8"));
        var dead = (await host.Get<IIngestLog>().GetDeadLettersAsync(ct: TestContext.Current.CancellationToken)).Single();
        (dead.Origin, dead.Source, dead.Error, dead.Attempts).ShouldBe(("bad.txt", "test", "not valid UTF-8", 1));
        var run = (await host.Get<IIngestLog>().GetRunsAsync(ct: TestContext.Current.CancellationToken)).Single();
        (run.Source, run.Kind, run.Read, run.Added, run.Extracted, run.Failed, run.Error).ShouldBe(("test", "ingest", 2, 1, 1, 1, (string?)null));

        // Once the article reads fine, it leaves the dead letters.
        await pipeline.RunAsync("test", "ingest", Items(ReadResult.Ok("bad.txt", new Article("bad", "Iran held talks with Turkey."))), ct: TestContext.Current.CancellationToken);
        (await host.Get<IIngestLog>().GetDeadLettersAsync(ct: TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnArticleClaimedByALiveWorkerIsLeftToItButAKilledWorkersClaimIsTakenOver()
    {
        await using var host = await WorkerHost.StartAsync();
        var pipeline = host.Get<IngestPipeline>();
        using var alive = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        using var dead = Process.Start(new ProcessStartInfo("true"))!;
        await dead.WaitForExitAsync(TestContext.Current.CancellationToken);
        await ClaimAsync(host, "held", $"{Environment.MachineName}:{alive.Id}");
        await ClaimAsync(host, "orphan", $"{Environment.MachineName}:{dead.Id}");

        try
        {
            var summary = await pipeline.RunAsync("test", "ingest", Items(
                ReadResult.Ok("held", new Article("held", "Russia condemned Turkey.")),
                ReadResult.Ok("orphan", new Article("orphan", "Turkey accused Russia of lying."))), ct: TestContext.Current.CancellationToken);

            summary.ClaimedElsewhere.ShouldBe(1);
            summary.Results.Select(r => (r.ArticleId, r.Outcome)).ShouldBe([("orphan", SaveOutcome.Added)]);
            (await host.Get<IGraphStore>().GetArticleStateAsync("held", TestContext.Current.CancellationToken)).ShouldBeNull();
        }
        finally
        {
            alive.Kill();
        }
    }

    private static async Task ClaimAsync(WorkerHost host, string articleId, string owner)
    {
        await using var connection = await host.Get<WorkerDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO article_claims (article_id, owner, expires_at) VALUES ($id, $owner, $expires);";
        command.Parameters.AddWithValue("$id", articleId);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$expires", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AScheduledSourceRunsOnItsCronAndItsScheduleSurvivesARestart()
    {
        var folder = Directory.CreateTempSubdirectory("graph-worker-source-").FullName;
        File.WriteAllText(Path.Combine(folder, "story.txt"), "Russia condemned Turkey over the attack.");
        (string, string?)[] settings =
        [
            ("Graph:Worker:Sources:0:Name", "inbox"),
            ("Graph:Worker:Sources:0:Kind", "Folder"),
            ("Graph:Worker:Sources:0:Path", folder),
            ("Graph:Worker:Sources:0:Schedule", "0/1 * * * * ?"),
        ];
        await using var host = await WorkerHost.StartAsync(settings);
        var scheduler = await host.Get<WorkerScheduler>().StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var log = host.Get<IIngestLog>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await log.GetRunsAsync(10, TestContext.Current.CancellationToken)).All(r => r.EndedAt is null) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            var runs = await log.GetRunsAsync(10, TestContext.Current.CancellationToken);
            var run = runs[^1];
            (run.Source, run.Kind, run.Added).ShouldBe(("inbox", "scheduled", 1));
        }
        finally
        {
            await scheduler.Shutdown(true, CancellationToken.None);
        }

        // A second start finds the schedule stored in worker.db and keeps it rather than creating another.
        var again = await host.Get<WorkerScheduler>().StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var trigger = await again.GetTrigger(new TriggerKey("inbox", WorkerScheduler.Group), TestContext.Current.CancellationToken);
            trigger.ShouldBeAssignableTo<ICronTrigger>().ShouldNotBeNull().CronExpressionString.ShouldBe("0/1 * * * * ?");
        }
        finally
        {
            await again.Shutdown(true, CancellationToken.None);
        }

        await using var connection = await host.Get<WorkerDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS;";
        ((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!).ShouldBe(1);
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task RunsCanBeAskedForBeforeAnyIngestionCreatedTheWorkerDatabase()
    {
        var dir = Directory.CreateTempSubdirectory("graph-worker-empty-").FullName;
        try
        {
            var log = new SqliteIngestLog(new WorkerDatabase(Path.Combine(dir, "data")), TimeProvider.System);

            (await log.GetRunsAsync(5, TestContext.Current.CancellationToken)).ShouldBeEmpty();
            (await log.GetDeadLettersAsync(5, TestContext.Current.CancellationToken)).ShouldBeEmpty();
            File.Exists(Path.Combine(dir, "data", "worker.db")).ShouldBeTrue();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void OnlyBusyOrLockedDatabaseErrorsAreRetriedNotBrokenData()
    {
        IngestPipeline.IsTransient(new SqliteException("database is locked", 5)).ShouldBeTrue();
        IngestPipeline.IsTransient(new SqliteException("database table is locked", 6)).ShouldBeTrue();
        IngestPipeline.IsTransient(new SqliteException("constraint failed", 19)).ShouldBeFalse();
        IngestPipeline.IsTransient(new SqliteException("database disk image is malformed", 11)).ShouldBeFalse();
        IngestPipeline.IsTransient(new InvalidOperationException("bug")).ShouldBeFalse();
    }

    [Fact]
    public void ReextractionIsReportedPerActorPairAsAddedChangedAndRemoved()
    {
        static Evidence E(string s, string t, int start, int polarity) =>
            new($"{s}{t}{start}", "a", s, t, RelationType.Accuse, polarity, -2, 0.8, Modality.Asserted, "x", start, start + 5, null, null, null, null, null, "v1");
        Evidence[] before = [E("RUS", "TUR", 0, -1), E("RUS", "TUR", 10, -1), E("IRN", "TUR", 20, -1)];
        Evidence[] after = [E("RUS", "TUR", 0, 1), E("RUS", "TUR", 30, -1), E("USA", "SYR", 40, -1)];

        var changes = Reingester.Diff(before, after).OrderBy(c => c.Source, StringComparer.Ordinal).ToList();

        changes.ShouldBe([
            new PairChange("IRN", "TUR", 0, 0, 1),
            new PairChange("RUS", "TUR", 1, 1, 1),
            new PairChange("USA", "SYR", 1, 0, 0),
        ]);
    }

    [Fact]
    public async Task ReingestAllReextractsFromStoredTextAndASameVersionRunChangesNothing()
    {
        await using var host = await WorkerHost.StartAsync();
        await host.Get<IngestPipeline>().RunAsync("test", "ingest", Items(
            ReadResult.Ok("a", new Article("a", "Russia condemned Turkey over the attack. Turkey accused Russia of lying.", Source: "guardian"))), ct: TestContext.Current.CancellationToken);
        var evidence = await host.Get<IGraphStore>().GetEvidenceAsync(new EvidenceFilter { ArticleId = "a" }, TestContext.Current.CancellationToken);

        var skipped = await host.Get<Reingester>().RunAsync(null, null, all: false, TestContext.Current.CancellationToken);
        var all = await host.Get<Reingester>().RunAsync(null, "guardian", all: true, TestContext.Current.CancellationToken);
        var otherSource = await host.Get<Reingester>().RunAsync(null, "bbc", all: true, TestContext.Current.CancellationToken);

        (skipped.Considered, skipped.Reextracted).ShouldBe((1, 0));
        (all.Considered, all.Reextracted, all.Pairs.Count).ShouldBe((1, 1, 0));
        otherSource.Considered.ShouldBe(0);
        (await host.Get<IGraphStore>().GetEvidenceAsync(new EvidenceFilter { ArticleId = "a" }, TestContext.Current.CancellationToken)).Count.ShouldBe(evidence.Count);
    }
}
