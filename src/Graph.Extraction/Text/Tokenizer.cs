namespace Graph.Extraction.Text;

/// <summary>
/// Splits text into words and single punctuation marks. Keeps "U.S.", "4.5" and "don't" whole, splits the
/// possessive "'s" and hyphens off so that "Russia's" and "US-backed" expose the actor name.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text) => Tokenize(text, 0, text.Length);

    public static List<Token> Tokenize(string text, int start, int end)
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

            tokens.Add(new Token(text[s..i], s, space));
            space = false;
        }

        return tokens;
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
