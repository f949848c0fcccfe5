using System.CommandLine;
using Graph.Cli.Hosting;
using Graph.Core.Storage;

namespace Graph.Cli.Commands;

/// <summary><c>graph ingest PATH</c>: extract and store; a second run on the same input changes nothing.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A .txt, .html, .json or .jsonl file, or a folder of them" };
        var force = new Option<bool>("--force") { Description = "Extract and store again even when text and extractor are unchanged" };
        var command = new Command("ingest", "Extract articles and store them in the graph") { path, force };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CommonOptions.Services(parse);
            await services.GetRequiredService<IGraphStore>().InitializeAsync(ct);
            var run = services.GetRequiredService<IngestRun>();
            var summary = await run.RunAsync(
                parse.GetValue(path)!,
                parse.GetValue(force),
                r =>
                {
                    if (r.Outcome != SaveOutcome.Unchanged)
                    {
                        Console.WriteLine($"{r.Outcome.ToString().ToLowerInvariant(),-9} {r.ArticleId} ({r.Actors} actors, {r.Relations} relationships)");
                    }
                },
                f => Console.Error.WriteLine($"failed    {f.Origin}: {f.Error}"),
                ct);
            Console.WriteLine(Describe(summary));
            return summary.Failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    public static string Describe(IngestSummary s)
    {
        var read = s.Results.Count;
        if (read > 0 && s.ChangedNothing)
        {
            return $"Nothing changed: all {read} articles are already stored with the same text and extractor version."
                + (s.Failures.Count > 0 ? $" {s.Failures.Count} could not be read." : "");
        }

        return $"{read} articles: {s.Count(SaveOutcome.Added)} added, {s.Count(SaveOutcome.Updated)} updated, "
            + $"{s.Count(SaveOutcome.Unchanged)} unchanged; {s.Results.Sum(r => r.Relations)} relationships stored; {s.Failures.Count} failed.";
    }
}
