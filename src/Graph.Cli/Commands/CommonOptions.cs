using System.CommandLine;
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

    /// <summary>A service provider for commands that need the store and extractor but no web host.</summary>
    public static ServiceProvider Services(ParseResult parse)
    {
        var configuration = Hosting.GraphServices.BuildConfiguration(Overrides(parse));
        var services = new ServiceCollection()
            .AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging"))
                .AddSimpleConsole(o => o.SingleLine = true)
                // Standard output carries the command's answer (JSON Lines for extract); logs go to standard error.
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddSingleton(configuration);
        Hosting.GraphServices.AddGraph(services, configuration);
        Graph.Worker.WorkerServices.AddGraphWorker(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        // The web host validates options at start; a bare provider must do it itself, before anything touches the disk.
        provider.GetService<IStartupValidator>()?.Validate();
        return provider;
    }
}
