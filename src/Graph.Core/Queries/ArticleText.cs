using System.Globalization;
using System.Text.RegularExpressions;

namespace Graph.Core.Queries;

/// <summary>What a list of articles shows of each: a headline when the source gave no title, and a passage of the text.</summary>
public static partial class ArticleText
{
    private const int HeadlineLength = 150;

    /// <summary>The text's first sentence, shortened at a word to about 150 characters; null without text.</summary>
    public static string? FirstSentence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.TrimStart();
        var end = FirstEnd(trimmed);
        return Shorten((end is { } m ? trimmed[..m.Index] : trimmed).Trim(), HeadlineLength);
    }

    /// <summary>
    /// About <paramref name="length"/> characters of the text around the first of the search's words it holds (case and
    /// accents ignored), cut at words; without a match, the text from <paramref name="from"/> on.
    /// </summary>
    public static string? Snippet(string? text, string? search, int length, int from = 0)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var hit = Words(search).Select(w => Find(text, w)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        var start = hit >= 0 ? Math.Max(0, hit - (length / 3)) : Math.Min(from, text.Length);
        if (start > 0)
        {
            // From the start of a word, never from its middle.
            var space = text.IndexOf(' ', start);
            start = space >= 0 && space < (hit >= 0 ? hit : text.Length) ? space + 1 : start;
        }

        var passage = Shorten(text[start..].Trim(), length);
        return start > 0 ? "…" + passage : passage;
    }

    /// <summary>Where the first sentence of the text ends (after its stop), so the rest can follow it.</summary>
    public static int AfterFirstSentence(string text)
    {
        var end = FirstEnd(text.TrimStart());
        return end is { } m ? text.Length - text.TrimStart().Length + m.Index + m.Length : text.Length;
    }

    /// <summary>
    /// The first sentence end far enough in to make a headline: a stop after a few words is more likely an abbreviation
    /// ("Mr.", "Gen.") than a sentence.
    /// </summary>
    private static Match? FirstEnd(string text) => SentenceEnd().Matches(text).FirstOrDefault(m => m.Index >= MinimumSentence);

    private const int MinimumSentence = 25;

    private static IEnumerable<string> Words(string? search) =>
        (search ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"', '\'', '*')).Where(w => w.Length > 0);

    /// <summary>The first place the word starts a word of the text, case and accents ignored.</summary>
    private static int Find(string text, string word)
    {
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        for (int at = 0; at < text.Length; at++)
        {
            at = compare.IndexOf(text, word, at, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);
            if (at < 0)
            {
                return -1;
            }

            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            {
                return at;
            }
        }

        return -1;
    }

    private static string Shorten(string s, int length)
    {
        s = Whitespace().Replace(s, " ");
        if (s.Length <= length)
        {
            return s;
        }

        var cut = s.LastIndexOf(' ', length);
        return s[..(cut > length / 2 ? cut : length)].TrimEnd(',', ';', ':', ' ') + "…";
    }

    // A stop, maybe a closing quote or bracket, space, then what starts a sentence; not after a lone capital (initials, U.S.).
    [GeneratedRegex(@"(?<!\b\p{Lu})[.!?][""'”’)\]]?(?=\s+[\p{Lu}""“‘'0-9])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
