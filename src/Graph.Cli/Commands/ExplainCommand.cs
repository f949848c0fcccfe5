using System.CommandLine;
using Graph.Core.Domain;
using Graph.Extraction;
using Graph.Extraction.Reading;

namespace Graph.Cli.Commands;

/// <summary><c>graph explain TEXT|PATH</c>: what each extraction stage made of each sentence, for whoever edits the lexicon.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("text") { Description = "A sentence or passage in quotes, or a .txt, .html, .json or .jsonl file or folder" };
        var command = new Command("explain", "Show the words, phrases, clauses, actors and events the extractor reads in text") { input };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CommonOptions.Services(parse);
            if (services.GetRequiredService<IExtractor>() is not RuleExtractor extractor)
            {
                await Console.Error.WriteLineAsync("graph explain: the configured extractor cannot explain itself");
                return 2;
            }

            string text = parse.GetValue(input)!;
            if (!File.Exists(text) && !Directory.Exists(text))
            {
                Console.Write(extractor.Explain(new Article("text", text)));
                return 0;
            }

            int failed = 0;
            await foreach (var item in services.GetRequiredService<ArticleReader>().ReadAsync(text, ct))
            {
                if (item.Article is null)
                {
                    failed++;
                    await Console.Error.WriteLineAsync($"graph explain: {item.Origin}: {item.Error}");
                    continue;
                }

                Console.WriteLine($"== {item.Article.Id}");
                Console.Write(extractor.Explain(item.Article));
            }

            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
