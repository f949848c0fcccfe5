using Graph.Extraction.Text;

namespace Graph.Extraction.Mentions;

/// <summary>Where mentions lie in a sentence's tokens.</summary>
internal static class Spans
{
    public static string Surface(Sentence sentence, int start, int end)
    {
        var tokens = sentence.Tokens;
        return sentence.Text[(tokens[start].Start - sentence.Start)..(tokens[end - 1].End - sentence.Start)];
    }

    /// <summary>The mention that covers the token, if any.</summary>
    public static Mention? At(List<Mention> mentions, int token)
    {
        foreach (var m in mentions)
        {
            if (m.Start <= token && token < m.End)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>For each token, whether a mention covers it.</summary>
    public static bool[] Covered(int count, List<Mention> mentions)
    {
        var covered = new bool[count];
        foreach (var m in mentions)
        {
            for (int k = m.Start; k < m.End && k < count; k++)
            {
                covered[k] = true;
            }
        }

        return covered;
    }

    /// <summary>A hyphen with no space before it: "Russian|-|led", "government|-|held".</summary>
    public static bool IsGluedHyphen(Token t) => t.Text == "-" && !t.SpaceBefore;

    /// <summary>The mention right before m: "Syrian| rebels", "Assad|'s forces", "Russian|-led".</summary>
    public static Mention? AdjacentBefore(List<Token> tokens, List<Mention> mentions, Mention m)
    {
        int k = m.Start - 1;
        if (k >= 0 && (tokens[k].IsPossessive || IsGluedHyphen(tokens[k])))
        {
            k--;
        }

        return QualifierEndingAt(mentions, k + 1);
    }

    /// <summary>A mention of an actor (not a place) that ends right before <paramref name="end"/>, or null.</summary>
    public static Mention? QualifierEndingAt(List<Mention> mentions, int end)
    {
        var q = end > 0 ? At(mentions, end - 1) : null;
        return q is not null && q.End == end && q.ActorId is not null && q.Kind != MentionKind.Location ? q : null;
    }
}
