namespace Graph.Cli.Hosting;

/// <summary>Finds files that ship with the repository (the seed articles) wherever the command runs from.</summary>
public static class Paths
{
    /// <summary>
    /// The checkout: <c>GRAPH_HOME</c> (set by the <c>./graph</c> launcher), else the nearest folder above the
    /// binaries (or the working directory) that holds <c>Graph.sln</c>.
    /// </summary>
    public static string? Home()
    {
        if (Environment.GetEnvironmentVariable("GRAPH_HOME") is { Length: > 0 } home && Directory.Exists(home))
        {
            return home;
        }

        return Above(AppContext.BaseDirectory) ?? Above(Directory.GetCurrentDirectory());

        static string? Above(string start)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }
    }

    public static string? DefaultSeed() => SeedFolder("articles");

    /// <summary>A folder of <c>graph-seed</c> in the checkout (or the image), when it is there.</summary>
    public static string? SeedFolder(string name) =>
        Home() is { } home && Directory.Exists(Path.Combine(home, "graph-seed", name))
            ? Path.Combine(home, "graph-seed", name)
            : null;

    /// <summary>What the benchmarks read by default: the shared Guardian corpus beside the checkout, else the seed articles.</summary>
    public static string? BenchCorpus() =>
        Home() is { } home && Path.GetFullPath(Path.Combine(home, "..", "shared", "corpus", "guardian-syria-2019.jsonl")) is var corpus && File.Exists(corpus)
            ? corpus
            : DefaultSeed();
}
