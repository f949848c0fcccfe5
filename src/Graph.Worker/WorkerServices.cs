using Graph.Core.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Graph.Worker;

public static class WorkerServices
{
    /// <summary>
    /// The worker's services on top of the graph's (<c>IGraphStore</c>, <c>IExtractor</c>, <c>ArticleReader</c> must be
    /// registered): <see cref="IngestPipeline"/>, <see cref="Reingester"/>, <see cref="SourceRunner"/>,
    /// <see cref="WorkerScheduler"/> and <see cref="IIngestLog"/> in <c>worker.db</c> of <c>Graph:DataDirectory</c>.
    /// </summary>
    public static IServiceCollection AddGraphWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new WorkerDatabase(configuration["Graph:DataDirectory"] ?? "data"));
        services.TryAddSingleton<SqliteIngestLog>();
        services.TryAddSingleton<IIngestLog>(sp => sp.GetRequiredService<SqliteIngestLog>());
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            // Redirects are followed (feeds move) but bounded; the per-request timeout is the fetcher's.
            var handler = new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All, MaxAutomaticRedirections = 5, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            return new HttpFetcher(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, sp.GetRequiredService<SqliteIngestLog>(), sp.GetRequiredService<IOptions<WorkerOptions>>());
        });
        services.TryAddSingleton<ArticleSources>();
        services.TryAddSingleton<IngestPipeline>();
        services.TryAddSingleton<Reingester>();
        services.TryAddSingleton<SourceRunner>();
        services.TryAddSingleton<WorkerScheduler>();
        return services;
    }
}
