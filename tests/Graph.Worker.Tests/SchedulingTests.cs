using Microsoft.Data.Sqlite;
using Quartz;

namespace Graph.Worker.Tests;

/// <summary>Schedules that run a source on its cron and survive a restart.</summary>
public sealed class SchedulingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AScheduledSourceRunsOnItsCronAndItsScheduleSurvivesARestart()
    {
        using var folder = new TempDir();
        folder.File("story.txt", "Russia condemned Turkey over the attack.");
        await using var host = await GraphHost.StartAsync(
            ("Graph:Worker:Sources:0:Name", "inbox"),
            ("Graph:Worker:Sources:0:Kind", "Folder"),
            ("Graph:Worker:Sources:0:Path", folder.Path),
            ("Graph:Worker:Sources:0:Schedule", "0/1 * * * * ?"));
        var scheduler = await host.Get<WorkerScheduler>().StartAsync(Ct);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await host.Log.GetRunsAsync(10, ct: Ct)).All(r => r.EndedAt is null) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, Ct);
            }

            var run = (await host.Log.GetRunsAsync(10, ct: Ct))[^1];
            (run.Source, run.Kind, run.Added).ShouldBe(("inbox", "scheduled", 1));
        }
        finally
        {
            await scheduler.Shutdown(true, CancellationToken.None);
        }

        // A second start finds the schedule stored in worker.db and keeps it rather than creating another.
        var again = await host.Get<WorkerScheduler>().StartAsync(Ct);
        try
        {
            var trigger = await again.GetTrigger(new TriggerKey("inbox", WorkerScheduler.Group), Ct);
            trigger.ShouldBeAssignableTo<ICronTrigger>().ShouldNotBeNull().CronExpressionString.ShouldBe("0/1 * * * * ?");
        }
        finally
        {
            await again.Shutdown(true, CancellationToken.None);
        }

        await using var connection = await host.Get<WorkerDatabase>().OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS;";
        ((long)(await command.ExecuteScalarAsync(Ct))!).ShouldBe(1);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task StoppingTheWorkerStopsTheRunInProgressBetweenTwoArticlesAndRecordsItInterrupted()
    {
        using var folder = new TempDir();
        for (int i = 0; i < 400; i++)
        {
            folder.File($"story-{i:000}.txt", $"Russia condemned Turkey over the attack number {i}. Turkey accused Russia of lying {i} times.");
        }

        await using var host = await GraphHost.StartAsync(
            ("Graph:Worker:Sources:0:Name", "inbox"),
            ("Graph:Worker:Sources:0:Kind", "Folder"),
            ("Graph:Worker:Sources:0:Path", folder.Path),
            ("Graph:Worker:Sources:0:Schedule", "0/1 * * * * ?"));
        var service = new WorkerService(host.Store, host.Log, host.Get<WorkerScheduler>(), host.Get<WorkerStop>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkerService>.Instance);
        await service.StartAsync(Ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Stopped once the run is under way: some articles stored, the run not ended.
        while (!((await host.Log.GetRunsAsync(1, ct: Ct)) is [{ EndedAt: null }] && (await host.Store.GetStatsAsync(Ct)).Articles > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, Ct);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await service.StopAsync(Ct);
        clock.Stop();

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the worker waits for one article, not for the run");
        var run = (await host.Log.GetRunsAsync(1, ct: Ct)).ShouldHaveSingleItem();
        run.EndedAt.ShouldNotBeNull();
        run.Interrupted.ShouldBeTrue();
        run.Read.ShouldBeLessThan(400);
        (await host.Store.GetStatsAsync(Ct)).Articles.ShouldBe(run.Added);
    }
}
