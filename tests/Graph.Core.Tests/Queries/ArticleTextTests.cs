using Graph.Core.Queries;

namespace Graph.Core.Tests.Queries;

public sealed class ArticleTextTests
{
    private const string Text =
        "Mr. Obama said on Tuesday that the U.S. would talk to Russia about Syria. Moscow welcomed the offer. " +
        "Officials in Damascus said nothing, and the rebels in Ḥoms rejected any talks.";

    [Fact]
    public void The_headline_is_the_first_sentence_not_cut_at_an_abbreviation_or_initials()
    {
        ArticleText.FirstSentence(Text).ShouldBe("Mr. Obama said on Tuesday that the U.S. would talk to Russia about Syria");
    }

    [Fact]
    public void A_long_first_sentence_is_shortened_at_a_word()
    {
        var headline = ArticleText.FirstSentence(string.Join(' ', Enumerable.Repeat("word", 80)) + ". Next.")!;

        headline.Length.ShouldBeLessThanOrEqualTo(151);
        headline.ShouldEndWith("word…");
    }

    [Fact]
    public void No_text_gives_no_headline()
    {
        ArticleText.FirstSentence("  ").ShouldBeNull();
    }

    [Fact]
    public void The_snippet_starts_near_the_first_search_word_found_ignoring_case_and_accents()
    {
        var snippet = ArticleText.Snippet(Text, "homs", 60)!;

        snippet.ShouldStartWith("…");
        snippet.ShouldContain("Ḥoms");
        snippet.Length.ShouldBeLessThanOrEqualTo(62);
    }

    [Fact]
    public void A_word_inside_another_word_is_no_match()
    {
        // "cow" is inside "Moscow" only: the snippet is the opening.
        ArticleText.Snippet(Text, "cow", 40).ShouldStartWith("Mr. Obama");
    }

    [Fact]
    public void Without_a_match_the_snippet_follows_the_first_sentence_when_that_is_the_headline()
    {
        ArticleText.Snippet(Text, null, 40, ArticleText.AfterFirstSentence(Text)).ShouldStartWith("…Moscow welcomed the offer.");
    }
}
