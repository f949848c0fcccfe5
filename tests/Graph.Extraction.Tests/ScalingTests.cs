using System.Diagnostics;
using Graph.Core.Domain;

namespace Graph.Extraction.Tests;

/// <summary>
/// Extraction time grows linearly with the article: a long article (the reader accepts up to 16 MB) must not hold a
/// core for minutes. These are bounds against blow-ups with generous margins, not benchmarks: per-sentence time at
/// two and four times the size may at most double (a quadratic step quadruples it at four times the size).
/// </summary>
public sealed class ScalingTests
{
    private const int Sentences = 12_000;

    // One relation per sentence, the same pair over and over: what a duplicate check over every relation so far chokes on.
    private const string Repeated = "Russia supports Assad. ";

    [Fact]
    public void Time_per_sentence_stays_flat_as_a_repetitive_article_grows() =>
        AssertLinear(n => string.Concat(Enumerable.Repeat(Repeated, n)));

    [Fact]
    public void Time_per_sentence_stays_flat_as_a_varied_article_grows()
    {
        // The seed article's sentences (many actors, relations, quotes and pronouns), repeated to length.
        var seed = File.ReadAllText(Path.Combine(Extract.RepoRoot(), "graph-seed", "articles", "us-open-to-talks-with-russia-on-syria.txt"));
        var perCopy = Math.Max(1, seed.Count(c => c == '.'));
        AssertLinear(n => string.Join("\n\n", Enumerable.Repeat(seed, Math.Max(1, n / perCopy))));
    }

    [Fact]
    public void A_long_repetitive_article_keeps_one_relation_per_sentence_position()
    {
        var extraction = Extract.Text(string.Concat(Enumerable.Repeat(Repeated, 500)));

        extraction.Relations.Count.ShouldBe(500);
        extraction.Relations.Select(r => r.Start).Distinct().Count().ShouldBe(500);
    }

    private static void AssertLinear(Func<int, string> article)
    {
        Measure(article(Sentences / 10)); // compiled and warm before anything is timed
        var small = PerUnit(article, Sentences);
        var twice = PerUnit(article, 2 * Sentences);
        var fourTimes = PerUnit(article, 4 * Sentences);
        var figures = $"per MB: {small:0.00} s at 1x, {twice:0.00} s at 2x, {fourTimes:0.00} s at 4x";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);

        twice.ShouldBeLessThan(2 * small, figures);
        fourTimes.ShouldBeLessThan(2 * small, figures);
    }

    /// <summary>Seconds per megabyte of text, the best of two runs: the machine is shared, and a slow run says nothing.</summary>
    private static double PerUnit(Func<int, string> article, int sentences)
    {
        var text = article(sentences);
        var seconds = Math.Min(Measure(text), Measure(text));
        return seconds / (text.Length / 1e6);
    }

    private static double Measure(string text)
    {
        var clock = Stopwatch.StartNew();
        Extract.Default.Extract(new Article("long", text));
        return clock.Elapsed.TotalSeconds;
    }
}
