using System.CommandLine;
using Graph.Core.Storage;

namespace Graph.Cli.Commands;

/// <summary><c>graph stats</c>: what the store holds.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Print the counts of articles, actors, relationships and evidence");
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CommonOptions.Services(parse, existingStore: true);
            var store = services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(ct);
            var stats = await store.GetStatsAsync(ct);
            Console.WriteLine($"articles       {stats.Articles}");
            Console.WriteLine($"actors         {stats.Actors}");
            Console.WriteLine($"relationships  {stats.Relationships}");
            Console.WriteLine($"evidence       {stats.Evidence}");
            return 0;
        });
        return command;
    }
}
