using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Graph.Cli.Hosting;
using Graph.Core.Domain;
using Graph.Core.Storage;
using Graph.Extraction.Reading;
using GraphQL;
using GraphQL.Types;

namespace Graph.Cli.Commands;

/// <summary>
/// <c>graph bench api</c>: query latency (p50/p99) and throughput over a store holding the corpus replicated to
/// many articles. The store is built once and kept (its folder is printed), so later runs measure at once.
/// </summary>
internal static class BenchApiCommand
{
    private const string BuildVersion = "bench-replica-1";

    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "Articles in the store (the corpus replicated with new ids and dates)", DefaultValueFactory = _ => 100_000 };
        var corpus = new Option<string?>("--corpus") { Description = "Articles to replicate (default ../shared/corpus/guardian-syria-2019.jsonl, else the seed)" };
        var seconds = new Option<double>("--seconds") { Description = "How long each query is measured", DefaultValueFactory = _ => 3 };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients", DefaultValueFactory = _ => 16 };
        var command = new Command("api", "p50/p99 latency and requests/s of GraphQL queries, in process and over HTTP, on a store of --articles articles")
        {
            articles, corpus, seconds, clients,
        };
        command.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(corpus) ?? Paths.BenchCorpus();
            if (input is null || !File.Exists(input) && !Directory.Exists(input))
            {
                Console.Error.WriteLine($"No such input: {input ?? "(none found)"}");
                return 2;
            }

            int target = Math.Max(1, parse.GetValue(articles));
            var data = parse.GetValue(CommonOptions.Data)
                ?? Path.Combine(Path.GetTempPath(), $"graph-bench-api-{target}-{Path.GetFileNameWithoutExtension(input)}");
            var overrides = new Dictionary<string, string?>
            {
                ["Graph:DataDirectory"] = data,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Graph"] = "Warning",
            };

            await using var app = GraphServer.Build("http://127.0.0.1:0", overrides);
            var store = app.Services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(ct);
            var corpusArticles = await ExtractAsync(app.Services, input, ct);
            Console.WriteLine($"corpus: {input}: {corpusArticles.Count} articles extracted; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
            await FillAsync(store, corpusArticles, target, data, ct);

            var stats = await store.GetStatsAsync(ct);
            Console.WriteLine($"store: {data}: {stats.Articles} articles, {stats.Actors} actors, {stats.Relationships} relationships, {stats.Evidence} evidence");

            var queries = await QueriesAsync(store, ct);
            var limit = TimeSpan.FromSeconds(Math.Max(0.5, parse.GetValue(seconds)));
            Console.WriteLine();
            Console.WriteLine("in process (parse, validate, execute, serialize; one at a time):");
            Console.WriteLine($"  {"query",-44} {"n",7} {"p50 ms",9} {"p99 ms",9} {"req/s",9}");
            foreach (var (name, make) in queries)
            {
                Print(name, await InProcessAsync(app.Services, make, limit, ct));
            }

            await app.StartAsync(ct);
            int concurrency = Math.Max(1, parse.GetValue(clients));
            Console.WriteLine();
            Console.WriteLine($"over HTTP (Kestrel on loopback, {concurrency} concurrent clients in this process, POST application/json):");
            Console.WriteLine($"  {"query",-44} {"n",7} {"p50 ms",9} {"p99 ms",9} {"req/s",9}");
            var endpoint = new Uri(app.Urls.First() + "/graphql");
            foreach (var (name, make) in queries.Where(q => q.Name.StartsWith("actor", StringComparison.Ordinal) || q.Name.StartsWith("stance", StringComparison.Ordinal)))
            {
                Print(name, await OverHttpAsync(endpoint, make, concurrency, limit, ct));
            }

            await app.StopAsync(ct);
            return 0;
        });
        return command;
    }

    private sealed record Measured(int Count, double P50, double P99, double PerSecond)
    {
        /// <summary>The slowest request and its time, so a slow random pair can be looked into.</summary>
        public (double Ms, string Query)? Slowest { get; init; }
    }

    private static void Print(string name, Measured m)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-44} {m.Count,7} {m.P50,9:0.000} {m.P99,9:0.000} {m.PerSecond,9:0}"));
        if (name.Contains("random", StringComparison.Ordinal) && m.Slowest is { } slowest)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    slowest {slowest.Ms:0.000} ms: {slowest.Query[..Math.Min(100, slowest.Query.Length)]}"));
        }
    }

    /// <summary>The corpus as extracted once; the replicas reuse these extractions with shifted ids and dates.</summary>
    private static async Task<List<ArticleToSave>> ExtractAsync(IServiceProvider services, string input, CancellationToken ct)
    {
        var reader = services.GetRequiredService<ArticleReader>();
        var extractor = services.GetRequiredService<IExtractor>();
        var found = new List<ArticleToSave>();
        await foreach (var item in reader.ReadAsync(input, ct))
        {
            if (item.Article is { } a)
            {
                found.Add(new ArticleToSave(a, extractor.Extract(a)));
            }
        }

        return found;
    }

    /// <summary>
    /// Copy k of article a gets id "a~k", its own url, and every date moved back k*17 days: 400 copies of a 2019
    /// corpus spread over two decades, so timelines and date filters see real ranges.
    /// </summary>
    private static async Task FillAsync(IGraphStore store, List<ArticleToSave> corpus, int target, string data, CancellationToken ct)
    {
        long have = (await store.GetStatsAsync(ct)).Articles;
        if (have >= target)
        {
            Console.WriteLine($"store: reusing {data} ({have} articles)");
            return;
        }

        var clock = Stopwatch.StartNew();
        int written = 0, copies = (target + corpus.Count - 1) / corpus.Count;
        for (int k = 0; k < copies && written < target; k++)
        {
            var batch = new List<ArticleToSave>(corpus.Count);
            foreach (var x in corpus.TakeWhile(_ => written + batch.Count < target))
            {
                batch.Add(Replica(x, k));
            }

            await store.SaveArticlesAsync(batch, BuildVersion, ct);
            written += batch.Count;
            if (k % 40 == 0)
            {
                Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\rbuilding store: {written}/{target} articles, {written / clock.Elapsed.TotalSeconds:0}/s "));
            }
        }

        Console.Error.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store: built {written} articles in {clock.Elapsed.TotalSeconds:0.0} s ({written / clock.Elapsed.TotalSeconds:0} articles/s)"));
    }

    private static ArticleToSave Replica(ArticleToSave x, int k)
    {
        var original = x.Article;
        int shift = -17 * k;
        var article = original with
        {
            Id = k == 0 ? original.Id : $"{original.Id}~{k}",
            Url = (original.Url ?? "https://bench.invalid/" + Uri.EscapeDataString(original.Id)) + (k == 0 ? "" : "#copy-" + k.ToString(CultureInfo.InvariantCulture)),
            PublishedAt = (original.PublishedAt ?? new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero)).AddDays(shift),
        };
        var extraction = x.Extraction with
        {
            Article = ArticleInfo.From(article),
            Relations = [.. x.Extraction.Relations.Select(r => r with { EventDate = r.EventDate?.AddDays(shift) })],
        };
        return new ArticleToSave(article, extraction);
    }

    /// <summary>
    /// The queries measured, on actors and pairs the store holds (the extractor may have changed since it was built):
    /// the busiest pair and actor, and random ones per request.
    /// </summary>
    private static async Task<List<(string Name, Func<Random, string> Make)>> QueriesAsync(IGraphStore store, CancellationToken ct)
    {
        var totals = await store.GetRelationshipTotalsAsync(new EvidenceFilter { Modalities = Modalities.CountedAsEvidence }, ct: ct);
        var pairs = totals
            .Where(t => t.Source != t.Target)
            .GroupBy(t => (t.Source, t.Target))
            .OrderByDescending(g => g.Sum(t => t.Count)).ThenBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Target, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
        if (pairs.Count == 0)
        {
            throw new InvalidOperationException("The store holds no relationships to query.");
        }

        var busy = pairs[0];
        var byEvidence = totals.SelectMany(t => new[] { (Id: t.Source, t.Count), (Id: t.Target, t.Count) })
            .GroupBy(x => x.Id).OrderByDescending(g => g.Sum(x => x.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var busiestActor = byEvidence[0];
        var actorIds = (await store.SearchActorsAsync(new ActorSearch(First: 1000), ct)).Items.Select(a => a.Id).ToList();

        const string StanceFields = "score label evidenceCount counts { type count } firstSeen lastSeen evidence(first: 3) { sentence article { title publishedAt } }";
        string Stance((string S, string T) p, bool affiliates) =>
            $$"""{ stance(from: "{{p.S}}", to: "{{p.T}}", includeAffiliates: {{(affiliates ? "true" : "false")}}) { {{StanceFields}} } }""";
        const string NeighborhoodFields = "nodes { id name kind } edges { source { id } target { id } type count score }";
        return
        [
            ("actor (by id)", r => $$"""{ actor(id: "{{actorIds[r.Next(actorIds.Count)]}}") { id name kind } }"""),
            ($"stance busy pair {busy.Source}->{busy.Target}", _ => Stance(busy, false)),
            ("stance busy pair, includeAffiliates", _ => Stance(busy, true)),
            ("stance random pairs", r => Stance(pairs[r.Next(pairs.Count)], false)),
            ("stance random pairs, includeAffiliates", r => Stance(pairs[r.Next(pairs.Count)], true)),
            ($"actor {busiestActor} with relationships", _ => $$"""{ actor(id: "{{busiestActor}}") { name relationships(first: 20) { totalCount edges { node { type source { name } target { name } count score evidence(first: 2) { sentence } } } } } }"""),
            ($"relationships source {busiestActor}", _ => $$"""{ relationships(where: { source: "{{busiestActor}}" }, first: 20) { totalCount edges { node { target { name } type count score firstSeen lastSeen evidence(first: 2) { sentence } } } } }"""),
            ("relationships busy pair", _ => $$"""{ relationships(where: { source: "{{busy.Source}}", target: "{{busy.Target}}" }) { totalCount edges { node { type count score evidence(first: 3) { sentence article { title } } } } } }"""),
            ($"neighborhood {busiestActor} depth 2", _ => $$"""{ neighborhood(actor: "{{busiestActor}}", depth: 2, limit: 50) { {{NeighborhoodFields}} } }"""),
            ("neighborhood random actor depth 2", r => $$"""{ neighborhood(actor: "{{byEvidence[r.Next(byEvidence.Count)]}}", depth: 2, limit: 50) { {{NeighborhoodFields}} } }"""),
            ("articles(search: \"ceasefire\") text search", _ => """{ articles(search: "ceasefire", first: 10) { totalCount edges { node { id title publishedAt } } } }"""),
        ];
    }

    private static async Task<Measured> InProcessAsync(IServiceProvider services, Func<Random, string> make, TimeSpan limit, CancellationToken ct)
    {
        var executer = services.GetRequiredService<IDocumentExecuter>();
        var schema = services.GetRequiredService<ISchema>();
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var random = new Random(11);
        (double Ms, string Query)? slowest = null;

        async Task<double> OnceAsync()
        {
            var watch = Stopwatch.StartNew();
            string query = make(random);
            await using var scope = services.CreateAsyncScope();
            var result = await executer.ExecuteAsync(o =>
            {
                o.Schema = schema;
                o.Query = query;
                o.RequestServices = scope.ServiceProvider;
                o.CancellationToken = ct;
            });
            if (result.Errors is { Count: > 0 } errors)
            {
                throw new InvalidOperationException("Benchmark query failed: " + errors[0].Message);
            }

            await serializer.WriteAsync(Stream.Null, result, ct);
            double ms = watch.Elapsed.TotalMilliseconds;
            if (slowest is null || ms > slowest.Value.Ms)
            {
                slowest = (ms, query);
            }

            return ms;
        }

        // Warm up past tiered JIT and the page cache (half a second, at least 3 runs) before the clock starts.
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 3 || warm.Elapsed < TimeSpan.FromSeconds(0.5); i++)
        {
            await OnceAsync();
        }

        slowest = null;
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit || times.Count < 5)
        {
            times.Add(await OnceAsync());
        }

        return Summarise(times, clock.Elapsed) with { Slowest = slowest };
    }

    private static async Task<Measured> OverHttpAsync(Uri endpoint, Func<Random, string> make, int clients, TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        async Task<double> OnceAsync(Random random)
        {
            var watch = Stopwatch.StartNew();
            var body = "{\"query\":" + System.Text.Json.JsonSerializer.Serialize(make(random)) + "}";
            using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await http.PostAsync(endpoint, content, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode || text.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Benchmark request failed: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }

            return watch.Elapsed.TotalMilliseconds;
        }

        // Warm up every connection and the server's paths before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var random = new Random(100 + i);
            for (int n = 0; n < 20; n++)
            {
                await OnceAsync(random);
            }
        }));

        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var random = new Random(i);
            var times = new List<double>();
            while (clock.Elapsed < limit)
            {
                times.Add(await OnceAsync(random));
            }

            return times;
        }));
        return Summarise([.. perClient.SelectMany(t => t)], clock.Elapsed);
    }

    private static Measured Summarise(List<double> times, TimeSpan elapsed)
    {
        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        return new Measured(times.Count, At(0.50), At(0.99), times.Count / elapsed.TotalSeconds);
    }
}
