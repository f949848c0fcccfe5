using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction;
using Graph.Extraction.Reading;
using Graph.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Worker.Tests;

/// <summary>The worker's services over a real embedded store and the real extractor, in a scratch folder.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private static readonly Lazy<IExtractor> Extractor = new(RuleExtractor.CreateDefault);

    private WorkerHost(string dir, ServiceProvider services)
    {
        Dir = dir;
        Services = services;
    }

    public string Dir { get; }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static async Task<WorkerHost> StartAsync(params (string Key, string? Value)[] settings)
    {
        var dir = Directory.CreateTempSubdirectory("graph-worker-test-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Graph:DataDirectory", Path.Combine(dir, "data")), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(Extractor.Value)
            .AddSingleton(new ArticleReader())
            .AddSqliteGraphStore(o => o.DataDirectory = Path.Combine(dir, "data"))
            .AddGraphWorker(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<IGraphStore>().InitializeAsync(TestContext.Current.CancellationToken);
        await services.GetRequiredService<IIngestLog>().InitializeAsync(TestContext.Current.CancellationToken);
        return new WorkerHost(dir, services);
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
