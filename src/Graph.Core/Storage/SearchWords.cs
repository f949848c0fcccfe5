using System.Globalization;
using System.Text;

namespace Graph.Core.Storage;

/// <summary>
/// What article search calls a word, the same in every store: a run of letters, marks and digits (and private-use
/// characters), the characters SQLite's unicode61 tokenizer keeps in a token when it removes diacritics, so a
/// decomposed accent stays in its word. Everything else separates words, so punctuation alone makes no word and
/// nothing a user types is ever read as query syntax.
/// </summary>
public static class SearchWords
{
    public static IReadOnlyList<string> Of(string search)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in search.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };
}
