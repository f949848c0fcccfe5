using System.CommandLine;
using Graph.Cli.Hosting;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction.Reading;
using Graph.Worker;

namespace Graph.Cli.Commands;

/// <summary><c>graph ingest PATH</c>: extract and store once (for cron and CronJobs); a second run on the same input changes nothing.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "A .txt, .html, .json or .jsonl file, or a folder of them", Arity = ArgumentArity.ZeroOrOne };
        var source = new Option<string?>("--source") { Description = "Ingest this configured source (Graph:Worker:Sources) instead of a path" };
        var force = new Option<bool>("--force") { Description = "Extract and store again even when text and extractor are unchanged" };
        var command = new Command("ingest", "Extract articles and store them in the graph") { path, source, force };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CommonOptions.Services(parse);
            await services.GetRequiredService<IGraphStore>().InitializeAsync(ct);
            await services.GetRequiredService<IIngestLog>().InitializeAsync(ct);
            var printer = new Printer(!TerminalProgress.IsTerminal);
            IngestSummary summary;
            if (parse.GetValue(source) is { } name)
            {
                var runner = services.GetRequiredService<SourceRunner>();
                summary = await TerminalProgress.RunAsync(TerminalText.Safe(name), null, printer, o => runner.RunAsync(name, parse.GetValue(force), o, ct));
            }
            else if (parse.GetValue(path) is { } input)
            {
                var reader = services.GetRequiredService<ArticleReader>();
                var pipeline = services.GetRequiredService<IngestPipeline>();
                var expected = ArticleSources.Estimate(input);
                summary = await TerminalProgress.RunAsync(TerminalText.Safe(Path.GetFileName(Path.TrimEndingDirectorySeparator(input))), expected, printer,
                    o => pipeline.RunAsync(input, "ingest", reader.ReadAsync(input, ct), parse.GetValue(force), o, expected, ct));
            }
            else
            {
                Console.Error.WriteLine("Give a path to ingest, or --source NAME of a configured source.");
                return 2;
            }

            Console.WriteLine(Describe(summary));
            return summary.Failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    public static string Describe(IngestSummary s)
    {
        var read = s.Results.Count;
        var busy = s.ClaimedElsewhere > 0 ? $" {s.ClaimedElsewhere} were being ingested by another worker." : "";
        if (read > 0 && s.ChangedNothing)
        {
            return $"Nothing changed: all {read} articles are already stored with the same text and extractor version."
                + (s.Failures.Count > 0 ? $" {s.Failures.Count} could not be read." : "") + busy;
        }

        return $"{read} articles: {s.Count(SaveOutcome.Added)} added, {s.Count(SaveOutcome.Updated)} updated, "
            + $"{s.Count(SaveOutcome.Unchanged)} unchanged; {s.Results.Sum(r => r.Relations)} relationships stored; {s.Failures.Count} failed." + busy;
    }

    /// <summary>One line per stored article and per failure; only off a terminal, where no progress bar is drawn.</summary>
    private sealed class Printer(bool lines) : IIngestObserver
    {
        public void Result(IngestResult r)
        {
            if (lines && r.Outcome != SaveOutcome.Unchanged)
            {
                Console.WriteLine($"{r.Outcome.ToString().ToLowerInvariant(),-9} {TerminalText.Safe(r.ArticleId)} ({r.Actors} actors, {r.Relations} relationships)");
            }
        }

        public void Failure(IngestFailure f) => Console.Error.WriteLine($"failed    {TerminalText.Safe(f.Origin)}: {TerminalText.Safe(f.Error)}");
    }
}
