using System.CommandLine;
using System.Globalization;
using Graph.Cli.Hosting;
using Graph.Core.Ingestion;
using Graph.Core.Storage;

namespace Graph.Cli.Commands;

/// <summary><c>graph reingest</c>: extracts stored articles again when the extractor changed, and says what that changed.</summary>
internal static class ReingestCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "Only articles published on or after this day (YYYY-MM-DD)" };
        var source = new Option<string?>("--source") { Description = "Only articles of this source" };
        var all = new Option<bool>("--all") { Description = "Re-extract every article, even those extracted by the current extractor version" };
        var command = new Command("reingest", "Extract stored articles again from their stored text") { since, source, all };
        command.SetAction(async (parse, ct) =>
        {
            DateOnly? day = null;
            if (parse.GetValue(since) is { } s)
            {
                if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    Console.Error.WriteLine($"--since {s}: expected a day as YYYY-MM-DD.");
                    return 2;
                }

                day = d;
            }

            await using var services = CommonOptions.Services(parse, existingStore: true);
            var store = services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(ct);
            await services.GetRequiredService<IIngestLog>().InitializeAsync(ct);
            var request = new ReingestRequest(day, parse.GetValue(source), parse.GetValue(all));
            var report = await services.GetRequiredService<Reingestion>().RunAsync(request, new IngestCommand.Printer(lines: false), ct);
            foreach (var p in report.Pairs)
            {
                Console.WriteLine($"{TerminalText.Safe(p.Source)} -> {TerminalText.Safe(p.Target)}: {p.Added} added, {p.Changed} changed, {p.Removed} removed");
            }

            var summary = report.Summary;
            if (summary.Extracted == 0 && summary.Failed == 0)
            {
                var stored = (await store.SearchArticlesAsync(new ArticleSearch(Since: day, First: 0) { Source = request.Source }, ct)).TotalCount;
                var version = services.GetRequiredService<ArticleIngestion>().ExtractorVersion;
                Console.WriteLine(stored == 1
                    ? $"Nothing to re-extract: the article was extracted by version {version}."
                    : $"Nothing to re-extract: all {stored} articles were extracted by version {version}.");
                return 0;
            }

            Console.WriteLine($"{Words.Count(report.Considered, "article")} considered, {summary.Extracted} re-extracted; "
                + $"{report.Pairs.Sum(p => p.Added)} evidence added, {report.Pairs.Sum(p => p.Changed)} changed, {report.Pairs.Sum(p => p.Removed)} removed "
                + $"across {Words.Count(report.Pairs.Count, "actor pair")}; {summary.Failed} failed.");
            return summary.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}
