using System.Diagnostics;
using Graph.Extraction.Reading;

namespace Graph.Extraction.Tests;

/// <summary>
/// HTML pages are read in time linear in their size whatever their shape: deep nesting, or thousands of elements,
/// which the DOM parser and the readability step handle in time growing with depth x elements or elements squared.
/// </summary>
[Collection(nameof(TimedCollection))]
public sealed class HtmlReadingTests
{
    private const string Sentence = "Russia supports Assad.";

    // Deep nesting; unclosed formatting elements; tables the parser fosters; lists; many siblings; many links.
    public static TheoryData<string> Shapes => ["<div>", "<b>", "<table>", "<ul><li>", "<p>x</p>", "<a href=x>y</a>"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Reading_time_grows_linearly_with_hostile_markup(string repeated) =>
        Linearity.Assert(n => Page(repeated, n), 20_000, html => Html.ToArticle("page.html", html));

    [Fact]
    public void A_hundred_thousand_nested_divs_are_read_flat_in_seconds_with_the_text_kept()
    {
        var clock = Stopwatch.StartNew();
        var article = Html.ToArticle("deep.html", Page("<div>", 100_000));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        article.ShouldNotBeNull().Text.ShouldContain(Sentence);
    }

    [Fact]
    public void A_page_too_large_for_readability_still_loses_its_furniture_and_keeps_its_paragraphs_apart()
    {
        var paragraphs = string.Concat(Enumerable.Range(0, 6_000).Select(i => $"<p>Paragraph {i} &amp; more.</p>"));
        var html = $"""
            <html><head><title>Big &amp; long</title><style>p {"{"} color: red {"}"}</style><script>var s = "<p>not text</p>";</script></head>
            <body><header><nav><a href="/">Skip to main content</a></nav></header>
            <article><h1>Russia backs Assad</h1>{paragraphs}<p>{Sentence}</p></article>
            <aside>Sign up to our newsletter.</aside><footer>All rights reserved.</footer></body></html>
            """;

        var article = Html.ToArticle("big.html", html).ShouldNotBeNull();

        article.Title.ShouldBe("Big & long");
        article.Text.ShouldStartWith("Russia backs Assad\n\nParagraph 0 & more.\n\nParagraph 1 & more.", customMessage: article.Text[..100]);
        article.Text.ShouldEndWith(Sentence);
        foreach (var furniture in new[] { "Skip to", "newsletter", "rights reserved", "not text", "color" })
        {
            article.Text.ShouldNotContain(furniture);
        }
    }

    private static string Page(string repeated, int times) =>
        "<html><body>" + string.Concat(Enumerable.Repeat(repeated, times)) + "<p>" + Sentence + "</p></body></html>";
}
