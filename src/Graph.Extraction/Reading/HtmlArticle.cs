using AngleSharp.Html.Parser;
using Graph.Core.Domain;

namespace Graph.Extraction.Reading;

/// <summary>
/// HTML pages go through a readability step (SmartReader) so that navigation, related links and
/// newsletter boxes are gone before extraction; when readability finds no article body, the page's
/// visible text is used instead. A page nested deeper or with more elements than any article needs is read flat
/// by <see cref="HtmlText"/>, in linear time: the parser and readability would take minutes on it.
/// </summary>
internal static class HtmlArticle
{
    /// <summary>Deepest nesting the DOM parser is given; browsers stop nesting at 512.</summary>
    public const int MaxTreeDepth = 256;

    /// <summary>Most elements the readability step is given: news pages have a few thousand; its time grows with their square.</summary>
    public const int MaxTreeElements = 5_000;

    public static (Article?, string?) Read(string name, string html)
    {
        if (HtmlText.Measure(html) is { Depth: > MaxTreeDepth } or { Elements: > MaxTreeElements })
        {
            var (flat, flatTitle) = HtmlText.Read(html);
            return (new Article(name, Normalise(flat), flatTitle, Source: name), null);
        }

        string? title = null;
        string? text = null;
        DateTimeOffset? published = null;
        try
        {
            var reader = new SmartReader.Reader("https://localhost/" + Uri.EscapeDataString(name), html);
            var parsed = reader.GetArticle();
            if (parsed.IsReadable && !string.IsNullOrWhiteSpace(parsed.TextContent))
            {
                title = Clean(parsed.Title);
                text = parsed.TextContent;
                published = parsed.PublicationDate is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Readability gives up on some malformed pages; the plain-text fallback below still reads them.
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            var document = new HtmlParser().ParseDocument(html);
            foreach (var node in document.QuerySelectorAll("script, style, noscript, nav, header, footer, aside, form"))
            {
                node.Remove();
            }

            title ??= Clean(document.Title);
            text = document.Body?.TextContent ?? "";
        }

        return (new Article(name, Normalise(text), title, Source: name, PublishedAt: published), null);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Collapses the blank runs that markup leaves behind, keeping paragraph breaks as line breaks.</summary>
    private static string Normalise(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => string.Join(' ', l.Split([' ', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0);
        return string.Join("\n\n", lines);
    }
}
