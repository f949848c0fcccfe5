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

    /// <summary>The checkout, found as every test project finds it.</summary>
    public static string RepoRoot() => Graph.TestSupport.Checkout.Root;
}
