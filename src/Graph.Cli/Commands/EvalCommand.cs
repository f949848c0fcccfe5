using System.CommandLine;
using Graph.Cli.Hosting;
using Graph.Core.Domain;
using Graph.Extraction.Evaluation;
using Graph.Extraction.Json;
using Graph.Extraction.Reading;

namespace Graph.Cli.Commands;

/// <summary>
/// <c>graph eval GOLD [EXTRACTED] [--verbose]</c>: extraction scored against hand-made gold, with the rules and the
/// output of <c>../shared/eval/score.py</c>, so users can measure their own gold sets without Python.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var gold = new Argument<string>("gold") { Description = "A *.gold.json file, a gold.jsonl file, or a folder of them" };
        var extracted = new Argument<string?>("extracted")
        {
            Description = "What graph extract printed (JSON Lines; - for standard input). Without it, the articles beside "
                + "the gold are extracted: its folder's articles.jsonl, or the files its articles name",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var verbose = new Option<bool>("--verbose") { Description = "Also list missed actors and relations, relations not in the gold, forbidden readings" };
        var command = new Command("eval", "Score extraction against gold, as ../shared/eval/score.py does; the last line is the relation F1")
        {
            gold, extracted, verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            var goldPath = parse.GetValue(gold)!;
            var failed = 0;
            GoldSet goldSet;
            List<ExtractedArticle> articles;
            try
            {
                goldSet = GoldSet.Load(goldPath);
                if (parse.GetValue(extracted) is { } extractedPath)
                {
                    articles = [.. ExtractedArticle.Read(extractedPath)];
                }
                else
                {
                    var inputs = ArticlesBeside(goldPath, goldSet);
                    if (inputs.Count == 0)
                    {
                        await Console.Error.WriteLineAsync(
                            $"graph eval: no articles beside {goldPath} (an articles.jsonl, or the files its gold names); "
                            + "give what graph extract printed: graph eval GOLD EXTRACTED.jsonl");
                        return 2;
                    }

                    articles = [];
                    await using var services = CommonOptions.Services(parse);
                    var reader = services.GetRequiredService<ArticleReader>();
                    var extractor = services.GetRequiredService<IExtractor>();
                    foreach (var input in inputs)
                    {
                        await foreach (var item in reader.ReadAsync(input, ct))
                        {
                            if (item.Article is null)
                            {
                                failed++;
                                await Console.Error.WriteLineAsync($"graph eval: {TerminalText.Safe(item.Origin)}: {TerminalText.Safe(item.Error)}");
                                continue;
                            }

                            // Through the printed contract, so the score is the one a saved extract file would get.
                            articles.Add(ExtractedArticle.Parse(item.Origin, ExtractionJson.Serialize(extractor.Extract(item.Article))));
                        }
                    }
                }
            }
            catch (InvalidDataException e)
            {
                await Console.Error.WriteLineAsync($"graph eval: {TerminalText.Safe(e.Message)}");
                return 1;
            }

            foreach (var line in GoldScorer.Score(goldSet, articles).Lines(parse.GetValue(verbose)))
            {
                Console.WriteLine(line);
            }

            // An article that could not be read was scored as all missed; the exit code says the figures are incomplete.
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The gold's own input: <c>articles.jsonl</c> in its folder, else the article files its entries name there.</summary>
    private static List<string> ArticlesBeside(string goldPath, GoldSet gold)
    {
        var folder = Directory.Exists(goldPath) ? goldPath : Path.GetDirectoryName(Path.GetFullPath(goldPath))!;
        var jsonl = Path.Combine(folder, "articles.jsonl");
        return File.Exists(jsonl)
            ? [jsonl]
            : [.. gold.ByArticle.Keys.Order(StringComparer.Ordinal).Select(name => Path.Combine(folder, name)).Where(File.Exists)];
    }
}
