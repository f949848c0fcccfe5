using System.Runtime.CompilerServices;

namespace Graph.Api.Tests;

/// <summary>Where the sources are: the build output lives elsewhere (GRAPH_ARTIFACTS), so we go by this file's path.</summary>
internal static class SourcePaths
{
    public static string TestProject => Path.GetDirectoryName(Here())!;

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(TestProject, "..", ".."));

    private static string Here([CallerFilePath] string path = "") => path;
}
