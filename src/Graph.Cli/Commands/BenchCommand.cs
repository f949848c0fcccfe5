using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Graph.Cli.Hosting;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction.Reading;

namespace Graph.Cli.Commands;

/// <summary><c>graph bench ingest [PATH]</c>: end-to-end ingestion throughput into a fresh embedded store.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "Articles to ingest (default: ../shared/corpus/guardian-syria-2019.jsonl, else the seed articles)", Arity = ArgumentArity.ZeroOrOne };
        var ingest = new Command("ingest", "Articles/s for a full ingest into a fresh store, then for a re-ingest where nothing changed") { path };
        ingest.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(path) ?? Paths.BenchCorpus();
            if (input is null || !Path.Exists(input))
            {
                Console.Error.WriteLine($"No such input: {input ?? "(none found)"}");
                return 2;
            }

            var data = Path.Combine(Path.GetTempPath(), "graph-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var configuration = GraphServices.BuildConfiguration([new("Graph:DataDirectory", data), new("Logging:LogLevel:Graph", "Warning")]);
                var services = new ServiceCollection().AddLogging().AddSingleton(configuration);
                GraphServices.AddGraph(services, configuration);
                await using var provider = services.BuildServiceProvider();
                await provider.GetRequiredService<IGraphStore>().InitializeAsync(ct);
                await provider.GetRequiredService<IIngestLog>().InitializeAsync(ct);
                var reader = provider.GetRequiredService<ArticleReader>();
                var ingestion = provider.GetRequiredService<ArticleIngestion>();

                // Warm the extractor (knowledge base load, JIT) outside the timings.
                var extractor = provider.GetRequiredService<Graph.Core.Domain.IExtractor>();
                extractor.Extract(new Graph.Core.Domain.Article("warm-up", "Russia condemned Turkey."));

                Console.WriteLine($"input: {input}; store: fresh embedded SQLite in {data}; {Environment.ProcessorCount} cores");
                var clock = Stopwatch.StartNew();
                var extracted = 0;
                await foreach (var item in reader.ReadAsync(input, ct))
                {
                    if (item.Article is { } a)
                    {
                        extractor.Extract(a);
                        extracted++;
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"read + extract only: {extracted} articles in {clock.Elapsed.TotalSeconds:0.000} s = {extracted / clock.Elapsed.TotalSeconds:0} articles/s"));
                var request = new IngestRequest("bench", "bench");
                await MeasureAsync("full ingest (extract + store)", () => ingestion.RunAsync(request, reader.ReadAsync(input, ct).AsIngestItems(ct), ct: ct));
                await MeasureAsync("re-ingest, nothing changed", () => ingestion.RunAsync(request, reader.ReadAsync(input, ct).AsIngestItems(ct), ct: ct));
                var stats = await provider.GetRequiredService<IGraphStore>().GetStatsAsync(ct);
                Console.WriteLine($"store: {stats.Articles} articles, {stats.Actors} actors, {stats.Relationships} relationships, {stats.Evidence} evidence");
                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(data, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        });
        return new Command("bench", "Throughput figures (printed; nothing is asserted)") { ingest, BenchApiCommand.Create(), BenchExtractCommand.Create() };
    }

    private static async Task MeasureAsync(string label, Func<Task<IngestSummary>> run)
    {
        var clock = Stopwatch.StartNew();
        var summary = await run();
        clock.Stop();
        var n = summary.Read;
        var rate = n / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {n} articles in {clock.Elapsed.TotalSeconds:0.000} s = {rate:0} articles/s ({summary.Extracted} extracted, {summary.Failed} failed)"));
    }
}
