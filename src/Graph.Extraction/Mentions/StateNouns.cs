using Graph.Core.Domain;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Mentions;

/// <summary>"government helicopters", "Russian troops", "Assad's forces", "Obama's administration": a state acting through its organs.</summary>
internal sealed class StateNouns(MentionContext context)
{
    // How far back a bare "the government" looks for the state it stands for.
    private const int ContextSentences = 3;

    // The state each state noun ("government") last stood for: a later bare one most likely means the same.
    private readonly Dictionary<string, string> _lastStateFor = new(StringComparer.Ordinal);

    public void Find(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var covered = Spans.Covered(tokens.Count, mentions);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i])
            {
                continue;
            }

            var (len, nouns) = context.Lexicon.StateNouns.Match(tokens, i);
            if (len == 0 || nouns is null)
            {
                continue;
            }

            int end = i + len;
            string last = nouns[0];
            string first = last;

            // "military-to-military talks" are not the military; "government-held districts" are the government's.
            bool gluedBefore = i > 0 && Spans.IsGluedHyphen(tokens[i - 1]);
            bool gluedAfter = end + 1 < tokens.Count && Spans.IsGluedHyphen(tokens[end]);
            if (gluedBefore || (gluedAfter && !context.Events.Attributive.ContainsKey(tokens[end + 1].Lower) && !context.Lexicon.ControlParticiples.Contains(tokens[end + 1].Lower)))
            {
                i = end - 1;
                continue;
            }

            while (end < tokens.Count && !covered[end] && context.Lexicon.StateNouns.Match(tokens, end) is { Length: > 0 } more)
            {
                last = more.Values![0];
                end += more.Length;
            }

            var m = new Mention(i, end, null, MentionKind.StateNoun, Spans.Surface(sentence, i, end)) { Class = first };
            var qualifier = Spans.AdjacentBefore(tokens, mentions, m);
            if (qualifier is null && i >= 3 && tokens[i - 1].IsWord && !tokens[i - 1].IsCapitalised && tokens[i - 2].IsPossessive
                && Spans.At(mentions, i - 3) is { ActorId: not null, Kind: not MentionKind.Location } owner && owner.End == i - 2)
            {
                qualifier = owner; // "Israel's rightwing government"
            }

            string? state = qualifier is null ? null : context.Actors.StateOf(qualifier);
            if (state is null && qualifier is { ActorKind: ActorKind.Organization } body)
            {
                state = body.ActorId; // "EU foreign ministers", "Nato forces", "European states": the body acts through them
            }
            else if (state is null && qualifier is { ActorKind: ActorKind.ArmedGroup or ActorKind.Group, Kind: not MentionKind.Location } people)
            {
                state = people.ActorId; // "Kurdish forces in Syria" are the Kurds', not the state they stand in
            }

            if (state is null && end + 1 < tokens.Count && tokens[end].Lower == Grammar.In && Spans.At(mentions, end + 1) is { ActorKind: ActorKind.Country, Form: FormKind.Capital or FormKind.Name } seat
                && !(i > 0 && context.Closed.Is(tokens[i - 1].Lower, Role.Possessive)))
            {
                state = seat.ActorId; // "the government in Kabul"
            }
            else if (state is null && OpensSentence(tokens, i) && end + 1 < tokens.Count && tokens[end].Lower == "from"
                && Spans.At(mentions, end + 1 + (tokens[end + 1].Lower == Grammar.The ? 1 : 0)) is { ActorKind: ActorKind.Country, Form: FormKind.Capital or FormKind.Name, ActorId: { } home })
            {
                state = home; // "Troops from Japan arrived", not "withdrew troops from Syria"
            }
            else if (state is null && OfState(tokens, mentions, end) is { } of)
            {
                state = of;
            }
            else if (state is null && context.Lexicon.Allegiance.Match(tokens, end) is { Length: > 0 and var n } && end + n < tokens.Count && Spans.At(mentions, end + n) is { } loyal)
            {
                state = context.Actors.StateOf(loyal);
            }

            if (qualifier is not null && state is not null)
            {
                context.Merge(mentions, qualifier, m, sentence);
            }
            else if (state is null)
            {
                bool strong = context.Lexicon.StrongStateNouns.Contains(first) || context.Lexicon.EquipmentNouns.Contains(last);
                bool hyphenated = end < tokens.Count && Spans.IsGluedHyphen(tokens[end]);
                // "its airstrikes", "their forces" belong to whoever "its" is, not to the state the article is about.
                bool indefinite = (i > 0 && Unowning(tokens[i - 1].Lower))
                    || (i > 1 && Unowning(tokens[i - 2].Lower) && !tokens[i - 1].IsCapitalised);
                if ((!strong && !hyphenated) || indefinite)
                {
                    i = end - 1;
                    continue;
                }

                state = ContextState(sentence, mentions, i, _lastStateFor.GetValueOrDefault(first) ?? context.MainState);
            }

            if (state is null)
            {
                i = end - 1;
                continue;
            }

            _lastStateFor[first] = state;
            m.ActorId = state;
            m.ActorKind = context.Actors.Find(state)?.Kind;
            mentions.Add(m);
            covered = Spans.Covered(tokens.Count, mentions);
            i = end - 1;
        }
    }

    // Only determiners and numbers before the noun: "Some 200 troops from Chad arrived".
    private bool OpensSentence(List<Token> tokens, int i)
    {
        for (int k = 0; k < i; k++)
        {
            if (tokens[k].IsWord && !char.IsDigit(tokens[k].Text[0]) && !context.Closed.Is(tokens[k].Lower, Role.Determiner | Role.Quantifier))
            {
                return false;
            }
        }

        return true;
    }

    // "the government of Iraq", and "the government and people of Iraq": an "of" phrase after coordinated state nouns names
    // the state of each.
    private string? OfState(List<Token> tokens, List<Mention> mentions, int end)
    {
        if (end + 2 < tokens.Count && context.Closed.Is(tokens[end].Lower, Role.Coordinator)
            && context.Lexicon.StateNouns.Match(tokens, end + 1) is { Length: > 0 } next)
        {
            end += 1 + next.Length;
        }

        return end + 2 < tokens.Count && tokens[end].Lower == Grammar.Of && Spans.At(mentions, end + 1) is { ActorKind: ActorKind.Country } of ? of.ActorId : null;
    }

    // "an army", "no government", "its forces", "their air force": the state is not the one the context names.
    private bool Unowning(string word) => context.Lexicon.UnownedDeterminers.Contains(word) || context.Closed.Is(word, Role.Possessive);

    // A bare "the government" is the state the last few sentences are about: the salient one (the last named "government",
    // else the article's state) when they name it, else the state they name most, the nearest first. "Corbyn accused the
    // government" after sentences about Westminster is Britain's, not the Syrian article's. Places ("in Syria") say nothing
    // about whose government is meant, and in the sentence itself only people do: in "Russia backs the government" the
    // government is the one Russia acts on, while "Corbyn accused the government" names his own.
    private string? ContextState(Sentence sentence, List<Mention> mentions, int at, string? salient)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var nearest = new Dictionary<string, int>(StringComparer.Ordinal);
        bool salientSeen = false;
        int order = 0;
        for (int s = sentence.Index; s >= Math.Max(0, sentence.Index - ContextSentences); s--)
        {
            var list = s == sentence.Index ? mentions : context.Found[s];
            var tokens = context.Sentences[s].Tokens;
            for (int k = list.Count - 1; k >= 0; k--)
            {
                var m = list[k];
                if ((s == sentence.Index && m.End > at) || m.Kind == MentionKind.Location || m.ActorId is null
                    || (m.Start > 0 && context.Closed.Is(tokens[m.Start - 1].Lower, Role.Locative)))
                {
                    continue;
                }

                if (context.Actors.StateOf(m) is not { } state)
                {
                    // An opposition politician ("Labour leader Jeremy Corbyn", CAMEO GBROPP) speaks of his own country's
                    // government, and in the sentence itself settles it.
                    if (context.Actors.CodedState(m.ActorId) is { } home && (s == sentence.Index || !salientSeen))
                    {
                        if (s == sentence.Index)
                        {
                            return home;
                        }

                        counts[home] = counts.GetValueOrDefault(home) + 1;
                        nearest.TryAdd(home, order++);
                    }

                    continue;
                }

                salientSeen |= state == salient;
                if (s == sentence.Index && m.End < tokens.Count && context.Lexicon.WarNouns.Contains(tokens[m.End].Lower))
                {
                    return state; // "in the Syrian conflict, where Russia is backing the government": the war's own state
                }

                if (s == sentence.Index && m.ActorKind != ActorKind.Person)
                {
                    continue;
                }

                counts[state] = counts.GetValueOrDefault(state) + 1;
                nearest.TryAdd(state, order++);
            }
        }

        return salientSeen || counts.Count == 0 ? salient : counts.OrderByDescending(c => c.Value).ThenBy(c => nearest[c.Key]).First().Key;
    }
}
