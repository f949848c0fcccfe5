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
            bool forced = parse.GetValue(force);
            var input = parse.GetValue(path);
            var name = parse.GetValue(source);
            if ((input is null) == (name is null))
            {
                Console.Error.WriteLine("Give a path to ingest, or --source NAME of a configured source (not both).");
                return 2;
            }

            await using var services = CommonOptions.Services(parse);
            await services.GetRequiredService<IGraphStore>().InitializeAsync(ct);
            await services.GetRequiredService<IIngestLog>().InitializeAsync(ct);
            var printer = new Printer(!TerminalProgress.IsTerminal);
            IngestSummary summary;
            if (name is not null)
            {
                var runner = services.GetRequiredService<SourceRunner>();
                summary = await TerminalProgress.RunAsync(TerminalText.Safe(name), null, printer, o => runner.RunAsync(name, forced, o, ct));
            }
            else
            {
                var reader = services.GetRequiredService<ArticleReader>();
                var ingestion = services.GetRequiredService<ArticleIngestion>();
                var expected = ArticleSources.Estimate(input!);
                var request = new IngestRequest(input!, "ingest") { Force = forced, Expected = expected };
                summary = await TerminalProgress.RunAsync(TerminalText.Safe(Path.GetFileName(Path.TrimEndingDirectorySeparator(input!))), expected, printer,
                    o => ingestion.RunAsync(request, reader.ReadAsync(input!, ct).AsIngestItems(ct), o, ct));
            }

            Console.WriteLine(Describe(summary, forced));
            return summary.Failed == 0 ? 0 : 1;
        });
        return command;
    }

    public static string Describe(IngestSummary s, bool forced = false)
    {
        var busy = s.ClaimedElsewhere > 0 ? $" {s.ClaimedElsewhere} were being ingested by another worker." : "";
        var duplicates = s.Duplicates > 0 ? $" {Words.Count(s.Duplicates, "duplicate")} (the same text as a stored article) not stored again." : "";
        if (!forced && s.Stored > 0 && s.Added + s.Updated == 0)
        {
            var unchanged = s.Unchanged > 0 ? $"Nothing changed: {(s.Unchanged == 1 ? "the article is" : $"all {s.Unchanged} articles are")} already stored with the same text and extractor version." : "Nothing changed.";
            return unchanged + duplicates + (s.Failed > 0 ? $" {s.Failed} could not be read." : "") + busy;
        }

        var what = forced ? " extracted again (--force)" : "";
        return $"{Words.Count(s.Stored + s.Failed, "article")}{what}: {s.Added} added, {s.Updated} updated, "
            + $"{s.Unchanged} unchanged; {Words.Count(s.Relations, "relationship")} stored; {s.Failed} failed." + duplicates + busy;
    }

    /// <summary>One line per stored article and per failure; only off a terminal, where no progress bar is drawn.</summary>
    internal sealed class Printer(bool lines) : IIngestObserver
    {
        public ValueTask OnResultAsync(IngestResult r, CancellationToken ct)
        {
            if (lines && r.Outcome == SaveOutcome.Duplicate)
            {
                Console.WriteLine($"duplicate {TerminalText.Safe(r.ArticleId)} (the same text as {TerminalText.Safe(r.DuplicateOf)}): not stored again");
            }
            else if (lines && r.Outcome != SaveOutcome.Unchanged)
            {
                Console.WriteLine($"{r.Outcome.ToString().ToLowerInvariant(),-9} {TerminalText.Safe(r.ArticleId)} ({Words.Count(r.Actors, "actor")}, {Words.Count(r.Relations, "relationship")})");
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OnFailureAsync(IngestFailure f, CancellationToken ct)
        {
            Console.Error.WriteLine($"failed    {TerminalText.Safe(f.Origin)}: {TerminalText.Safe(f.Error)}");
            return ValueTask.CompletedTask;
        }
    }
}
