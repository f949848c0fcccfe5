using System.CommandLine;
using Graph.Cli.Hosting;
using System.Globalization;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Worker;

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

            await using var services = CommonOptions.Services(parse);
            await services.GetRequiredService<IGraphStore>().InitializeAsync(ct);
            await services.GetRequiredService<IIngestLog>().InitializeAsync(ct);
            var report = await services.GetRequiredService<Reingester>().RunAsync(day, parse.GetValue(source), parse.GetValue(all), ct);
            foreach (var p in report.Pairs)
            {
                Console.WriteLine($"{TerminalText.Safe(p.Source)} -> {TerminalText.Safe(p.Target)}: {p.Added} added, {p.Changed} changed, {p.Removed} removed");
            }

            foreach (var f in report.Failures)
            {
                Console.Error.WriteLine($"failed    {TerminalText.Safe(f.Origin)}: {TerminalText.Safe(f.Error)}");
            }

            Console.WriteLine(report.Reextracted == 0
                ? $"Nothing to re-extract: all {report.Considered} articles were extracted by version {services.GetRequiredService<IngestPipeline>().ExtractorVersion}."
                : $"{report.Considered} articles considered, {report.Reextracted} re-extracted; "
                    + $"{report.Pairs.Sum(p => p.Added)} evidence added, {report.Pairs.Sum(p => p.Changed)} changed, {report.Pairs.Sum(p => p.Removed)} removed "
                    + $"across {report.Pairs.Count} actor pairs; {report.Failures.Count} failed.");
            return report.Failures.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
