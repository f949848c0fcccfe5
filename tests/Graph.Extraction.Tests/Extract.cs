using System.Runtime.CompilerServices;
using Graph.Core.Domain;

namespace Graph.Extraction.Tests;

/// <summary>One extractor over the built-in knowledge base and lexicon, shared by the tests (it is stateless).</summary>
internal static class Extract
{
    public static readonly RuleExtractor Default = RuleExtractor.CreateDefault();

    public static ArticleExtraction Text(string text, DateTimeOffset? publishedAt = null) =>
        Default.Extract(new Article("test", text, PublishedAt: publishedAt));

    public static IEnumerable<Relation> Between(this ArticleExtraction x, string source, string target) =>
        x.Relations.Where(r => r.Source == source && r.Target == target);

    /// <summary>The checkout: above the test binaries, or (when builds go to another artifacts folder) above this source file.</summary>
    public static string RepoRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? string.Empty })
        {
            var dir = start.Length == 0 ? null : new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
            {
                dir = dir.Parent;
            }

            if (dir is not null)
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Graph.sln not found above " + AppContext.BaseDirectory);
    }
}
