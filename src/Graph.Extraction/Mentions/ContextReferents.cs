using Graph.Core.Domain;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Mentions;

/// <summary>
/// "the coalition", "our international coalition", "coalition airstrikes": a description news uses for one well-known
/// actor of the story. It stands for the actor named before whose name holds the word, else for one the article names
/// anywhere, else for the actor of mentions.json's <c>contextReferents</c> whose cue the article names ("the coalition" in
/// news about Islamic State is the Global Coalition). Runs before the state nouns, so that "coalition airstrikes" are the
/// coalition's.
/// </summary>
internal sealed class ContextReferents(MentionContext context)
{
    public void Find(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var covered = Spans.Covered(tokens.Count, mentions);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i] || tokens[i].IsCapitalised || !context.Lexicon.ContextReferents.TryGetValue(tokens[i].Lower, out var cues)
                || (i + 1 < tokens.Count && tokens[i + 1].Lower == Grammar.Of))
            {
                continue;
            }

            // "coalition government", "the coalition government in Berlin": a coalition of parties, not an actor of the story.
            if (i + 1 < tokens.Count && context.Lexicon.StateNouns.Match(tokens, i + 1) is { Length: > 0 } noun && context.Lexicon.StrongStateNouns.Contains(noun.Values![0]))
            {
                continue;
            }

            int start = Modifies(tokens, i) ? i : Determined(tokens, i);
            if (start < 0 || Referent(tokens[i].Lower, cues) is not { } id)
            {
                continue;
            }

            // "coalition airstrikes" leaves its head to the state nouns, which fold the coalition in as their owner.
            mentions.Add(new Mention(start, i + 1, id, MentionKind.Coreference, Spans.Surface(sentence, start, i + 1)) { ActorKind = context.Actors.Find(id)?.Kind });
            covered = Spans.Covered(tokens.Count, mentions);
        }
    }

    // "coalition airstrikes", "a coalition strike", "coalition operations": before a state's force or an event, with no
    // name or possessive in front ("Saudi coalition jets", "Israel's coalition talks" belong to their owner).
    private bool Modifies(List<Token> tokens, int i)
    {
        if (i + 1 >= tokens.Count || !tokens[i + 1].IsWord || tokens[i + 1].IsCapitalised
            || (i > 0 && ((tokens[i - 1].IsCapitalised && context.Closed.RolesOf(tokens[i - 1].Lower) == Role.None) || tokens[i - 1].IsPossessive || Spans.IsGluedHyphen(tokens[i - 1]))))
        {
            return false;
        }

        return context.Lexicon.StateNouns.Match(tokens, i + 1).Length > 0 || context.Events.IsEventNoun(tokens[i + 1].Lower) || context.Events.IsEventNoun(context.NounLemma(tokens[i + 1]));
    }

    // "the coalition", "the international coalition", "our coalition": where the description starts, or -1.
    private int Determined(List<Token> tokens, int i)
    {
        int d = i - 1;
        if (d >= 1 && tokens[d].IsWord && !tokens[d].IsCapitalised && context.Closed.RolesOf(tokens[d].Lower) == Role.None)
        {
            d--; // "the international coalition"
        }

        bool determiner = d >= 0 && (tokens[d].Lower == Grammar.The || context.Closed.Is(tokens[d].Lower, Role.Possessive));
        return determiner && !(i + 1 < tokens.Count && tokens[i + 1].IsCapitalised) ? d : -1;
    }

    private string? Referent(string word, IReadOnlyDictionary<string, string[]> cues)
    {
        for (int k = context.Recent.Count - 1; k >= 0; k--)
        {
            if (Holds(context.Recent[k], word))
            {
                return context.Recent[k];
            }
        }

        var named = context.Found.Where(l => l is not null).SelectMany(l => l).Select(m => m.ActorId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return named.FirstOrDefault(id => Holds(id, word)) ?? cues.FirstOrDefault(c => c.Value.Any(named.Contains)).Key;
    }

    private bool Holds(string id, string word) =>
        context.Actors.Find(id) is { Kind: not ActorKind.Location and not ActorKind.Person } d && d.Name.Contains(word, StringComparison.OrdinalIgnoreCase);
}
