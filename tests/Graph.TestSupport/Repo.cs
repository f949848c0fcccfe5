namespace Graph.TestSupport;

/// <summary>Files of the checkout (seed articles, the explorer's sources) and the shared folder beside it, found from the tests.</summary>
public static class Repo
{
    /// <summary>The checkout (see <see cref="Checkout"/>).</summary>
    public static string Root => Checkout.Root;

    public static string SeedFolder => Path.Combine(Root, "graph-seed", "articles");

    public static string SeedArticle => Path.Combine(SeedFolder, "us-open-to-talks-with-russia-on-syria.txt");

    /// <summary>The shared Guardian corpus beside the checkout (it may be missing: tests that need it skip).</summary>
    public static string Corpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus", "guardian-syria-2019.jsonl"));

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);
}

/// <summary>A scratch folder per test, removed afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("graph-test-").FullName;

    public string File(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string File(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server that is still closing may hold the database file for a moment; the OS cleans temp eventually.
        }
    }
}
