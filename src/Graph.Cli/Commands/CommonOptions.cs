using System.CommandLine;
using Graph.Cli.Hosting;
using Graph.Core;
using Graph.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace Graph.Cli.Commands;

/// <summary>Flags every command takes, and how they land in configuration.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Folder of the embedded store (default ./data; also GRAPH_DATA)",
        Recursive = true,
    };

    public static IEnumerable<KeyValuePair<string, string?>> Overrides(ParseResult parse)
    {
        var data = parse.GetValue(Data) ?? Environment.GetEnvironmentVariable("GRAPH_DATA");
        if (!string.IsNullOrWhiteSpace(data))
        {
            yield return new("Graph:DataDirectory", data);
        }
    }

    /// <summary>
    /// A service provider for commands that need the store and extractor but no web host. With
    /// <paramref name="existingStore"/>, an embedded store that does not exist is refused rather than created empty:
    /// a command that only reads must not turn a mistyped <c>--data</c> into a new store.
    /// </summary>
    public static ServiceProvider Services(ParseResult parse, bool existingStore = false)
    {
        var configuration = GraphServices.BuildConfiguration(Overrides(parse));
        var services = new ServiceCollection()
            .AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging"))
                .AddSimpleConsole(o => o.SingleLine = true)
                // Standard output carries the command's answer (JSON Lines for extract); logs go to standard error.
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddSingleton(configuration);
        GraphServices.AddGraph(services, configuration);
        Graph.Worker.WorkerServices.AddGraphWorker(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        // The web host validates options at start; a bare provider must do it itself, before anything touches the disk.
        provider.GetService<IStartupValidator>()?.Validate();
        if (existingStore)
        {
            RequireStore(provider);
        }

        return provider;
    }

    private static void RequireStore(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<GraphOptions>>().Value.IsNeo4j)
        {
            return;
        }

        var file = services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.FilePath;
        if (!File.Exists(file))
        {
            throw new UserErrorException($"No store at {Path.GetDirectoryName(file)}: {Path.GetFileName(file)} is not there. Check --data (or GRAPH_DATA); graph ingest or graph serve creates a store.");
        }
    }
}
