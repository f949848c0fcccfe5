using System.CommandLine;
using System.Globalization;
using Graph.Cli.Hosting;
using Graph.Core.Ingestion;
using Graph.Worker;
using Microsoft.Extensions.Options;

namespace Graph.Cli.Commands;

/// <summary>
/// <c>graph worker</c>: runs every configured source on its cron schedule until Ctrl+C or SIGTERM, answering
/// <c>/healthz</c> and <c>/readyz</c>; <c>--runs</c> and <c>--dead-letters</c> print what the worker did, <c>--retry</c>
/// and <c>--drop</c> deal with the dead letters.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where /healthz and /readyz answer (default http://127.0.0.1:5081; also GRAPH_WORKER_URLS)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GRAPH_WORKER_URLS") ?? "http://127.0.0.1:5081",
        };
        var runs = new Option<bool>("--runs") { Description = "Print the most recent ingestion runs and exit" };
        var deadLetters = new Option<bool>("--dead-letters") { Description = "Print a page of the dead letters (what failed) and exit" };
        var retry = new Option<string[]>("--retry") { Description = "Read the dead letters named (all of them when none is) again, then exit", Arity = ArgumentArity.ZeroOrMore };
        var drop = new Option<string[]>("--drop") { Description = "Remove the dead letters named (those of --source, or all of them, when none is), then exit", Arity = ArgumentArity.ZeroOrMore };
        var source = new Option<string?>("--source") { Description = "Only the runs or dead letters of this source" };
        var first = new Option<int>("--first") { Description = "How many runs or dead letters to print", DefaultValueFactory = _ => 20 };
        var skip = new Option<int>("--skip") { Description = "Dead letters to skip before the page printed", DefaultValueFactory = _ => 0 };
        var command = new Command("worker", "Keep the graph current: ingest the configured sources on their schedules")
        {
            urls, runs, deadLetters, retry, drop, source, first, skip,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetResult(retry) is not null || parse.GetResult(drop) is not null || parse.GetValue(runs) || parse.GetValue(deadLetters))
            {
                await using var services = CommonOptions.Services(parse, existingStore: true);
                var log = services.GetRequiredService<IIngestLog>();
                await log.InitializeAsync(ct);
                if (parse.GetResult(retry) is not null)
                {
                    return await RetryAsync(services, parse.GetValue(retry) ?? [], ct);
                }

                if (parse.GetResult(drop) is not null)
                {
                    return await DropAsync(log, parse.GetValue(drop) ?? [], parse.GetValue(source), ct);
                }

                if (parse.GetValue(runs))
                {
                    PrintRuns(await log.GetRunsAsync(parse.GetValue(first), parse.GetValue(source), ct));
                    return 0;
                }

                await PrintDeadLettersAsync(log, new DeadLetterQuery(parse.GetValue(source), null, Math.Max(0, parse.GetValue(first)), Math.Max(0, parse.GetValue(skip))), ct);
                return 0;
            }

            var configuration = GraphServices.BuildConfiguration(CommonOptions.Overrides(parse));
            var sources = configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>()?.Sources ?? [];
            if (!sources.Any(s => !string.IsNullOrWhiteSpace(s.Schedule)))
            {
                Console.Error.WriteLine("No source has a schedule: declare Graph:Worker:Sources with Name, Kind, Path or Url, and Schedule (a cron expression).");
                return 2;
            }

            // SIGTERM (docker stop, Kubernetes) and Ctrl+C stop the host: the run in progress stops between two articles
            // and is recorded as interrupted, the scheduler shuts down, exit code 0.
            await using var app = GraphServer.BuildWorker(parse.GetValue(urls)!, CommonOptions.Overrides(parse));
            await app.StartAsync(ct);
            var scheduled = app.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Sources.Count(s => !string.IsNullOrWhiteSpace(s.Schedule));
            Console.WriteLine($"Worker running {Words.Count(scheduled, "scheduled source")}; health at {app.Urls.First().TrimEnd('/')}/healthz and /readyz; Ctrl+C stops.");
            await app.WaitForShutdownAsync(ct);
            Console.WriteLine("Worker stopped.");
            return 0;
        });
        return command;
    }

    private static async Task<int> RetryAsync(IServiceProvider services, IReadOnlyCollection<string> origins, CancellationToken ct)
    {
        await services.GetRequiredService<Graph.Core.Storage.IGraphStore>().InitializeAsync(ct);
        var report = await services.GetRequiredService<DeadLetterRetry>().RunAsync(origins, new IngestCommand.Printer(lines: true), ct);
        int stored = report.Runs.Sum(r => r.Stored);
        int failed = report.Runs.Sum(r => r.Failed);
        Console.WriteLine(report.Runs.Count == 0
            ? "No dead letters to retry."
            : $"Retried: {Words.Count(stored, "article")} stored, {failed} failed again; {Words.Count(report.StillFailing, "dead letter")} left.");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> DropAsync(IIngestLog log, IReadOnlyCollection<string> origins, string? source, CancellationToken ct)
    {
        int dropped = 0;
        if (origins.Count == 0)
        {
            dropped = await log.DropDeadLettersAsync(new DeadLetterQuery(Source: source), ct);
        }
        else
        {
            foreach (var origin in origins)
            {
                dropped += await log.DropDeadLettersAsync(new DeadLetterQuery(Source: source, Origin: origin), ct);
            }
        }

        Console.WriteLine($"Dropped {Words.Count(dropped, "dead letter")}.");
        return 0;
    }

    private static async Task PrintDeadLettersAsync(IIngestLog log, DeadLetterQuery query, CancellationToken ct)
    {
        var page = await log.GetDeadLettersAsync(query, ct);
        if (page.TotalCount == 0)
        {
            Console.WriteLine("No dead letters.");
            return;
        }

        foreach (var d in page.Items)
        {
            var count = d.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{d.Count} records, ") : "";
            Console.WriteLine($"{TerminalText.Safe(d.Origin)}\t{TerminalText.Safe(d.Source)}\t{count}{Words.Count(d.Attempts, "attempt")}\tlast {d.LastFailedAt:u}\t{TerminalText.Safe(d.Error)}");
        }

        var shown = page.Items.Count == 0 ? "none" : $"{query.Offset + 1}-{query.Offset + page.Items.Count}";
        Console.WriteLine($"{Words.Count(page.TotalCount, "dead letter")}, {shown} shown{(page.HasNextPage ? $"; --skip {query.Offset + page.Items.Count} for more" : "")}.");
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
            var error = r.Interrupted ? $"interrupted: {r.Error}" : r.Error;
            Console.WriteLine($"{r.Id}\t{r.StartedAt:u}\t{seconds}\t{r.Kind}\t{TerminalText.Safe(r.Source)}\t{r.Read}\t{r.Added}\t{r.Updated}\t{r.Unchanged}\t{r.Extracted}\t{r.Failed}\t{TerminalText.Safe(error)}");
        }
    }
}
