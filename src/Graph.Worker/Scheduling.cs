using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;

namespace Graph.Worker;

/// <summary>
/// <c>graph worker</c> as a hosted service: the schedules run while the host runs. When the host stops (SIGTERM, Ctrl+C)
/// the run in progress is cancelled between two articles (recorded as interrupted; the next run does the rest), then
/// the scheduler shuts down.
/// </summary>
public sealed partial class WorkerService(IGraphStore store, IIngestLog log, WorkerScheduler scheduler, WorkerStop stop, ILogger<WorkerService> logger) : IHostedService, IAsyncDisposable
{
    private IScheduler? _running;

    /// <summary>The store and its log are opened first: a worker that cannot reach them says so at start, not at its first run.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await log.InitializeAsync(cancellationToken);
        _running = await scheduler.StartAsync(cancellationToken);
        Log.Started(logger, scheduler.ScheduledSources);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stop.CancelAsync();
        if (_running is { } running)
        {
            _running = null;
            await running.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }

        Log.Stopped(logger);
    }

    /// <summary>
    /// A host that failed to start after this service did (its port was taken) is disposed without being stopped: the
    /// scheduler is shut down here, or its threads would keep the process alive after the error was printed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_running is { } running)
        {
            _running = null;
            await stop.CancelAsync();
            await running.Shutdown(waitForJobsToComplete: true);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 614, Level = LogLevel.Information, Message = "Worker running {Sources} scheduled sources")]
        public static partial void Started(ILogger logger, int sources);

        [LoggerMessage(EventId = 615, Level = LogLevel.Information, Message = "Worker stopped")]
        public static partial void Stopped(ILogger logger);
    }
}

/// <summary>Signalled when the worker stops: the scheduled run in progress takes it as its cancellation.</summary>
public sealed class WorkerStop : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Token => _stopping.Token;

    public Task CancelAsync() => _stopping.CancelAsync();

    public void Dispose() => _stopping.Dispose();
}

/// <summary>
/// Runs each source on its cron schedule with Quartz.NET, persisted in <c>worker.db</c> (JobStoreTX, SQLite
/// delegate), so schedules and missed fire times survive restarts.
/// <para>
/// Misfire policy: a run missed while the worker was down (or busy past the 60 s misfire threshold) fires once,
/// as soon as the worker is back, and the schedule then goes on as before (cron "fire once now"): ingestion is
/// idempotent, so one catch-up run does all the missed work, and several would only repeat it.
/// </para>
/// </summary>
public sealed partial class WorkerScheduler(WorkerDatabase database, IServiceProvider services, IOptions<WorkerOptions> options, ILogger<WorkerScheduler> logger)
{
    public const string Group = "sources";

    public int ScheduledSources => options.Value.Sources.Count(s => !string.IsNullOrWhiteSpace(s.Schedule));

    public async Task<IScheduler> StartAsync(CancellationToken ct)
    {
        await database.InitializeAsync(ct);
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "graph-worker");
            q.UseJobFactory(new Factory(services));
            // One ingestion at a time: two would only compete for the same two cores and the same store.
            q.UseDefaultThreadPool(1);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(database.ConnectionString);
                // Quartz 4.7 creates its own tables when missing (and validates them when present): its layout has
                // grown columns and tables release by release, and a hand-written copy would fail that validation.
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = "QRTZ_";
                    o.MisfireThreshold = TimeSpan.FromSeconds(60);
                });
            });
        }).BuildScheduler(ct);
        await SyncSchedulesAsync(scheduler, ct);
        await scheduler.Start(ct);
        return scheduler;
    }

    /// <summary>Makes the stored schedules match configuration, keeping triggers whose cron did not change (and their misfire state).</summary>
    private async Task SyncSchedulesAsync(IScheduler scheduler, CancellationToken ct)
    {
        var wanted = options.Value.Sources.Where(s => !string.IsNullOrWhiteSpace(s.Schedule)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), ct))
        {
            if (!wanted.ContainsKey(key.Name))
            {
                await scheduler.DeleteJob(key, ct);
            }
        }

        foreach (var source in wanted.Values)
        {
            var triggerKey = new TriggerKey(source.Name, Group);
            if (await scheduler.GetTrigger(triggerKey, ct) is ICronTrigger existing && existing.CronExpressionString == source.Schedule)
            {
                Log.Kept(logger, source.Name, source.Schedule!, existing.NextFireTimeUtc);
                continue;
            }

            var job = JobBuilder.Create<IngestSourceJob>()
                .WithIdentity(source.Name, Group)
                .UsingJobData(IngestSourceJob.SourceKey, source.Name)
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(job)
                .WithCronSchedule(source.Schedule!, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
            var next = trigger.GetFireTimeAfter(null);
            Log.Scheduled(logger, source.Name, source.Schedule!, next);
        }
    }

    private sealed class Factory(IServiceProvider services) : IJobFactory
    {
        public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new JobScope((IJob)Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(services, bundle.JobDetail.JobType.Type), null));

        public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "Source {Source} scheduled ({Cron}); next run {Next}")]
        public static partial void Scheduled(ILogger logger, string source, string cron, DateTimeOffset? next);

        [LoggerMessage(EventId = 612, Level = LogLevel.Information, Message = "Source {Source} keeps its stored schedule ({Cron}); next run {Next}")]
        public static partial void Kept(ILogger logger, string source, string cron, DateTimeOffset? next);
    }
}

/// <summary>One scheduled run of one source. Never two at once for the same source; cancelled when the worker stops.</summary>
[DisallowConcurrentExecution]
public sealed partial class IngestSourceJob(SourceRunner runner, WorkerStop stop, ILogger<IngestSourceJob> logger) : IJob
{
    public const string SourceKey = "source";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.MergedJobDataMap.GetString(SourceKey) ?? "";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken, stop.Token);
        try
        {
            await runner.RunAsync(name, force: false, observer: null, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The worker is stopping: the run is recorded as interrupted and the next one does the rest.
        }
        catch (Exception e)
        {
            // Recorded in the run; the schedule goes on and the next run tries again.
            Log.RunFailed(logger, name, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 613, Level = LogLevel.Warning, Message = "Scheduled run of {Source} failed: {Error}")]
        public static partial void RunFailed(ILogger logger, string source, string error);
    }
}
