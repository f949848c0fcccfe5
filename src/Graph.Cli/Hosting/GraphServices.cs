using Graph.Core;
using Graph.Core.Corrections;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Extraction;
using Graph.Extraction.Reading;
using Graph.Store.Neo4j;
using Graph.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Graph.Cli.Hosting;

/// <summary>
/// The wiring every command shares: options, the store chosen by configuration (with its ingestion log and claims), the
/// extractor, the reader, and the ingestion use cases.
/// </summary>
public static class GraphServices
{
    public static IServiceCollection AddGraph(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(GraphOptions.Section);
        services.AddOptions<GraphOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<GraphOptions>() ?? new GraphOptions();

        services.TryAddSingleton(TimeProvider.System);
        if (options.IsNeo4j)
        {
            services.AddOptions<Neo4jStoreOptions>().Bind(configuration.GetSection(Neo4jStoreOptions.Section));
            services.AddNeo4jGraphStore();
        }
        else
        {
            services.AddSqliteGraphStore(o => o.DataDirectory = options.DataDirectory);
        }

        services.AddSingleton<IExtractor>(_ => CreateExtractor(options));
        services.AddSingleton(new IngestionOptions
        {
            ClaimLease = TimeSpan.FromSeconds(configuration.GetValue<int?>("Graph:Worker:ClaimLeaseSeconds") ?? 300),
        });
        services.AddSingleton<ArticleIngestion>();
        services.AddSingleton<Reingestion>();
        services.AddSingleton<Corrector>();
        services.AddSingleton(sp => new ArticleReader(new ReaderOptions { MaxArticleBytes = sp.GetRequiredService<IOptions<GraphOptions>>().Value.MaxArticleBytes }));
        return services;
    }

    /// <summary>
    /// The built-in knowledge base and lexicon, or edited copies of either. An edited lexicon alone is read beside the
    /// actors of the checkout (or image), which are the built-in ones.
    /// </summary>
    internal static IExtractor CreateExtractor(GraphOptions options)
    {
        if (options.ActorsPath is null && options.LexiconPath is null)
        {
            return RuleExtractor.CreateDefault();
        }

        foreach (var (setting, path) in new[] { ("Graph:ActorsPath", options.ActorsPath), ("Graph:LexiconPath", options.LexiconPath) })
        {
            if (path is not null && !Directory.Exists(path))
            {
                throw new UserErrorException($"{setting}: no such folder: {path}");
            }
        }

        try
        {
            return RuleExtractor.FromDirectory(options.ActorsPath, options.LexiconPath);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or KeyNotFoundException)
        {
            // The same code loads the built-in data, so what fails here is the edited copy: the linguist's to fix.
            var edited = string.Join(", ", new[] { ("Graph:ActorsPath", options.ActorsPath), ("Graph:LexiconPath", options.LexiconPath) }
                .Where(s => s.Item2 is not null).Select(s => $"{s.Item1} {s.Item2}"));
            throw new UserErrorException($"{edited}: cannot be read: {e.Message}", e);
        }
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
