using Graph.Core.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Graph.Worker;

public static class WorkerServices
{
    /// <summary>
    /// The worker's services on top of the graph's (the store with its ingestion log and claims, <c>IExtractor</c>,
    /// <c>ArticleReader</c> and <see cref="ArticleIngestion"/> must be registered): sources, HTTP fetching,
    /// <see cref="SourceRunner"/>, <see cref="DeadLetterRetry"/> and <see cref="WorkerScheduler"/> with the schedules in
    /// <c>worker.db</c> of <c>Graph:DataDirectory</c>. The scheduler runs only where <see cref="AddGraphWorkerService"/> adds it.
    /// </summary>
    public static IServiceCollection AddGraphWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new WorkerDatabase(configuration["Graph:DataDirectory"] ?? "data"));
        services.TryAddSingleton<HttpValidators>();
        services.TryAddSingleton(sp =>
        {
            // Redirects are followed (feeds move) but bounded; the per-request timeout is the fetcher's.
            var handler = new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All, MaxAutomaticRedirections = 5, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            return new HttpFetcher(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, sp.GetRequiredService<HttpValidators>(), sp.GetRequiredService<IOptions<WorkerOptions>>());
        });
        services.TryAddSingleton<ArticleSources>();
        services.TryAddSingleton<SourceRunner>();
        services.TryAddSingleton<DeadLetterRetry>();
        services.TryAddSingleton<WorkerScheduler>();
        services.TryAddSingleton<WorkerStop>();
        return services;
    }

    /// <summary>Runs the configured schedules for as long as the host runs, and stops the current run promptly when it stops.</summary>
    public static IServiceCollection AddGraphWorkerService(this IServiceCollection services)
    {
        services.AddHostedService<WorkerService>();
        return services;
    }
}
