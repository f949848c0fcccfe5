using Graph.Core.Domain;

namespace Graph.Extraction.Tests;

/// <summary>
/// Extraction time grows linearly with the article: a long article (the reader accepts up to 16 MB) must not hold a
/// core for minutes. The extractor may be rewritten; these bounds hold for any version of it.
/// </summary>
[Collection(nameof(TimedCollection))]
public sealed class ScalingTests
{
    private const int Sentences = 12_000;

    // One relation per sentence, the same pair over and over: what a duplicate check over every relation so far chokes on.
    private const string Repeated = "Russia supports Assad. ";

    [Fact]
    public void Time_per_sentence_stays_flat_as_a_repetitive_article_grows() =>
        Linearity.Assert(n => string.Concat(Enumerable.Repeat(Repeated, n)), Sentences, ExtractText);

    [Fact]
    public void Time_per_sentence_stays_flat_as_a_varied_article_grows()
    {
        // The seed article's sentences (many actors, relations, quotes and pronouns), repeated to length.
        var seed = File.ReadAllText(Path.Combine(Extract.RepoRoot(), "graph-seed", "articles", "us-open-to-talks-with-russia-on-syria.txt"));
        var perCopy = Math.Max(1, seed.Count(c => c == '.'));
        Linearity.Assert(n => string.Join("\n\n", Enumerable.Repeat(seed, Math.Max(1, n / perCopy))), Sentences, ExtractText);
    }

    [Fact]
    public void A_long_repetitive_article_keeps_one_relation_per_sentence_position()
    {
        var extraction = Extract.Text(string.Concat(Enumerable.Repeat(Repeated, 500)));

        extraction.Relations.Count.ShouldBe(500);
        extraction.Relations.Select(r => r.Start).Distinct().Count().ShouldBe(500);
    }

    private static void ExtractText(string text) => Extract.Default.Extract(new Article("long", text));
}
