using Graph.Cli.Hosting;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction;
using Graph.Worker;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.TestSupport;

/// <summary>
/// The program's services as every command wires them (<see cref="GraphServices.AddGraph"/> and the worker's) over a real
/// embedded store in a scratch folder, with the real extractor unless a test gives its own.
/// </summary>
public sealed class GraphHost : IAsyncDisposable
{
    private static readonly Lazy<IExtractor> DefaultExtractor = new(RuleExtractor.CreateDefault);

    private GraphHost(string dir, ServiceProvider services)
    {
        Dir = dir;
        Services = services;
    }

    public string Dir { get; }

    public string DataDirectory => Path.Combine(Dir, "data");

    public ServiceProvider Services { get; }

    public IGraphStore Store => Get<IGraphStore>();

    public IIngestLog Log => Get<IIngestLog>();

    public ArticleIngestion Ingestion => Get<ArticleIngestion>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static Task<GraphHost> StartAsync(params (string Key, string? Value)[] settings) => StartAsync(null, settings);

    public static async Task<GraphHost> StartAsync(IExtractor? extractor, params (string Key, string? Value)[] settings)
    {
        var dir = Directory.CreateTempSubdirectory("graph-host-test-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Graph:DataDirectory", Path.Combine(dir, "data")), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddGraph(configuration);
        services.AddGraphWorker(configuration);
        services.AddSingleton(extractor ?? DefaultExtractor.Value);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IGraphStore>().InitializeAsync(TestContext.Current.CancellationToken);
        await provider.GetRequiredService<IIngestLog>().InitializeAsync(TestContext.Current.CancellationToken);
        return new GraphHost(dir, provider);
    }

    /// <summary>One run over these items, as a source would yield them.</summary>
    public Task<IngestSummary> IngestAsync(string source, IIngestObserver? observer, params IngestItem[] items) =>
        Ingestion.RunAsync(new IngestRequest(source, "ingest"), Items(items), observer, TestContext.Current.CancellationToken);

    public Task<IngestSummary> IngestAsync(params IngestItem[] items) => IngestAsync("test", null, items);

    public static async IAsyncEnumerable<IngestItem> Items(params IngestItem[] items)
    {
        await Task.Yield();
        foreach (var item in items)
        {
            yield return item;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
