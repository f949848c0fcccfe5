using Graph.Extraction.Analysis;
using Graph.Extraction.Text;

namespace Graph.Extraction.Mentions;

/// <summary>What a person's name looks like in text: a run of capitalised words with particles and hyphens.</summary>
internal sealed class NameShape(MentionLexicon lexicon)
{
    /// <summary>A word that can begin a person's name: capitalised and not a title, or a particle before one ("al-Assad").</summary>
    public bool IsNameStart(List<Token> tokens, int i) =>
        tokens[i].IsWord && tokens[i].IsCapitalised && !lexicon.NotNames.Contains(tokens[i].Text) && lexicon.Titles.Match(tokens, i).Length == 0
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
            if (t.IsWord && t.IsCapitalised && !lexicon.NotNames.Contains(t.Text) && !IsMonthOrDay(t.Text))
            {
                words++;
                end++;
            }
            else if (t.Text == "-" && !t.SpaceBefore && end > i && glued && end + 1 < tokens.Count && tokens[end + 1].IsWord)
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

    public static bool IsMonthOrDay(string word) => EventDates.MonthOf(word) > 0 || EventDates.DayOfWeekOf(word) is not null;
}
