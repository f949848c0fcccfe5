using Graph.Core.Domain;
using Graph.Extraction.Analysis;
using Graph.Extraction.Text;

namespace Graph.Extraction.Mentions;

/// <summary>"Institute for International and Strategic Relations", "Al-Watan newspaper", "Syrian Network for Human Rights".</summary>
internal sealed class Organisations(MentionContext context, NameShape names)
{
    public void Find(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var covered = Spans.Covered(tokens.Count, mentions);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i] || !tokens[i].IsCapitalised || !tokens[i].IsWord)
            {
                continue;
            }

            int start = i;
            if (Grammar.IsArticle(tokens[i].Lower))
            {
                start++;
            }

            int end = start;
            bool head = false;
            while (end < tokens.Count && !covered[end])
            {
                var t = tokens[end];
                if (t.IsWord && t.IsCapitalised && !names.IsMonthOrDay(t))
                {
                    head |= context.Lexicon.OrgHeads.Contains(t.Lower);
                    end++;
                }
                else if (end > start && (context.Lexicon.NameConnectors.Contains(t.Lower) || Spans.IsGluedHyphen(t))
                    && !(end + 1 < tokens.Count && names.IsMonthOrDay(tokens[end + 1]))
                    && end + 1 < tokens.Count && tokens[end + 1].IsCapitalised && !covered[end + 1])
                {
                    end++;
                }
                else
                {
                    break;
                }
            }

            int words = CapitalisedWords(tokens, start, end);
            bool media = end > start && end < tokens.Count && context.Lexicon.MediaHeads.Match(tokens, end) is { Length: > 0 } && tokens[end].IsWord && !tokens[end].IsCapitalised;
            // "the Czechoslovak news agency Ceteka": a lone nationality adjective before a media word names no organisation.
            bool adjective = words == 1 && end - start == 1 && IsDemonym(tokens[start]);
            if (words >= 2 && (head || media) || words >= 1 && media && !adjective)
            {
                // A state name glued in front belongs to the organisation: "Russian Defence Ministry".
                Mention? state = start > 0 ? Spans.At(mentions, start - 1) : null;
                if (state is not null && state.End == start && state.ActorKind is ActorKind.Country && tokens[state.Start].IsCapitalised && head)
                {
                    start = state.Start;
                    mentions.Remove(state);
                }
                else
                {
                    state = null;
                }

                string name = Spans.Surface(sentence, start, end);
                var draft = context.Actors.Ensure(ActorDraft.Slug(name), name, ActorKind.Organization);
                if (state?.ActorId is { } s)
                {
                    draft.Affiliate(s, "body");
                }

                mentions.Add(new Mention(start, end, draft.Id, MentionKind.NewName, name) { ActorKind = ActorKind.Organization });
                covered = Spans.Covered(tokens.Count, mentions);
                i = end - 1;
            }
            else
            {
                i = Math.Max(i, end - 1);
            }
        }
    }

    // Plain loops, not lambdas: a lambda capturing the loop's variables cost an allocation for every token of every sentence.
    private static int CapitalisedWords(List<Token> tokens, int start, int end)
    {
        int words = 0;
        for (int k = start; k < end; k++)
        {
            if (tokens[k].IsWord && tokens[k].IsCapitalised)
            {
                words++;
            }
        }

        return words;
    }

    private bool IsDemonym(Token token)
    {
        foreach (var ending in context.Lexicon.DemonymEndings)
        {
            if (token.Lower.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
