using System.CommandLine;
using Graph.Cli.Hosting;
using System.Globalization;
using System.Runtime.InteropServices;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Worker;
using Microsoft.Extensions.Options;

namespace Graph.Cli.Commands;

/// <summary>
/// <c>graph worker</c>: runs every configured source on its cron schedule until Ctrl+C or SIGTERM;
/// <c>--runs</c> and <c>--dead-letters</c> print what the worker did instead.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var runs = new Option<bool>("--runs") { Description = "Print the most recent ingestion runs and exit" };
        var deadLetters = new Option<bool>("--dead-letters") { Description = "Print the articles that failed and exit" };
        var first = new Option<int>("--first") { Description = "How many runs or dead letters to print", DefaultValueFactory = _ => 20 };
        var command = new Command("worker", "Keep the graph current: ingest the configured sources on their schedules") { runs, deadLetters, first };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CommonOptions.Services(parse);
            var log = services.GetRequiredService<IIngestLog>();
            await log.InitializeAsync(ct);
            if (parse.GetValue(runs))
            {
                PrintRuns(await log.GetRunsAsync(parse.GetValue(first), ct));
                return 0;
            }

            if (parse.GetValue(deadLetters))
            {
                foreach (var d in await log.GetDeadLettersAsync(parse.GetValue(first), ct))
                {
                    Console.WriteLine($"{TerminalText.Safe(d.Origin)}\t{TerminalText.Safe(d.Source)}\t{d.Attempts} attempts\tlast {d.LastFailedAt:u}\t{TerminalText.Safe(d.Error)}");
                }

                return 0;
            }

            var sources = services.GetRequiredService<IOptions<WorkerOptions>>().Value.Sources;
            if (!sources.Any(s => !string.IsNullOrWhiteSpace(s.Schedule)))
            {
                Console.Error.WriteLine("No source has a schedule: declare Graph:Worker:Sources with Name, Kind, Path or Url, and Schedule (a cron expression).");
                return 2;
            }

            // SIGTERM (docker stop, Kubernetes) and Ctrl+C stop the worker the same way: the running job finishes
            // its article, the run is recorded, the scheduler shuts down, exit code 0.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, stop));
            using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, stop));
            await services.GetRequiredService<IGraphStore>().InitializeAsync(ct);
            var scheduler = await services.GetRequiredService<WorkerScheduler>().StartAsync(ct);
            Console.WriteLine($"Worker running {sources.Count(s => !string.IsNullOrWhiteSpace(s.Schedule))} scheduled sources; Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
            Console.WriteLine("Worker stopped.");
            return 0;
        });
        return command;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }

    public static void PrintRuns(IReadOnlyList<IngestRun> runs)
    {
        if (runs.Count == 0)
        {
            Console.WriteLine("No runs recorded yet.");
            return;
        }

        Console.WriteLine("id\tstarted\tseconds\tkind\tsource\tread\tadded\tupdated\tunchanged\textracted\tfailed\terror");
        foreach (var r in runs)
        {
            var seconds = r.EndedAt is { } end ? (end - r.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "running";
            Console.WriteLine($"{r.Id}\t{r.StartedAt:u}\t{seconds}\t{r.Kind}\t{TerminalText.Safe(r.Source)}\t{r.Read}\t{r.Added}\t{r.Updated}\t{r.Unchanged}\t{r.Extracted}\t{r.Failed}\t{TerminalText.Safe(r.Error)}");
        }
    }
}
