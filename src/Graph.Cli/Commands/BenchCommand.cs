using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Graph.Cli.Hosting;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction.Reading;

namespace Graph.Cli.Commands;

/// <summary>
/// <c>graph bench ingest [PATH]</c>: steady-state throughput of a full ingest into a fresh embedded store beside that of
/// extraction alone, on the input replicated to thousands of distinct articles, and their ratio.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "Articles to ingest (default: ../shared/corpus/guardian-syria-2019.jsonl, else the seed articles)", Arity = ArgumentArity.ZeroOrOne };
        var articles = new Option<int>("--articles") { Description = "Distinct articles ingested: the input replicated with new ids, dates and a line of text", DefaultValueFactory = _ => 4980 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of extract-then-ingest; the best of each is reported", DefaultValueFactory = _ => 1 };
        var ingest = new Command("ingest", "Articles/s of extraction alone and of a full ingest into a fresh store (and their ratio), then of a re-ingest where nothing changed")
        {
            path, articles, rounds,
        };
        ingest.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(path) ?? Paths.BenchCorpus();
            int target = parse.GetValue(articles), times = parse.GetValue(rounds);
            if (input is null || !Path.Exists(input) || target < 1 || times < 1)
            {
                Console.Error.WriteLine(target < 1 || times < 1 ? "--articles and --rounds must be at least 1" : $"No such input: {input ?? "(none found)"}");
                return 2;
            }

            var corpus = await ReadAsync(input, ct);
            var replicas = Replicate(corpus, target);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"input: {input}: {corpus.Count} articles replicated to {replicas.Count} distinct ones ({replicas.Sum(a => (long)a.Text.Length) / 1e6:0.0} M characters); {Environment.ProcessorCount} cores; load average {LoadAverage()}"));
            double bestExtract = 0, bestIngest = 0, bestRatio = 0;
            for (int round = 1; round <= times; round++)
            {
                var data = Path.Combine(Path.GetTempPath(), "graph-bench-" + Guid.NewGuid().ToString("N")[..8]);
                try
                {
                    await using var provider = Services(data);
                    await provider.GetRequiredService<IGraphStore>().InitializeAsync(ct);
                    await provider.GetRequiredService<IIngestLog>().InitializeAsync(ct);
                    var extractor = provider.GetRequiredService<IExtractor>();
                    var ingestion = provider.GetRequiredService<ArticleIngestion>();

                    // Warm up (knowledge base load, tiered JIT) outside the clocks, as a long run would be.
                    foreach (var a in corpus.Take(100))
                    {
                        TryExtract(extractor, a);
                    }

                    // Extraction alone and ingest take turns on slices of the input, so that both see the same load on a
                    // shared machine; the store grows from slice to slice as in one long run.
                    var request = new IngestRequest("bench", "bench");
                    TimeSpan extracting = TimeSpan.Zero, ingesting = TimeSpan.Zero;
                    int added = 0, failed = 0, extractFailed = 0;
                    foreach (var slice in replicas.Chunk(Slice))
                    {
                        var clock = Stopwatch.StartNew();
                        foreach (var a in slice)
                        {
                            extractFailed += TryExtract(extractor, a) ? 0 : 1;
                        }

                        extracting += clock.Elapsed;
                        clock.Restart();
                        var summary = await ingestion.RunAsync(request, Items(slice, ct), ct: ct);
                        ingesting += clock.Elapsed;
                        (added, failed) = (added + summary.Added, failed + summary.Failed);
                    }

                    double extract = replicas.Count / extracting.TotalSeconds, ingested = replicas.Count / ingesting.TotalSeconds;
                    Print($"round {round}: extract only (one thread)", replicas.Count, extracting, $" ({extractFailed} failed)");
                    Print($"round {round}: full ingest (extract + store)", replicas.Count, ingesting, string.Create(CultureInfo.InvariantCulture,
                        $" ({added} added, {failed} failed); ingest/extract = {ingested / extract:0.00}; load average {LoadAverage()}"));
                    (bestExtract, bestIngest, bestRatio) = (Math.Max(bestExtract, extract), Math.Max(bestIngest, ingested), Math.Max(bestRatio, ingested / extract));

                    if (round == times)
                    {
                        var clock = Stopwatch.StartNew();
                        var again = await ingestion.RunAsync(request, Items(replicas, ct), ct: ct);
                        Print("re-ingest, nothing changed", again.Read, clock.Elapsed, $" ({again.Unchanged} unchanged)");
                        var stats = await provider.GetRequiredService<IGraphStore>().GetStatsAsync(ct);
                        Console.WriteLine($"store: {stats.Articles} articles, {stats.Actors} actors, {stats.Relationships} relationships, {stats.Evidence} evidence");
                    }
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
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best of {times}: extract {bestExtract:0} articles/s, ingest {bestIngest:0} articles/s, best ingest/extract ratio {bestRatio:0.00}"));
            return 0;
        });
        return new Command("bench", "Throughput figures (printed; nothing is asserted)") { ingest, BenchApiCommand.Create(), BenchExtractCommand.Create() };
    }

    /// <summary>Extracts as ingest would, where an article the extractor fails on is counted, not fatal.</summary>
    private static bool TryExtract(IExtractor extractor, Article article)
    {
        try
        {
            extractor.Extract(article);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>Articles per turn of extraction alone and ingest.</summary>
    private const int Slice = 1000;

    /// <summary>The 1, 5 and 15 minute load averages, where the system tells them: the figures mean little on a busy machine.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static ServiceProvider Services(string data)
    {
        var configuration = GraphServices.BuildConfiguration([new("Graph:DataDirectory", data), new("Logging:LogLevel:Graph", "Warning")]);
        var services = new ServiceCollection().AddLogging().AddSingleton(configuration);
        GraphServices.AddGraph(services, configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<List<Article>> ReadAsync(string input, CancellationToken ct)
    {
        await using var provider = Services(Path.GetTempPath());
        var found = new List<Article>();
        await foreach (var item in provider.GetRequiredService<ArticleReader>().ReadAsync(input, ct))
        {
            if (item.Article is { } a)
            {
                found.Add(a);
            }
        }

        return found;
    }

    /// <summary>
    /// Copy k of each article, up to <paramref name="target"/>: the replica of <see cref="BenchApiCommand"/>, with a line
    /// naming the copy added to its text, so that no copy is skipped as a duplicate and every one is extracted and stored.
    /// </summary>
    private static List<Article> Replicate(List<Article> corpus, int target) =>
        [.. Enumerable.Range(0, target).Select(n =>
        {
            int k = n / corpus.Count;
            var copy = BenchApiCommand.ReplicaArticle(corpus[n % corpus.Count], k);
            return k == 0 ? copy : copy with { Text = copy.Text + string.Create(CultureInfo.InvariantCulture, $"\n\nCopy {k}.") };
        })];

    private static async IAsyncEnumerable<IngestItem> Items(IEnumerable<Article> articles, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var a in articles)
        {
            ct.ThrowIfCancellationRequested();
            yield return IngestItem.Ok(a.Id, a);
        }

        await Task.CompletedTask;
    }

    private static void Print(string label, int n, TimeSpan elapsed, string more) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {n} articles in {elapsed.TotalSeconds:0.000} s = {n / elapsed.TotalSeconds:0} articles/s{more}"));
}
