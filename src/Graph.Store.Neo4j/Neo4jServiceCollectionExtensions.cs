using System.Net;
using Graph.Core.Corrections;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Store.Neo4j.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graph.Store.Neo4j;

public static class Neo4jServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="Neo4jGraphStore"/> as the singleton <see cref="IGraphStore"/>, and <see cref="Neo4jIngestLog"/>
    /// as its <see cref="IIngestLog"/> and <see cref="IArticleClaims"/>, with the store's typed
    /// <see cref="HttpClient"/>. Bind the <c>Graph:Neo4j</c> section yourself (<c>services.AddOptions&lt;Neo4jStoreOptions&gt;().Bind(...)</c>)
    /// or set values in <paramref name="configure"/>; options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddNeo4jGraphStore(this IServiceCollection services, Action<Neo4jStoreOptions>? configure = null)
    {
        var options = services.AddOptions<Neo4jStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // The store is a singleton holding one client for its lifetime: pooled connections are recycled by the
        // handler itself, so DNS changes (a restarted container) are still picked up.
        services.AddHttpClient<Neo4jQueryClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton(sp => new Neo4jGraphStore(
            sp.GetRequiredService<Neo4jQueryClient>(),
            sp.GetRequiredService<IOptions<Neo4jStoreOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<Neo4jGraphStore>>()));
        services.TryAddSingleton<IGraphStore>(sp => sp.GetRequiredService<Neo4jGraphStore>());
        services.TryAddSingleton(sp => new Neo4jIngestLog(sp.GetRequiredService<Neo4jGraphStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IIngestLog>(sp => sp.GetRequiredService<Neo4jIngestLog>());
        services.TryAddSingleton<IArticleClaims>(sp => sp.GetRequiredService<Neo4jIngestLog>());
        services.TryAddSingleton<ICorrectionLog>(sp => sp.GetRequiredService<Neo4jGraphStore>());
        return services;
    }
}
