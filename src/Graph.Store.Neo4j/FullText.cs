using System.Globalization;
using System.Text;
using Graph.Core.Storage;

namespace Graph.Store.Neo4j;

/// <summary>
/// Article search in Lucene's query syntax, with the embedded store's semantics: every word must appear (in the
/// title or the text), the last one as a prefix since it may be half typed. Words are runs of letters, marks and
/// digits (<see cref="SearchWords"/>), as the embedded store reads them, so nothing the user typed is ever read as query syntax.
/// </summary>
internal static class FullText
{
    /// <summary>Characters Lucene's query parser treats as syntax; a word holds none today, but they are escaped anyway.</summary>
    private const string Special = "+-&|!(){}[]^\"~*?:\\/";

    /// <summary>The query for <paramref name="search"/>, or null when it has no word (punctuation alone finds nothing).</summary>
    public static string? MatchAllWords(string search)
    {
        var words = SearchWords.Of(search).Select(Fold).Where(w => w.Length > 0).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        // Quoted whole words go through the index's analyzer like the text did; a prefix term is not analysed by every
        // Lucene version, so it is folded here the way the analyzer folds (lower case, accents off) and escaped.
        var clauses = words.Take(words.Count - 1).Select(w => "+\"" + Escape(w) + "\"").Append("+" + Escape(words[^1]) + "*");
        return string.Join(' ', clauses);
    }

    private static string Escape(string word)
    {
        var escaped = new StringBuilder(word.Length);
        foreach (char c in word)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>Lower case without accents ("Erdoğan" is "erdogan"), as the index's standard-folding analyzer stores words.</summary>
    private static string Fold(string word)
    {
        var folded = new StringBuilder(word.Length);
        foreach (char c in word.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
