using Graph.Core.Domain;
using Graph.Extraction.Mentions;
using Graph.Extraction.Chunks;
using Graph.Extraction.Words;

namespace Graph.Extraction.Events;

/// <summary>What the event stage needs to know about actors the mention stage found in the article.</summary>
internal interface IActorBook
{
    ActorKind? KindOf(string id);

    /// <summary>The two ids are one side: the same actor, or a person and the state or organisation they speak for.</summary>
    bool SameSide(string a, string b);

    /// <summary>The state a place lies in, or null.</summary>
    string? StateOfPlace(string placeId);

    /// <summary>
    /// An actor the knowledge base does not know, named by the text ("37 prisoners", "truckers"), speaking for
    /// <paramref name="principal"/> in <paramref name="role"/> when one is given; its id.
    /// </summary>
    string Introduce(string id, string name, ActorKind kind, IEnumerable<string> aliases, string? principal = null, string? role = null);
}

/// <summary>The actor a noun phrase stands for, and how directly.</summary>
internal sealed record Referent(string Actor, bool Indirect, bool ViaPlace, int Start)
{
    /// <summary>A group the text names that no knowledge qualifies ("37 prisoners").</summary>
    public bool Generic { get; init; }

    /// <summary>The CAMEO sector a state acts through here ("JUD" for "a Turkish court"), or null.</summary>
    public string? Sector { get; init; }
}

/// <summary>
/// Maps a sentence's noun phrases to the actors the mention stage found in them: the mention at the phrase's head, or
/// a state or group that qualifies a person or body noun ("a Turkish court", "Afghan soldiers").
/// </summary>
internal sealed class Referents(ChunkedSentence s, IReadOnlyList<Mention> mentions, IActorBook book, AgentNouns agents)
{
    public Referent? Of(NounPhrase np, bool places = false)
    {
        // "a Turkish court", "Poland's parliament": a state acting through one of its bodies or people.
        var r = Resolve(np, places);
        return r is not null && agents.SectorOf(s.Words[np.Head].Lemma) is { } sector && book.KindOf(r.Actor) == ActorKind.Country
            ? r with { Sector = sector }
            : r;
    }

    private Referent? Resolve(NounPhrase np, bool places)
    {
        Mention? head = null;
        Mention? modifier = null;
        Mention? place = null;
        foreach (var m in mentions)
        {
            if (m.ActorId is null || m.End <= np.OwnStart || m.Start >= np.End)
            {
                continue;
            }

            if (m.Start <= np.Head && np.Head < m.End)
            {
                head = m;
                break;
            }

            if (m.End <= np.Head)
            {
                if (m.Kind == MentionKind.Location)
                {
                    place ??= m;
                }
                else
                {
                    modifier = m;
                }
            }
        }

        // "a rebel-held town", "government-controlled areas": the place stands for who holds it.
        if (head is null && modifier is not null && modifier.End + 1 < np.Head && s.Tokens[modifier.End].Text == "-"
            && agents.IsHeldBy(s.Words[modifier.End + 1].Lower))
        {
            return new Referent(modifier.ActorId!, true, false, modifier.Start);
        }

        // "US-backed forces", "Iran-trained militias": whoever backs or trains them is not who they are.
        if (head is null && modifier is not null && modifier.End + 1 < np.Head && s.Tokens[modifier.End].Text == "-"
            && agents.IsBackedBy(s.Tokens[modifier.End + 1].Lower))
        {
            modifier = null;
        }

        // "the Crimea region", "the Gaza Strip": a place named before a place noun; "Azerbaijan's territory": a state's.
        if (head is null && places && modifier is null && place is not null && book.StateOfPlace(place.ActorId!) is { } where)
        {
            return new Referent(where, true, true, place.Start);
        }

        // "the besieged Bosnian town of Gorazde", "a Syrian village": a place noun a state qualifies lies in that state.
        if (head is null && places && modifier is not null && book.KindOf(modifier.ActorId!) == ActorKind.Country
            && EnglishWords.Default.ClassesOf(WordNetPos.Noun, s.Words[np.Head].Lemma) is { First: LexClass.Location })
        {
            return new Referent(modifier.ActorId!, true, true, modifier.Start);
        }

        if (head is null && places && np.Possessor is { } land && Of(land, places: true) is { } landOwner && book.KindOf(landOwner.Actor) == ActorKind.Country)
        {
            return landOwner with { Indirect = true, ViaPlace = true };
        }

        if (head is not null)
        {
            if (head.Kind == MentionKind.Location)
            {
                return places && book.StateOfPlace(head.ActorId!) is { } state ? new Referent(state, true, true, head.Start) : null;
            }

            // "Turkey's democratically elected government": a state noun the mention stage resolved from context yields
            // to the state that owns it here.
            if (head.Kind == MentionKind.StateNoun && head.Start >= np.OwnStart && np.Possessor is { } possessor && Of(possessor) is { } owns
                && book.KindOf(owns.Actor) == ActorKind.Country)
            {
                return owns with { Indirect = true };
            }

            // "the Ministry of Health of Ethiopia", "Russia's Foreign Ministry": a body the knowledge base does not know, of a
            // state, is that state's.
            if (head.Kind == MentionKind.NewName && book.KindOf(head.ActorId!) == ActorKind.Organization
                && (OfState(np) ?? (np.Possessor is { } holder && Of(holder) is { } holderState && book.KindOf(holderState.Actor) == ActorKind.Country ? holderState with { Indirect = true } : null)) is { } ofState)
            {
                return ofState;
            }

            return book.KindOf(head.ActorId!) == ActorKind.Location ? null : new Referent(head.ActorId!, head.IsIndirect, false, head.Start);
        }

        // "a Turkish court", "two French citizens", "Taliban fighters": a person or body noun qualified by an actor.
        // "the Lebanese Armed Forces": a capitalised body noun after its state is a name for that state's body.
        var headWord = s.Words[np.Head];
        // "Hezbollah group", "the Wagner group": a word for a group right after the name of one is that group.
        bool named = modifier is not null && modifier.End == np.Head && agents.IsNameHead(headWord)
            && book.KindOf(modifier.ActorId!) is ActorKind.ArmedGroup or ActorKind.Organization or ActorKind.Group;
        if (modifier is not null && (named || agents.IsAgent(headWord) || agents.IsCapitalisedAgent(headWord) || agents.IsHolding(headWord)))
        {
            return new Referent(modifier.ActorId!, true, false, modifier.Start);
        }

        // "Serbia's former army chief", "Poland's parliament": a person or body noun owned by an actor.
        if (np.Possessor is { } owner && agents.ActsForOwner(s.Words[np.Head]) && Of(owner) is { } owning)
        {
            return owning with { Indirect = true };
        }

        // "the president of Armenia", "prosecutors in Italy", "thousands of Serbs", "the positions of the Islamic State": a
        // person, body, number or holding of an actor; "a camp for Congolese refugees": a holding of the people it serves.
        // "some of the U.N. peacekeepers", "two of the soldiers": a determiner or number standing alone is a group of.
        var word = s.Words[np.Head];
        bool alone = np.Head == np.Start && word.Tag is PennTag.DT or PennTag.CD;

        // "the Minister of Foreign Affairs of Iraq", "the Government of Myanmar": a capitalised title or body.
        bool title = word.Tag == PennTag.NNP && np.Determiner >= 0 && agents.IsAgent(word with { Tag = PennTag.NN, Lemma = word.Lower });
        if ((agents.ActsForOwner(word) || agents.IsGroupOf(word) || agents.IsHolding(word) || alone || title) && s.ChunkAt(np.End - 1) is var c and >= 0 && c + 2 < s.Chunks.Count
            && s.Chunks[c + 1].Kind == ChunkKind.Preposition && s.Chunks[c + 2].Kind == ChunkKind.Noun
            && s.Tokens[s.Chunks[c + 1].Start].Lower is var prep
            && (prep == "of" || (prep is "in" or "from" && !agents.IsGroupOf(word) && !alone) || (prep == "for" && agents.IsHolding(word)))
            && (Of(s.Nouns[s.Chunks[c + 2].Phrase]) ?? (title ? OfState(np) : null)) is { } of
            && (agents.IsGroupOf(word) || alone || book.KindOf(of.Actor) is ActorKind.Country || (prep == "of" && book.KindOf(of.Actor) is ActorKind.Organization)
                || (prep == "for" && book.KindOf(of.Actor) is ActorKind.Group)))
        {
            return of with { Indirect = true };
        }

        // "its closest ally the UK", "their neighbour the United States": a relation noun with a name right after it is
        // that name.
        if (agents.IsRelation(word) && s.ChunkAt(np.End - 1) is var rel and >= 0 && rel + 1 < s.Chunks.Count && s.Chunks[rel + 1].Kind == ChunkKind.Noun
            && s.Nouns[s.Chunks[rel + 1].Phrase] is var name && s.Words[name.Head].Tag.IsProperNoun() && Of(name, places) is { Generic: false } related)
        {
            return related;
        }

        // "Mohammad Radmanish, an Afghan defence spokesperson, welcomed …": a name nothing knows is what the common noun
        // set beside it says.
        if (word.Tag.IsProperNoun() && s.ChunkAt(np.End - 1) is var at and >= 0 && at + 2 < s.Chunks.Count
            && s.Chunks[at + 1].Kind == ChunkKind.Comma && s.Chunks[at + 2].Kind == ChunkKind.Noun
            && s.Nouns[s.Chunks[at + 2].Phrase] is var apposition && !s.Words[apposition.Head].Tag.IsProperNoun()
            && Of(apposition) is { Generic: false } apposed)
        {
            return apposed with { Indirect = true };
        }

        return Generic(np);
    }

    // The state named in an "of" phrase right after the noun phrase.
    private Referent? OfState(NounPhrase np)
    {
        int c = s.ChunkAt(np.End - 1);
        for (int k = c + 1; k + 1 < s.Chunks.Count && s.Chunks[k].Kind == ChunkKind.Preposition && s.Tokens[s.Chunks[k].Start].Lower == "of"
            && s.Chunks[k + 1].Kind == ChunkKind.Noun; k += 2)
        {
            if (Of(s.Nouns[s.Chunks[k + 1].Phrase]) is { } r && book.KindOf(r.Actor) == ActorKind.Country)
            {
                return r with { Indirect = true };
            }
        }

        return null;
    }

    public List<Referent> Of(IEnumerable<NounPhrase> group, bool places = false)
    {
        var found = new List<Referent>();
        foreach (var np in group)
        {
            if (Of(np, places) is not { } r)
            {
                continue;
            }

            var conjuncts = CoordinatedBefore(np, r).Prepend(r);
            if (r.Start >= np.End)
            {
                conjuncts = conjuncts.Concat(CoordinatedAfter(r.Start, places));
            }

            foreach (var each in conjuncts)
            {
                if (found.All(f => f.Actor != each.Actor))
                {
                    found.Add(each);
                }
            }
        }

        return found;
    }

    // "scores of Malian and Liberian refugees", "the leaders of Chad and Niger": a group or person of coordinated actors is
    // of each of them, not only the first.
    private List<Referent> CoordinatedAfter(int start, bool places)
    {
        // A comma joins only a list that a coordinator closes: "of Syria, Russia's defence ministry said" is no list. Unlike
        // the clause stage's noun groups, the last item may be followed by the verb: "Courts in France, Germany and Sweden
        // are investigating" are courts of all three.
        var list = new List<Referent>();
        for (int c = s.ChunkAt(start); c >= 0 && c + 2 < s.Chunks.Count && s.Chunks[c + 1].Kind is ChunkKind.Coordinator or ChunkKind.Comma
            && s.Chunks[c + 2].Kind == ChunkKind.Noun && Of(s.Nouns[s.Chunks[c + 2].Phrase], places) is { Generic: false } next; c += 2)
        {
            list.Add(next with { Indirect = true });
            if (s.Chunks[c + 1].Kind == ChunkKind.Coordinator)
            {
                return list;
            }
        }

        return [];
    }

    // "Russian and Syrian jets", "US, British and French forces": states coordinated before the one that qualifies the
    // phrase act with it; "Malian and Liberian refugees": the groups the mention stage read from coordinated demonyms.
    private IEnumerable<Referent> CoordinatedBefore(NounPhrase np, Referent r)
    {
        int at = r.Start;
        while (at - 1 > np.OwnStart && (s.Words[at - 1].Tag == PennTag.CC || s.Tokens[at - 1].Text == ",")
            && mentions.FirstOrDefault(m => m.End == at - 1 && m.Start >= np.OwnStart && m.ActorId is not null) is { } before
            && (before.Kind == MentionKind.Collective
                || (before.Kind != MentionKind.Location && book.KindOf(before.ActorId!) == ActorKind.Country && book.KindOf(r.Actor) == ActorKind.Country)))
        {
            yield return new Referent(before.ActorId!, true, false, before.Start);
            at = before.Start;
        }
    }

    // "37 prisoners", "humanitarian aid workers", "the truckers": people the knowledge base cannot know, named by the
    // text as a group of their own when nothing qualifies them; "Al Jazeera journalist Mahmoud Hussein": a person named
    // after a word for what they are.
    private Referent? Generic(NounPhrase np)
    {
        if (s.Words[np.Head].Tag == PennTag.NNP && PersonNamedAfterNoun(np) is { } person)
        {
            return person;
        }

        var head = s.Words[np.Head];
        if (!agents.IsGeneric(head) || mentions.Any(m => m.Start < np.End && m.End > np.OwnStart))
        {
            return null;
        }

        int from = np.OwnStart;
        while (from < np.Head && (s.Words[from].Tag is PennTag.DT or PennTag.CD or PennTag.PDT or PennTag.PRPS || agents.IsQuantityWord(s.Words[from].Lower)
            || !s.Words[from].Token.IsWord || (from + 2 < np.Head && s.Words[from + 1].Text == "-" && !s.Words[from + 1].Token.SpaceBefore && !s.Words[from + 2].Token.IsCapitalised)))
        {
            from++; // "a 331-strong" contingent: numbers and glued number compounds do not name the group ("anti-Assad" does)
        }

        string name = s.Text(from, np.End);
        string id = book.Introduce("text-" + Analysis.ActorDraft.Slug(name), name, ActorKind.Group, [s.Text(np.OwnStart, np.End), head.Text]);
        return new Referent(id, true, false, np.Start) { Generic = true };
    }

    private Referent? PersonNamedAfterNoun(NounPhrase np)
    {
        int first = np.Head;
        while (first > np.OwnStart && s.Words[first - 1].Tag == PennTag.NNP && s.Words[first - 1].Token.IsCapitalised)
        {
            first--;
        }

        if (np.Head - first < 1 || first == np.OwnStart || mentions.Any(m => m.Start <= np.Head && m.End > first)
            || !agents.IsPerson(s.Words[first - 1]))
        {
            return null;
        }

        // "U.N. mediator Diego Cordovez" speaks for the UN.
        var principal = mentions.FirstOrDefault(m => m.ActorId is not null && m.Start >= np.OwnStart && m.End < first && m.Kind != MentionKind.Location);
        string name = s.Text(first, np.Head + 1);
        string id = book.Introduce(Analysis.ActorDraft.Slug(name), name, ActorKind.Person, [name], principal?.ActorId, s.Words[first - 1].Lower);
        return new Referent(id, false, false, first);
    }

    /// <summary>The possessor's referent: "Russia's proposal" names Russia.</summary>
    public Referent? OwnerOf(NounPhrase np) => np.Possessor is { } p ? Of(p) : null;
}
