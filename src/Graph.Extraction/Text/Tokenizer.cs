using Graph.Extraction.Words;

namespace Graph.Extraction.Text;

/// <summary>
/// Splits text into words and single punctuation marks. Keeps "U.S.", "4.5" and "don't" whole, splits the
/// possessive "'s" and hyphens off so that "Russia's" and "US-backed" expose the actor name.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text) => Tokenize(text, 0, text.Length);

    /// <summary>
    /// The tokens of text[start, end). With <paramref name="words"/>, a token the word table knows, as written or lower
    /// cased, takes the table's own string instead of a new one: most tokens of an article are such words, and they are
    /// held while the article is read.
    /// </summary>
    public static List<Token> Tokenize(string text, int start, int end, EnglishWords? words = null)
    {
        // News prose runs about five characters a token (5.2 in the Guardian corpus): sized so, the list rarely grows (and
        // copies itself) as it fills.
        var tokens = new List<Token>(((end - start) / 5) + 1);
        int i = start;
        bool space = true;
        while (i < end)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                i++;
                continue;
            }

            int s = i;
            if (char.IsLetterOrDigit(c))
            {
                i = WordEnd(text, i, end);
            }
            // "France 's government": agency copy may set the possessive off from its word; it still is one.
            else if ((c is '\'' or '’') && i + 1 < end && (text[i + 1] is 's' or 'S') && (i + 2 >= end || !char.IsLetter(text[i + 2]))
                && (!space || (tokens.Count > 0 && char.IsLetterOrDigit(tokens[^1].Text[^1]))))
            {
                i += 2;
            }
            else
            {
                i++;
            }

            tokens.Add(words is null ? new Token(text[s..i], s, space) : Known(words, text.AsSpan(s, i - s), s, space));
            space = false;
        }

        return tokens;
    }

    private static Token Known(EnglishWords words, ReadOnlySpan<char> written, int start, bool space)
    {
        string text = words.Form(written) ?? written.ToString();
        Span<char> buffer = written.Length <= 64 ? stackalloc char[64] : new char[written.Length];
        var lower = buffer[..written.ToLowerInvariant(buffer)];
        return new Token(text, lower.SequenceEqual(written) ? text : words.Form(lower) ?? lower.ToString(), start, space);
    }

    private static int WordEnd(string text, int i, int end)
    {
        // "U.S." and "U.N.": single letters joined by dots.
        int j = i;
        while (j + 1 < end && char.IsLetter(text[j]) && text[j + 1] == '.')
        {
            j += 2;
        }

        if (j - i >= 4)
        {
            return j;
        }

        while (i < end)
        {
            while (i < end && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark))
            {
                i++;
            }

            if (i + 1 >= end)
            {
                break;
            }

            char c = text[i];
            char next = text[i + 1];
            if ((c is '.' or ',') && char.IsDigit(text[i - 1]) && char.IsDigit(next))
            {
                i++;
                continue;
            }

            // Elisions inside a word ("don't", "O'Brien"), but not the possessive "'s".
            if ((c is '\'' or '’') && char.IsLetter(next) && !((next is 's' or 'S') && (i + 2 >= end || !char.IsLetter(text[i + 2]))))
            {
                i++;
                continue;
            }

            break;
        }

        return i;
    }
}
