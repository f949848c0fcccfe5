using System.CommandLine;
using Graph.Cli.Hosting;
using Graph.Core.Storage;

namespace Graph.Cli.Commands;

/// <summary><c>graph serve</c>: the GraphQL server on the embedded store, seeded on first start.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (default http://127.0.0.1:5080; also GRAPH_URLS)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GRAPH_URLS") ?? "http://127.0.0.1:5080",
        };
        var command = new Command("serve", "Serve the GraphQL API (and create and seed the store when it is empty)") { urls };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = GraphServer.Build(parse.GetValue(urls)!, CommonOptions.Overrides(parse));
            await GraphServer.StartAsync(app, ct);
            var stats = await app.Services.GetRequiredService<IGraphStore>().GetStatsAsync(ct);
            foreach (var address in app.Urls)
            {
                Console.WriteLine($"GraphQL at {address.TrimEnd('/')}/graphql");
            }

            Console.WriteLine($"{Holding(stats)} Ctrl+C stops.");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }

    /// <summary>What the store holds, as the first lines of <c>graph serve</c> say it.</summary>
    internal static string Holding(StoreStats s) =>
        $"The store holds {Words.Count(s.Articles, "article")}, {Words.Count(s.Actors, "actor")}, {Words.Count(s.Relationships, "relationship")} "
        + $"({Words.Count(s.Evidence, "piece")} of evidence).";
}
