using Graph.Extraction.Analysis;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Mentions;

/// <summary>What a person's name looks like in text: a run of capitalised words with particles and hyphens.</summary>
internal sealed class NameShape(MentionLexicon lexicon, ClosedClass closed, EventDates dates)
{
    // The closed classes whose words, capitalised, begin or continue no name ("The", "But", "They", "Without").
    private const Role FunctionWords = Role.Determiner | Role.Possessive | Role.Pronoun | Role.Preposition | Role.Subordinator
        | Role.Coordinator | Role.Relative | Role.Complementizer;

    /// <summary>
    /// A capitalised word that begins or continues no name: a function word, a month or a day as they open a sentence
    /// ("The", "Monday"), or one of the lexicon's "notNames" ("However", "Sunni") or honorifics ("Mr").
    /// </summary>
    public bool IsNotName(Token t) =>
        lexicon.NotNames.Contains(t.Text) || IsTitleCase(t) && (closed.Is(t.Lower, FunctionWords) || IsMonthOrDay(t));

    /// <summary>A word that can begin a person's name: capitalised and not a title, or a particle before one ("al-Assad").</summary>
    public bool IsNameStart(List<Token> tokens, int i) =>
        tokens[i].IsWord && tokens[i].IsCapitalised && !IsNotName(tokens[i]) && lexicon.Titles.Match(tokens, i).Length == 0
        || (lexicon.NameParticles.Contains(tokens[i].Lower) && i + 1 < tokens.Count && (tokens[i + 1].IsCapitalised || tokens[i + 1].Text == "-"));

    /// <summary>Where the name starting at i ends: "Staffan de Mistura", "Hassan Abdel-Azim", "Bashar al-Assad"; i when none starts there.</summary>
    public int NameEnd(List<Token> tokens, int i, bool[] covered)
    {
        if (i >= tokens.Count || !IsNameStart(tokens, i))
        {
            return i;
        }

        int end = i;
        int words = 0;
        while (end < tokens.Count && !covered[end] && words < 5)
        {
            var t = tokens[end];
            bool glued = end + 1 < tokens.Count && !tokens[end + 1].SpaceBefore;
            if (t.IsWord && t.IsCapitalised && !IsNotName(t) && !IsMonthOrDay(t))
            {
                words++;
                end++;
            }
            else if (Spans.IsGluedHyphen(t) && end > i && glued && end + 1 < tokens.Count && tokens[end + 1].IsWord)
            {
                end++;
            }
            else if (lexicon.NameParticles.Contains(t.Lower) && end + 1 < tokens.Count && (tokens[end + 1].IsCapitalised || (tokens[end + 1].Text == "-" && glued)))
            {
                end++;
            }
            else
            {
                break;
            }
        }

        while (end > i && !tokens[end - 1].IsCapitalised)
        {
            end--;
        }

        return end;
    }

    /// <summary>The capitalised words of [start, end), a hyphenated word counting once.</summary>
    public static int WordCount(List<Token> tokens, int start, int end)
    {
        int n = 0;
        for (int k = start; k < end; k++)
        {
            if (tokens[k].IsWord && tokens[k].IsCapitalised && (k == start || tokens[k].SpaceBefore))
            {
                n++;
            }
        }

        return n;
    }

    public bool IsMonthOrDay(Token t) => dates.IsMonthOrDay(t);

    // "The", not "THE" or "the".
    private static bool IsTitleCase(Token t) =>
        t.Text[0] == char.ToUpperInvariant(t.Lower[0]) && char.IsUpper(t.Text[0]) && t.Text.AsSpan(1).SequenceEqual(t.Lower.AsSpan(1));
}
