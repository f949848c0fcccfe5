using Graph.Core.Domain;
using Graph.Extraction.Analysis;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Mentions;

/// <summary>"Syrian rebels", "rebels in Ukraine", "IS militants", unqualified "rebels" in an article about Syria.</summary>
internal sealed class Collectives(MentionContext context)
{
    public void Find(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        EthnicGroups(tokens, mentions);
        NationalPeoples(sentence, mentions);
        var covered = Spans.Covered(tokens.Count, mentions);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i])
            {
                continue;
            }

            // "killed 18 people", "hundreds of people": counted, such a noun names a collective (civilians).
            if (context.Lexicon.Counted.TryGetValue(tokens[i].Lower, out var counted) && IsCounted(tokens, i))
            {
                mentions.Add(new Mention(i, i + 1, null, MentionKind.Collective, tokens[i].Text) { Class = counted });
                continue;
            }

            var (len, classes) = context.Lexicon.Collectives.Match(tokens, i);
            if (len > 0 && classes is not null)
            {
                mentions.Add(new Mention(i, i + len, null, MentionKind.Collective, Spans.Surface(sentence, i, i + len)) { Class = classes[0] });
                i += len - 1;
            }
        }

        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var m in mentions.Where(m => m.Kind == MentionKind.Collective && m.ActorId is null).ToList())
        {
            var qualifier = Spans.AdjacentBefore(tokens, mentions, m) ?? QualifierAcrossWord(tokens, mentions, m);
            string? by = qualifier is null ? null : context.Actors.Principal(qualifier);
            if (by is not null && qualifier!.ActorKind is ActorKind.ArmedGroup or ActorKind.Group)
            {
                // "IS militants" are IS, "Kurdish militias" the Kurds.
                m.ActorId = qualifier.ActorId;
                m.Kind = MentionKind.Named;
                context.Merge(mentions, qualifier, m, sentence);
                continue;
            }

            if (by is not null && qualifier!.ActorKind is ActorKind.Country)
            {
                context.Merge(mentions, qualifier, m, sentence);
                CoordinatedDemonyms(tokens, mentions, m);
            }
            else
            {
                by = null;
                var cls = context.Lexicon.CollectiveClasses[m.Class!];
                if (PlaceAfter(tokens, mentions, m.End) is { } place)
                {
                    by = place;
                }
                else if (m.End + 1 < tokens.Count && cls.Origin.Contains(tokens[m.End].Lower) && Origin(tokens, mentions, m.End + 1) is { } origin)
                {
                    by = origin; // "refugees fleeing the civil war in Liberia", "migrants from Eritrea"
                }
                else if (cls.PlaceQualifies)
                {
                    // "jets bombed rebel-held positions in Idlib": the place tells whose rebels; else the article's state.
                    by = mentions.Where(x => x.Kind == MentionKind.Location && x.ActorId is not null)
                        .Select(x => context.Actors.PlaceState(x.ActorId!))
                        .FirstOrDefault(x => x is not null) ?? context.MainState;
                }
            }

            m.ActorId = CollectiveActor(m.Class!, by);
        }
    }

    // "Irish nationalist guerrillas", "Kurdish armed groups": one lower-case content word between a state or group and
    // the collective does not stop it qualifying the collective ("Turkish and Kurdish rebels" has a function word there).
    private Mention? QualifierAcrossWord(List<Token> tokens, List<Mention> mentions, Mention m)
    {
        int k = m.Start - 1;
        if (k < 1 || !tokens[k].IsWord || tokens[k].IsCapitalised || context.Closed.RolesOf(tokens[k].Lower) != Role.None)
        {
            return null;
        }

        return Spans.QualifierEndingAt(mentions, k);
    }

    // "Malian and Liberian refugees", "Afghan, Iraqi and Syrian migrants": demonyms coordinated before a qualified
    // collective each name a group of the same class.
    private void CoordinatedDemonyms(List<Token> tokens, List<Mention> mentions, Mention collective)
    {
        int at = collective.Start;
        while (at > 1 && (tokens[at - 1].Text == "," || context.Closed.Match(tokens, at - 1, Role.Coordinator) == 1)
            && mentions.FirstOrDefault(x => x.End == at - 1) is { Form: FormKind.Demonym, ActorKind: ActorKind.Country, ActorId: { } state } before)
        {
            before.Kind = MentionKind.Collective;
            before.Class = collective.Class;
            before.ActorId = CollectiveActor(collective.Class!, state);
            before.ActorKind = null;
            at = before.Start;
        }
    }

    // "ethnic Albanians" are a people, not Albania; "ethnic Albanians in southern Serbia" are people of Serbia.
    private void EthnicGroups(List<Token> tokens, List<Mention> mentions)
    {
        foreach (var m in mentions)
        {
            if (m.Form != FormKind.Demonym || m.Start == 0 || !context.Lexicon.EthnicMarkers.Contains(tokens[m.Start - 1].Lower) || m.ActorId is null)
            {
                continue;
            }

            string people = $"{tokens[m.Start - 1].Lower} {m.Surface}";
            var home = PlaceAfter(tokens, mentions, m.End) is { } state && state != m.ActorId ? context.Kb.Find(state) : null;
            var draft = context.Actors.Ensure(
                ActorDraft.Slug(home is null ? people : $"{people} {home.Id}"), home is null ? people : $"{people} in {home.Name}", ActorKind.Group);
            if (home is not null && draft.Codes.Count == 0 && home.Codes.TryGetValue(ArticleActors.Cameo, out var cameo))
            {
                draft.Codes[ArticleActors.Cameo] = cameo;
            }

            draft.AddAlias(people);
            m.ActorId = draft.Id;
            m.ActorKind = ActorKind.Group;
            m.Form = null;
            m.Start--;
            m.Surface = people;
        }
    }

    // "Iraqi Christians", "Myanmar's Rohingya": a state right before a people or faith makes them that state's people,
    // who act for neither the state nor the whole faith; they stay affiliated to both.
    private void NationalPeoples(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        foreach (var m in mentions.ToList())
        {
            if (m.Kind != MentionKind.Named || m.ActorId is not { } people || !context.Lexicon.Peoples.Contains(people)
                || Spans.AdjacentBefore(tokens, mentions, m) is not { ActorKind: ActorKind.Country, ActorId: { } state } before
                || context.Kb.Find(state) is not { } s || context.Kb.Find(people) is not { } known)
            {
                continue;
            }

            var draft = StateGroup(people, known.Name, s, ActorKind.Group, sector: string.Empty);
            draft.Affiliate(state, "nationals");
            draft.Affiliate(people, "members");
            context.Merge(mentions, before, m, sentence);
            m.ActorId = draft.Id;
            m.ActorKind = ActorKind.Group;
            m.Form = null;
        }
    }

    // A number or a count ("hundreds of", from the closed class of quantifiers) right before the word.
    private bool IsCounted(List<Token> tokens, int i) =>
        i > 0 && (char.IsDigit(tokens[i - 1].Text[0]) || (i > 1 && tokens[i - 1].Lower == Grammar.Of && context.Closed.Match(tokens, i - 2, Role.Quantifier) == 2));

    // "rebels in Ukraine", "displaced people in eastern Syria", "rebel camps in Venezuela": the state of the place "in" names
    // right after the group, a few lowercase words allowed between.
    private string? PlaceAfter(List<Token> tokens, List<Mention> mentions, int from)
    {
        int k = from;
        while (k < tokens.Count && k < from + 2 && tokens[k].IsWord && !tokens[k].IsCapitalised && tokens[k].Lower is not (Grammar.In or Grammar.Of))
        {
            k++;
        }

        // "residents of Mosul", "the Albanians of southern Serbia" too, right after the group.
        if (k >= tokens.Count || !(tokens[k].Lower == Grammar.In || (k == from && tokens[k].Lower == Grammar.Of)))
        {
            return null;
        }

        for (k++; k < tokens.Count && k < from + 6 && tokens[k].IsWord; k++)
        {
            if (Spans.At(mentions, k) is { ActorId: { } id } named)
            {
                return named.ActorKind == ActorKind.Country ? id : named.Kind == MentionKind.Location ? context.Actors.PlaceState(id) : null;
            }

            if (tokens[k].IsCapitalised)
            {
                return null;
            }
        }

        return null;
    }

    // The first state named within a few words, before the clause ends: where people come from.
    private static string? Origin(List<Token> tokens, List<Mention> mentions, int from)
    {
        for (int k = from; k < Math.Min(tokens.Count, from + 7) && tokens[k].Text is not ("," or "." or ";"); k++)
        {
            if (Spans.At(mentions, k) is { ActorKind: ActorKind.Country, ActorId: { } state })
            {
                return state;
            }
        }

        return null;
    }

    private string CollectiveActor(string name, string? state)
    {
        var cls = context.Lexicon.CollectiveClasses[name];
        if (state is null || context.Kb.Find(state) is not { } s)
        {
            if (context.Kb.Find(name) is { } known)
            {
                return context.Actors.Find(known.Id)!.Id;
            }

            return context.Actors.Ensure(name, name, ActorKind.Group).Id;
        }

        return StateGroup(name, name, s, cls.Armed ? ActorKind.ArmedGroup : ActorKind.Group, cls.Sector).Id;
    }

    // A state's group, named with the state's demonym ("Syrian rebels", "Iraqi Christians") and coded with the state's
    // CAMEO code and the group's sector (SYRREB).
    private ActorDraft StateGroup(string id, string name, KnownActor state, ActorKind kind, string sector)
    {
        string demonym = state.Demonyms.Count > 0 ? state.Demonyms[0] : state.Name;
        var draft = context.Actors.Ensure($"{id}-{state.Id.ToLowerInvariant()}", $"{demonym} {name}", kind);
        if (draft.Codes.Count == 0 && state.Codes.TryGetValue(ArticleActors.Cameo, out var cameo))
        {
            draft.Codes[ArticleActors.Cameo] = cameo + sector;
        }

        draft.AddAlias($"{demonym} {name}");
        return draft;
    }
}
