using Graph.Core.Domain;
using Graph.Extraction.Text;

namespace Graph.Extraction.Mentions;

/// <summary>
/// "President Yoweri Museveni has banned Ugandan opposition candidates": an official the knowledge base does not know,
/// titled as a head of state or government or a minister, serves the one state the sentence names.
/// </summary>
internal sealed class Officials(MentionContext context)
{
    private bool IsEventNoun(Token t) => context.Events.IsEventNoun(t.Lower) || context.Events.IsEventNoun(context.NounLemma(t));

    public void Affiliate(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        string? state = null;
        foreach (var m in mentions)
        {
            // "aggression against Iraq", "his dossier on Iraq", "the Iraq war": a topic or target is not the official's state.
            int before = m.Start - (m.Start > 1 && tokens[m.Start - 1].Lower == Grammar.The ? 2 : 1);
            if (before >= 0 && context.Lexicon.TopicPrepositions.Contains(tokens[before].Lower)
                || (m.End < tokens.Count && IsEventNoun(tokens[m.End])))
            {
                continue;
            }

            // "Paraguayan opposition" (opposition-pry) names its state too.
            // A bare "the government" is resolved from context, not named: only a name or a qualified state noun counts.
            string? named = m.ActorKind == ActorKind.Country && (m.Kind == MentionKind.Named || (m.Kind == MentionKind.StateNoun && tokens[m.Start].IsCapitalised && m.End - m.Start > 1)) ? m.ActorId
                : m.Kind == MentionKind.Collective && tokens[m.Start].IsCapitalised && m.End - m.Start > 1 && m.ActorId is { } group && group.LastIndexOf('-') is var dash && dash > 0
                    && context.Kb.Find(group[(dash + 1)..].ToUpperInvariant()) is { Kind: ActorKind.Country } qualified ? qualified.Id : null;
            if (named is not null && named != state)
            {
                if (state is not null)
                {
                    return;
                }

                state = named;
            }
        }

        if (state is null)
        {
            return;
        }

        foreach (var m in mentions)
        {
            // Only where the title stands in this sentence, and not a party "leader".
            if (m.Kind == MentionKind.NewName && m.ActorKind == ActorKind.Person && context.Actors.Find(m.ActorId!) is { Known: null, Title: { } title, Affiliations.Count: 0 } person
                && context.Lexicon.Titles.Match(tokens, m.Start).Length > 0
                && context.Lexicon.IsOfficialTitle(title))
            {
                person.Affiliate(state, title);
            }
        }
    }
}
