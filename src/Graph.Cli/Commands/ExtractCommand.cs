using System.CommandLine;
using Graph.Core.Domain;
using Graph.Extraction.Json;
using Graph.Cli.Hosting;
using Graph.Extraction.Reading;

namespace Graph.Cli.Commands;

/// <summary><c>graph extract PATH</c>: one JSON object per article on standard output (the public contract).</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A .txt, .html, .json or .jsonl file, or a folder of them" };
        var command = new Command("extract", "Print the actors and relationships found in articles, as JSON Lines") { path };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CommonOptions.Services(parse);
            var reader = services.GetRequiredService<ArticleReader>();
            var extractor = services.GetRequiredService<IExtractor>();
            var failed = 0;
            await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { AutoFlush = false };
            await foreach (var item in reader.ReadAsync(parse.GetValue(path)!, ct))
            {
                if (item.Article is null)
                {
                    failed++;
                    await Console.Error.WriteLineAsync($"graph extract: {TerminalText.Safe(item.Origin)}: {TerminalText.Safe(item.Error)}");
                    continue;
                }

                // An article the extractor fails on is reported like an unreadable one, and the others are still read.
                try
                {
                    await stdout.WriteLineAsync(ExtractionJson.Serialize(extractor.Extract(item.Article)));
                }
                catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
                {
                    failed++;
                    await Console.Error.WriteLineAsync($"graph extract: {TerminalText.Safe(item.Origin)}: the extractor failed: {TerminalText.Safe(e.Message)}");
                }
            }

            await stdout.FlushAsync(ct);
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
