using Graph.Core.Ingestion;
using Spectre.Console;

namespace Graph.Cli.Hosting;

/// <summary>
/// A progress bar with articles/s and ETA when stdout is a terminal. Off a terminal (logs, pipes, tests) nothing
/// is drawn: the pipeline's structured progress log lines take over.
/// </summary>
public static class TerminalProgress
{
    public static bool IsTerminal => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<T> RunAsync<T>(string label, int? expected, IIngestObserver? inner, Func<IIngestObserver?, Task<T>> work)
    {
        if (!IsTerminal)
        {
            return await work(inner);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: Math.Max(1, expected ?? 1));
                task.IsIndeterminate = expected is null;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var observer = new Observer(inner, n =>
                {
                    task.Increment(n);
                    var rate = task.Value / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
                    task.Description = $"{Markup.Escape(label)} [grey]{task.Value:0}/{expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} · {rate:0} articles/s[/]";
                });
                result = await work(observer);
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return result;
    }

    private sealed class Observer(IIngestObserver? inner, Action<int> tick) : IIngestObserver
    {
        public async ValueTask OnResultAsync(IngestResult result, CancellationToken ct)
        {
            if (inner is not null)
            {
                await inner.OnResultAsync(result, ct);
            }

            tick(1);
        }

        public async ValueTask OnFailureAsync(IngestFailure failure, CancellationToken ct)
        {
            if (inner is not null)
            {
                await inner.OnFailureAsync(failure, ct);
            }

            tick(failure.Count);
        }
    }
}
