using Graph.Core.Corrections;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graph.Store.Sqlite;

public static class SqliteGraphStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteGraphStore"/> as the singleton <see cref="IGraphStore"/>, and <see cref="SqliteIngestLog"/>
    /// (in <c>worker.db</c> beside it) as its <see cref="IIngestLog"/> and <see cref="IArticleClaims"/>, and the store itself as the <see cref="ICorrectionLog"/>. Options are validated
    /// when the host starts (or on first use without a host), so a bad path fails early and says why.
    /// </summary>
    public static IServiceCollection AddSqliteGraphStore(this IServiceCollection services, Action<SqliteStoreOptions>? configure = null)
    {
        var options = services.AddOptions<SqliteStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGraphStore>(sp => new SqliteGraphStore(
            sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SqliteGraphStore>>()));
        services.TryAddSingleton(sp => new SqliteIngestLog(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IIngestLog>(sp => sp.GetRequiredService<SqliteIngestLog>());
        services.TryAddSingleton<IArticleClaims>(sp => sp.GetRequiredService<SqliteIngestLog>());
        // Corrections live in the graph's own file, so whatever store serves the graph keeps them.
        services.TryAddSingleton<ICorrectionLog>(sp => (ICorrectionLog)sp.GetRequiredService<IGraphStore>());
        return services;
    }
}
