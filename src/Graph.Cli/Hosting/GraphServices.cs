using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Extraction;
using Graph.Extraction.Reading;
using Graph.Store.Neo4j;
using Graph.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Graph.Cli.Hosting;

/// <summary>The wiring every command shares: options, the store chosen by configuration, the extractor, the ingestor.</summary>
public static class GraphServices
{
    public static IServiceCollection AddGraph(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(GraphOptions.Section);
        services.AddOptions<GraphOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<GraphOptions>() ?? new GraphOptions();

        services.TryAddSingleton(TimeProvider.System);
        if (options.Store.Equals("neo4j", StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<Neo4jStoreOptions>().Bind(configuration.GetSection(Neo4jStoreOptions.Section));
            services.AddNeo4jGraphStore();
        }
        else
        {
            services.AddSqliteGraphStore(o => o.DataDirectory = options.DataDirectory);
        }

        services.AddSingleton<IExtractor>(_ => options.ActorsPath is null
            ? RuleExtractor.CreateDefault()
            : RuleExtractor.FromDirectory(options.ActorsPath, options.LexiconPath));
        services.AddSingleton<Ingestor>();
        services.AddSingleton(sp => new ArticleReader(new ReaderOptions { MaxArticleBytes = sp.GetRequiredService<IOptions<GraphOptions>>().Value.MaxArticleBytes }));
        return services;
    }

    /// <summary>Configuration for commands that run without the web host: appsettings.json, environment, flags.</summary>
    public static IConfiguration BuildConfiguration(IEnumerable<KeyValuePair<string, string?>> overrides) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
}
