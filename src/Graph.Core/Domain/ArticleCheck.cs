using System.Globalization;

namespace Graph.Core.Domain;

/// <summary>
/// What every way in (files, feeds, the API) refuses before an article is extracted: a blank id, a text with nothing
/// to read, and NUL characters, which no text article holds and which C-based tools cut strings at.
/// </summary>
public static class ArticleCheck
{
    /// <summary>Why the article cannot be ingested, or null when it can.</summary>
    public static string? Problem(string id, string text)
    {
        if (IsBlank(id))
        {
            return "the id is blank";
        }

        if (id.Contains('\0', StringComparison.Ordinal))
        {
            return "the id contains a NUL character (\\u0000)";
        }

        if (IsBlank(text))
        {
            return "the article has no text";
        }

        return text.Contains('\0', StringComparison.Ordinal) ? "the text contains a NUL character (\\u0000)" : null;
    }

    /// <summary>
    /// Nothing but white space and invisible format characters: byte-order marks, zero-width spaces and joiners,
    /// direction marks. Such a text shows as empty, so it is empty.
    /// </summary>
    public static bool IsBlank(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                return false;
            }
        }

        return true;
    }
}
