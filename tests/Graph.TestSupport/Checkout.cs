using System.Reflection;
using System.Runtime.CompilerServices;

namespace Graph.TestSupport;

/// <summary>
/// Where the checkout is, found once for every test project: Graph.TestSupport compiles it, and a project that does not
/// reference Graph.TestSupport (which brings in the whole program) links this file.
/// </summary>
internal static class Checkout
{
    /// <summary>
    /// The root baked in at build (tests may be built into an outside artifacts folder), else the nearest folder above
    /// the binaries that holds Graph.sln, else the one above this source file.
    /// </summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var baked = typeof(Checkout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (baked is not null && File.Exists(Path.Combine(baked, "Graph.sln")))
        {
            return baked;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetFullPath(Path.Combine(ThisFile(), "..", "..", ".."));
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
