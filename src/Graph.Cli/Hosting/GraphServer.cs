using System.Text.Json;
using Graph.Api;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction.Reading;
using Graph.Web;
using Graph.Worker;
using Microsoft.Extensions.Options;

namespace Graph.Cli.Hosting;

/// <summary>The hosts of <c>graph serve</c> and <c>graph worker</c>, built the same way for the commands and for tests.</summary>
public static class GraphServer
{
    /// <summary>The GraphQL server and web explorer, with the health endpoints.</summary>
    public static WebApplication Build(string urls, IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        var builder = CreateBuilder(urls, overrides);
        builder.Services.AddGraphApi(builder.Configuration);

        var app = WithExtractor(builder.Build());
        app.MapGraphApi();
        app.MapGraphExplorer();
        app.MapGraphHealth();
        return app;
    }

    /// <summary>The worker: the configured schedules as a hosted service, and the health endpoints (nothing else is served).</summary>
    public static WebApplication BuildWorker(string urls, IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        var builder = CreateBuilder(urls, overrides);
        builder.Services.AddGraphWorkerService();
        var app = WithExtractor(builder.Build());
        app.MapGraphHealth();
        return app;
    }

    /// <summary>
    /// Loads the knowledge base and lexicon now, so that an edited copy that cannot be read stops the start in one line
    /// instead of failing the first ingestion later.
    /// </summary>
    private static WebApplication WithExtractor(WebApplication app)
    {
        app.Services.GetRequiredService<IExtractor>();
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(string urls, IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.WebHost.UseUrls(urls);
        builder.Services.AddGraph(builder.Configuration);
        builder.Services.AddGraphWorker(builder.Configuration);
        builder.Services.AddGraphHealth();
        return builder;
    }

    /// <summary>What <c>graph serve</c> does once the app is built: the store prepared, the server started and warmed up.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken ct)
    {
        await PrepareStoreAsync(app, ct);
        await app.StartAsync(ct);
        await WarmUpAsync(app, ct);
    }

    /// <summary>Creates the store and, when it is empty, fills it with the seed articles.</summary>
    public static async Task PrepareStoreAsync(WebApplication app, CancellationToken ct)
    {
        var store = app.Services.GetRequiredService<IGraphStore>();
        await store.InitializeAsync(ct);
        if ((await store.GetStatsAsync(ct)).Articles > 0)
        {
            return;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Graph.Seed");
        var seed = app.Services.GetRequiredService<IOptions<GraphOptions>>().Value.SeedPath ?? Paths.DefaultSeed();
        if (seed is null || !Path.Exists(seed))
        {
            Log.NoSeed(logger);
            return;
        }

        Log.SeedingStore(logger, seed);
        await app.Services.GetRequiredService<IIngestLog>().InitializeAsync(ct);
        var articles = app.Services.GetRequiredService<ArticleReader>().ReadAsync(seed, ct).AsIngestItems(ct);
        await app.Services.GetRequiredService<ArticleIngestion>().RunAsync(new IngestRequest("seed", "seed"), articles, new SeedFailures(logger), ct);
    }

    /// <summary>
    /// Asks the started server what the explorer asks first (the page, an actor, its neighbourhood, a stance), so the
    /// first person to open it does not wait for the runtime to compile the request path. Best effort: a failure here
    /// only means the first real request is slower.
    /// </summary>
    private static async Task WarmUpAsync(WebApplication app, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            (await http.GetAsync("/", ct)).Dispose();
            using var first = await http.PostAsJsonAsync("/graphql", new { query = "{ actors(first: 2) { edges { node { id } } } }" }, ct);
            var ids = (await first.Content.ReadFromJsonAsync<JsonElement>(ct))
                .GetProperty("data").GetProperty("actors").GetProperty("edges").EnumerateArray()
                .Select(e => e.GetProperty("node").GetProperty("id").GetString()).ToList();
            if (ids.Count < 2)
            {
                return;
            }

            var query = """
                query ($a: String!, $b: String!) {
                  neighborhood(actor: $a, depth: 2, limit: 50) { nodes { id name kind } edges { source { id } target { id } type count firstSeen lastSeen } }
                  stance(from: $a, to: $b, includeAffiliates: true) { score label evidence { sentence article { title } } }
                }
                """;
            (await http.PostAsJsonAsync("/graphql", new { query, variables = new { a = ids[0], b = ids[1] } }, ct)).Dispose();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Graph.Serve");
            Log.WarmUpFailed(logger, e);
        }
    }

    private sealed class SeedFailures(ILogger logger) : IIngestObserver
    {
        public ValueTask OnResultAsync(IngestResult result, CancellationToken ct) => ValueTask.CompletedTask;

        public ValueTask OnFailureAsync(IngestFailure failure, CancellationToken ct)
        {
            Log.IngestFailed(logger, failure.Origin, failure.Error);
            return ValueTask.CompletedTask;
        }
    }
}
