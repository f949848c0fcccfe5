using System.Net;
using System.Text;

namespace Graph.Extraction.Reading;

/// <summary>
/// HTML read in one pass over the markup, without building a tree: time linear in the size of the page whatever its
/// shape. The DOM parser takes time growing with depth x elements (each start tag searches the open elements) and the
/// readability step with elements squared (sibling walks), so a page nested or sized past what an article needs is
/// read here instead: its text flat, paragraphs apart, scripts, styles and page furniture left out.
/// </summary>
internal static class HtmlText
{
    /// <summary>How many elements the page has, and how deep its elements nest (counted as written, closing tags matched by count).</summary>
    public readonly record struct Shape(int Elements, int Depth);

    // Elements never closed by a tag of their own, and those the parser closes when a sibling opens: they add no depth.
    private static readonly HashSet<string> Unnested = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption",
    };

    // Content that is not text at all: read up to the matching closing tag without looking inside.
    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "template", "noscript",
    };

    // Page furniture the readability step would drop; their text is skipped.
    private static readonly HashSet<string> Furniture = new(StringComparer.Ordinal)
    {
        "nav", "header", "footer", "aside", "button", "select", "svg",
    };

    // Elements that start a new block: their text is a paragraph of its own.
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr", "td", "th", "ul", "body", "html", "center", "details", "summary",
    };

    public static Shape Measure(string html)
    {
        int elements = 0, depth = 0, deepest = 0;
        var tags = new Tags(html);
        while (tags.Next() is { } tag)
        {
            if (tag.Kind == TagKind.Start)
            {
                elements++;
                if (!tag.SelfClosing && !RawText.Contains(tag.Name) && !Unnested.Contains(tag.Name))
                {
                    deepest = Math.Max(deepest, ++depth);
                }
            }
            else if (tag.Kind == TagKind.End && depth > 0 && !Unnested.Contains(tag.Name))
            {
                depth--;
            }
        }

        return new Shape(elements, deepest);
    }

    /// <summary>The page's visible text, one line per block, and its <c>title</c>.</summary>
    public static (string Text, string? Title) Read(string html)
    {
        var text = new StringBuilder(html.Length / 2);
        string? title = null;
        int furniture = 0;
        var tags = new Tags(html);
        while (tags.Next() is { } tag)
        {
            switch (tag.Kind)
            {
                case TagKind.Text when furniture == 0:
                    text.Append(WebUtility.HtmlDecode(html.AsSpan(tag.Start, tag.Length).ToString()));
                    break;
                case TagKind.Start when tag.Name == "title":
                    title ??= WebUtility.HtmlDecode(html.AsSpan(tag.Start, tag.Length).ToString()).Trim();
                    break;
                case TagKind.Start or TagKind.End when Furniture.Contains(tag.Name):
                    furniture = tag.Kind == TagKind.Start ? furniture + (tag.SelfClosing ? 0 : 1) : Math.Max(0, furniture - 1);
                    break;
                case TagKind.Start or TagKind.End when Blocks.Contains(tag.Name):
                    text.Append('\n');
                    break;
            }
        }

        return (text.ToString(), string.IsNullOrEmpty(title) ? null : title);
    }

    private enum TagKind
    {
        Text,
        Start,
        End,
    }

    /// <summary>A run of text, or a tag; for a raw-text element's start tag, <see cref="Start"/> and <see cref="Length"/> are its content.</summary>
    private sealed record Tag(TagKind Kind, string Name, int Start, int Length, bool SelfClosing = false);

    /// <summary>Tags and text in order. Every character is looked at a bounded number of times: nothing backtracks.</summary>
    private sealed class Tags(string html)
    {
        private int _at;

        public Tag? Next()
        {
            while (_at < html.Length)
            {
                int lt = html.IndexOf('<', _at);
                if (lt != _at)
                {
                    int end = lt < 0 ? html.Length : lt;
                    var text = new Tag(TagKind.Text, "", _at, end - _at);
                    _at = end;
                    return text;
                }

                if (Follows(lt + 1, "!--"))
                {
                    _at = After(html.IndexOf("-->", lt + 4, StringComparison.Ordinal), 3);
                    continue;
                }

                bool closing = lt + 1 < html.Length && html[lt + 1] == '/';
                int nameStart = lt + (closing ? 2 : 1);
                if (nameStart < html.Length && html[nameStart] is '!' or '?')
                {
                    _at = After(html.IndexOf('>', nameStart), 1); // doctype, processing instruction
                    continue;
                }

                if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
                {
                    // A '<' that opens no tag is text.
                    _at = lt + 1;
                    return new Tag(TagKind.Text, "", lt, 1);
                }

                return ReadTag(nameStart, closing);
            }

            return null;
        }

        private Tag ReadTag(int nameStart, bool closing)
        {
            int nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
            {
                nameEnd++;
            }

            string name = html[nameStart..nameEnd].ToLowerInvariant();
            int close = TagEnd(nameEnd);
            _at = Math.Min(close + 1, html.Length);
            if (closing)
            {
                return new Tag(TagKind.End, name, 0, 0);
            }

            bool selfClosing = close < html.Length && html[close - 1] == '/';
            if (!RawText.Contains(name) || selfClosing)
            {
                return new Tag(TagKind.Start, name, 0, 0, selfClosing);
            }

            int contentStart = _at;
            int contentEnd = html.IndexOf("</" + name, contentStart, StringComparison.OrdinalIgnoreCase);
            contentEnd = contentEnd < 0 ? html.Length : contentEnd;
            _at = contentEnd < html.Length ? After(html.IndexOf('>', contentEnd), 1) : html.Length;
            return new Tag(TagKind.Start, name, contentStart, contentEnd - contentStart);
        }

        /// <summary>The '>' that ends a tag, skipping quoted attribute values; the end of the page when there is none.</summary>
        private int TagEnd(int from)
        {
            for (int i = from; i < html.Length; i++)
            {
                switch (html[i])
                {
                    case '>':
                        return i;
                    case '"' or '\'':
                        int quote = html.IndexOf(html[i], i + 1);
                        if (quote < 0)
                        {
                            return html.Length;
                        }

                        i = quote;
                        break;
                }
            }

            return html.Length;
        }

        private bool Follows(int at, string what) => string.CompareOrdinal(html, at, what, 0, what.Length) == 0;

        private int After(int found, int length) => found < 0 ? html.Length : found + length;
    }
}
