using Graph.Core.Domain;
using Graph.Extraction.Mentions;
using Graph.Extraction.Chunks;
using Graph.Extraction.Clauses;
using Graph.Extraction.Words;

namespace Graph.Extraction.Events;

/// <summary>How a reading was put into words: it sets the base of its confidence.</summary>
internal enum ReadingForm
{
    Verb,
    Light,
    Noun,
    Adjective,
    Attributive,
    Framing,
    Obligation,
}

/// <summary>One event read from a sentence, before it becomes a relation: who, what, to whom, from which words, how sure.</summary>
internal sealed record Reading(string Source, string Target, RelationType Type, string Pattern, ReadingForm Form, int TriggerStart, int TriggerEnd, Modality Modality)
{
    public int? Polarity { get; init; }

    public string? SaidBy { get; init; }

    public bool IndirectActor { get; init; }

    public bool ViaPlace { get; init; }

    public bool InheritedSubject { get; init; }

    public bool DistantSubject { get; init; }

    /// <summary>The CAMEO sector the source state acts through ("JUD": "a Turkish court"), or null.</summary>
    public string? SourceSector { get; init; }

    public string? TargetSector { get; init; }
}

/// <summary>
/// The event stage: applies the event patterns to a sentence's clauses. Verbs take their subjects as sources and their
/// objects or prepositional objects as targets (passives the other way round); light and reversal verbs hand their
/// subject to the event noun they take; other event nouns take their possessor, agent or qualifying actor; then
/// attributives, framings and obligations. Modality comes from the one policy, for the clause the words stand in.
/// </summary>
internal sealed class EventReader(EventPatterns patterns, ModalityPolicy modality, VerbClasses classes, ClosedClass closed, AgentNouns agents)
{
    private EventPatterns Patterns => patterns;

    private ModalityPolicy ModalityRules => modality;

    private VerbClasses Classes => classes;

    private ClosedClass Closed => closed;

    private AgentNouns Agents => agents;

    private static readonly string[] PlacePrepositions = ["in", "at", "near", "inside", "across", "into", "outside", "throughout", "around"];

    public List<Reading> Read(ClausedSentence cs, IReadOnlyList<Mention> mentions, IActorBook book, string? previousSubject)
    {
        var run = new Run(this, cs, mentions, book, previousSubject);
        run.ReadAll();
        return run.Found;
    }

    /// <summary>The state of reading one sentence.</summary>
    private sealed class Run(EventReader reader, ClausedSentence cs, IReadOnlyList<Mention> mentions, IActorBook book, string? previousSubject)
    {
        private readonly ChunkedSentence _s = cs.Chunks;
        private readonly Referents _refs = new(cs.Chunks, mentions, book, reader.Agents);
        private readonly EventPatterns _patterns = reader.Patterns;
        private readonly HashSet<NounPhrase> _consumed = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<Predication, List<Reading>> _readings = new(ReferenceEqualityComparer.Instance);
        private Dictionary<NounPhrase, (EventPattern, string[])?>? _nounPatterns;
        private Referent? _speaker;

        public List<Reading> Found { get; } = [];

        public void ReadAll()
        {
            _speaker = cs.Frame is { } frame ? _refs.Of(frame.Speakers).FirstOrDefault() : null;

            // Last to first, so that an infinitive is read before the verb it hangs from ("offered to hand over X to Y").
            for (int i = cs.Predications.Count - 1; i >= 0; i--)
            {
                var p = cs.Predications[i];
                int before = Found.Count;
                var light = ReadLight(i, p);
                if (Found.Count == before)
                {
                    if (light is not null)
                    {
                        _consumed.Remove(light); // nothing read through the verb: the noun may still name its own parties
                    }

                    ReadVerb(i, p);
                    ReadAdjective(i, p);
                    ReadFraming(i, p);
                    ReadObligation(i, p);
                }

                ReadEventPrepositions(p);

                // Most clauses read nothing, and a clause with no entry reads as one with none.
                if (Found.Count > before)
                {
                    _readings[p] = Found.GetRange(before, Found.Count - before);
                }
            }

            ReadOpeningEventPreposition();
            foreach (var np in _s.Nouns)
            {
                if (!_consumed.Contains(np))
                {
                    ReadNoun(np);
                }

                ReadAttributive(np);
            }
        }

        // ---- Verbs ----------------------------------------------------------------------------------------------

        private void ReadVerb(int i, Predication p)
        {
            var verb = _s.Verbs[p.Verb];
            if (VerbPattern(p, verb) is var (pattern, rest))
            {
                ReadVerb(p, verb, pattern, rest); // most verbs have no pattern, and need not pay for the lambdas' closure
            }
        }

        private void ReadVerb(Predication p, VerbGroup verb, EventPattern pattern, string[] rest)
        {
            bool passive = verb.Voice == Voice.Passive;
            var (sources, inherited) = passive ? (_refs.Of(p.Preposition("by")?.Nouns ?? []), false) : Subjects(p);
            var restPrep = rest.Length == 1 && reader.Closed.Is(rest[0], Role.Preposition) && !reader.Closed.Is(rest[0], Role.Particle) ? rest[0] : null;

            if (pattern.Mediating)
            {
                var sides = _refs.Of(p.Preposition("between")?.Nouns ?? p.Preposition("among")?.Nouns ?? []);
                Emit(p, pattern, ReadingForm.Verb, sources, sides, pattern.Type, verb.Head, verb.End, inherited, symmetric: false);
                return;
            }

            // "X and Y met", "held talks", "fought a war": subjects meet each other when the verb has no object, only the
            // pattern's own or an event they share; "X and Y received briefings", "met reporters" say nothing of X and Y
            // together.
            var (targets, viaPlace) = VerbTargets(p, pattern, passive, restPrep, sources);
            bool together = p.Objects.Count == 0 || pattern.Objects.Count > 0 || rest.Length > 0
                || (!_patterns.Receiving.ContainsKey(verb.Lemma) && p.Objects.Any(o => NounPattern(o) is not null));
            if (targets.Count == 0 && !passive && pattern.Symmetric && sources.Count >= 2 && together)
            {
                Emit(p, pattern, ReadingForm.Verb, sources, sources, pattern.Type, verb.Head, verb.End, inherited, symmetric: false);
                return;
            }

            // "called for sanctions against Nigeria": a demand for something hostile is hostile to whom it is aimed at.
            if (pattern.Type == RelationType.Request && p.Objects.Select(NounPattern).FirstOrDefault(x => x is not null) is ({ } content, _)
                && Plover.Of(content.Type).Polarity < 0)
            {
                pattern = pattern with { Polarity = -1 };
            }

            // A symmetric event with a named target is read as written ("X met Y", "X met with Y"): one direction says it;
            // both directions for "X and Y met", and for a reciprocal one with "with" ("X clashed with Y").
            bool mutual = pattern.Reciprocal && !passive && p.Preposition("with") is { } with && targets.Any(t => _refs.Of(with.Nouns).Any(w => w.Actor == t.Actor));
            if (sources.Count >= 2 && sources.Count == targets.Count && Distributive(p))
            {
                // "Putin and Erdogan backed the government and the rebels respectively": each subject with its own object.
                for (int k = 0; k < sources.Count; k++)
                {
                    Emit(p, pattern, ReadingForm.Verb, [sources[k]], [targets[k]], pattern.Type, verb.Head, verb.End, inherited, symmetric: false, viaPlace);
                }
            }
            else
            {
                Emit(p, pattern, ReadingForm.Verb, sources, targets, pattern.Type, verb.Head, verb.End, inherited, symmetric: mutual, viaPlace);
            }

            // "Mexico and Canada agreed to lift tariffs on Chile": the target came from what they agreed on; they also agreed
            // with each other.
            if (pattern.Symmetric && !passive && sources.Count >= 2 && p.Objects.Count == 0 && p.Preposition("with") is null)
            {
                Emit(p, pattern, ReadingForm.Verb, sources, sources, pattern.Type, verb.Head, verb.End, inherited, symmetric: false);
            }

            // "demanded the withdrawal of Russian forces", "threatened an offensive", "urged Turkey to support the Kurds":
            // the event asked for or threatened is the content of the demand or threat, not an event of its own.
            if (pattern.Type is RelationType.Request or RelationType.Threaten && !passive && targets.Count > 0)
            {
                foreach (var o in p.Objects)
                {
                    _consumed.Add(o);
                }

                Absorb(p);
            }
        }

        // "respectively" after the verb, before the clause's punctuation closes it.
        private bool Distributive(Predication p)
        {
            for (int k = _s.Verbs[p.Verb].End; k < _s.Tokens.Count && _s.Tokens[k].IsWord; k++)
            {
                if (reader.Closed.Is(_s.Tokens[k].Lower, Role.Distributive))
                {
                    return true;
                }
            }

            return false;
        }

        // Drops what the clauses governed by p read, and the event nouns they hold: they are the content of p's event.
        private void Absorb(Predication p)
        {
            int index = IndexOf(p);
            foreach (var q in cs.Predications.Where(q => q.Governor == index && q.Kind is ClauseKind.Infinitive or ClauseKind.Complement or ClauseKind.Conditional))
            {
                foreach (var r in _readings.GetValueOrDefault(q) ?? [])
                {
                    Found.Remove(r);
                }

                _consumed.UnionWith(q.Objects.Concat(q.Prepositions.SelectMany(x => x.Nouns)));
                Absorb(q);
            }
        }

        private (EventPattern, string[])? VerbPattern(Predication p, VerbGroup verb)
        {
            var words = verb.Lemma.Split(' ');
            string? particle = words.Length > 1 ? words[1] : null;
            string? objectHead = p.Objects.Count > 0 ? _s.Words[p.Objects[0].Head].Lemma : null;

            // "offered to hand over to Great Britain two of its nationals": an object after the verb's phrases.
            bool hasObject = objectHead is not null || (p.Prepositions.Count > 0 && _s.ChunkAt(p.Prepositions[^1].Nouns[^1].End - 1) is var last and >= 0
                && last + 1 < _s.Chunks.Count && _s.Chunks[last + 1].Kind == ChunkKind.Noun);
            (EventPattern, string[])? plain = null, constrained = null, conditional = null;
            foreach (var (pattern, rest) in _patterns.VerbsFor(words[0]))
            {
                // The rest of a pattern's verb is its particle ("pull out"), its preposition ("call on") or its object ("hold talks").
                if (rest.Length > 0)
                {
                    string r = rest[0];
                    bool fits = r == particle
                        || (particle is null && verb.End < _s.Words.Count && _s.Words[verb.End].Lower == r)
                        || (particle is null && objectHead == string.Join(' ', rest));
                    if (!fits)
                    {
                        continue;
                    }
                }
                else if (particle is not null)
                {
                    continue;
                }

                if ((pattern.Objects.Count > 0 && (objectHead is null || !pattern.Objects.Contains(objectHead))) || (pattern.NeedsObject && !hasObject && verb.Voice == Voice.Active))
                {
                    continue;
                }

                // "gave Kenya two million dollars", "provided the army with vehicles": the thing given is the second object,
                // or what comes with "with", when the first is whom it is given to.
                var thing = p.SecondObject ?? (p.Objects.Count > 0 && p.Preposition("with") is { } with ? with.Nouns[0] : null) ?? (p.Objects.Count > 0 ? p.Objects[0] : null);
                thing = thing is not null && PartOf(thing) is { } whole ? whole : thing; // "gave Armenia some of its tanks"
                if (pattern.ObjectClasses.Count > 0 && (thing is null || !IsOfClass(_s.Words[thing.Head], pattern.ObjectClasses)))
                {
                    continue;
                }

                if (pattern.When.Count > 0)
                {
                    if (ClauseHas(p, pattern.When))
                    {
                        conditional ??= (pattern, rest);
                    }

                    continue;
                }

                // "delivered missiles to Syria" gives, "delivered munitions against ISIL" attacks: the slots tell.
                if (pattern.Objects.Count > 0 || pattern.ObjectClasses.Count > 0)
                {
                    if (constrained is null || Fit(p, pattern) > Fit(p, constrained.Value.Item1))
                    {
                        constrained = (pattern, rest);
                    }
                }
                else if (plain is null || Fit(p, pattern) > Fit(p, plain.Value.Item1))
                {
                    plain = (pattern, rest);
                }
            }

            return conditional ?? constrained ?? plain;
        }

        // How well a pattern's targets fit the clause: a slot it names is there and names an actor (preposition 4, object
        // 3), or is there at all (2, 1), or neither (0). "freed 37 prisoners" is a release, not "liberated X from Y";
        // "evacuated wounded Bosnians from the town" helps the Bosnians rather than leaving the town; "liberated the
        // Syrian town of Dabiq from ISIL control" is aimed at whoever held it, not at the town's state.
        private int Fit(Predication p, EventPattern pattern)
        {
            var prepositions = pattern.Targets.Where(t => t != "object").Select(p.Preposition).OfType<PrepositionalObject>().ToList();
            bool hasObject = pattern.Targets.Contains("object") && p.Objects.Count > 0;
            return prepositions.Any(pp => _refs.Of(pp.Nouns, places: true).Count > 0 || AuthorOf(pp.Nouns[0]).Count > 0) ? 4
                : hasObject && _refs.Of(p.Objects, places: true).Any(r => !r.ViaPlace) ? 3
                : prepositions.Count > 0 ? 2
                : hasObject ? 1
                : 0;
        }

        private bool ClauseHas(Predication p, IReadOnlySet<string> words)
        {
            // The clause runs on to the next boundary: "sent troops to Lebanon for peacekeeping", "sent 200 troops to
            // serve as a peacekeeping force".
            int end = p.End;
            while (end < _s.Words.Count && _s.Words[end].Tag is not (PennTag.Stop or PennTag.Colon))
            {
                end++;
            }

            for (int k = p.Start; k < end; k++)
            {
                if (words.Contains(_s.Words[k].Lemma) || words.Contains(_s.Words[k].Lower))
                {
                    return true;
                }
            }

            // "to serve as a peacekeeping force": the words may follow in a purpose clause.
            foreach (var q in cs.Predications.Where(q => q.Governor >= 0 && cs.Predications[q.Governor] == p))
            {
                for (int k = q.Start; k < q.End; k++)
                {
                    if (words.Contains(_s.Words[k].Lemma) || words.Contains(_s.Words[k].Lower))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private (List<Referent>, bool) VerbTargets(Predication p, EventPattern pattern, bool passive, string? restPrep, List<Referent> sources)
        {
            foreach (var spec in pattern.Targets)
            {
                List<Referent> found;
                if (spec == "object")
                {
                    if (passive)
                    {
                        found = _refs.Of(p.Subjects);
                    }
                    else if (restPrep is not null)
                    {
                        found = _refs.Of(p.Preposition(restPrep)?.Nouns ?? []);
                    }
                    else
                    {
                        found = _refs.Of(p.Objects, places: TakesPlaces(pattern.Type));

                        // "offered to US a regiment and attack helicopters": the actor's own equipment is no party to its act.
                        found.RemoveAll(f => OurSide(f, sources));
                        if (found.Count == 0 && p.Objects.Count > 0)
                        {
                            // "evacuated its citizens from Libya": the actor's own people are not a party it acts on.
                            if (OwnersOwn(p.Objects[0], p) is { } own && OurSide(own, sources))
                            {
                                return ([], false);
                            }

                            found = OwnerOf(p, p.Objects[0], pattern.Type);
                        }
                    }
                }
                else if (!(passive && spec == "by") && Before(p, p.Preposition(spec), Role.Temporal) is { } pp
                    && !(spec == "of" && p.Objects.Count > 0 && pp.At == p.Objects[^1].End))
                {
                    // "complained over Israeli air raids", "liberated the town from ISIL control": whose act or hold it is. (A
                    // passive's "by" names its agent, never a target: "defended by the YPG".)
                    found = _refs.Of(pp.Nouns, places: TakesPlaces(pattern.Type));

                    // "participate in peacekeeping operations in Afghanistan": the next phrase with the same preposition may
                    // name whom the first one's noun is for.
                    int at = IndexOf(p.Prepositions, pp);
                    if (found.Count == 0 && at + 1 < p.Prepositions.Count && p.Prepositions[at + 1].Preposition == spec)
                    {
                        found = _refs.Of(p.Prepositions[at + 1].Nouns, places: TakesPlaces(pattern.Type));
                    }

                    if (found.Count == 0 && pp.Nouns.Count > 0 && (IsVerbal(pattern.Type) || (pattern.Type is RelationType.Assault or RelationType.Coerce && spec is "from" or "against")))
                    {
                        found = AuthorOf(pp.Nouns[0]);
                    }
                }
                else
                {
                    found = [];
                }

                if (found.Count > 0)
                {
                    // "killed 148 students at a university in Kenya": force on people no one names lands where they are.
                    if (found.All(f => f.Generic) && Plover.Of(pattern.Type).Quad == QuadClass.MaterialConflict && Place(p) is { Count: > 0 } where)
                    {
                        return (where, true);
                    }

                    return (found, false);
                }
            }

            // "refused to meet Israel", "offered to hand over X to Britain", "demanded that Bolivia return the post",
            // "rebuffed suggestions that Obama would meet Putin": the target comes from the clause the verb governs.
            if (IsVerbal(pattern.Type) && Governed(p, pattern, sources) is { Count: > 0 } inherited)
            {
                return (inherited, false);
            }

            // "threatened to block the highway unless Cameroon reopened the border": whoever must act.
            if (pattern.Type is RelationType.Threaten or RelationType.Request
                && cs.Predications.FirstOrDefault(q => q.Kind == ClauseKind.Conditional && q.Subordinator == "unless" && q.Start > p.Start) is { } unless
                && _refs.Of(unless.Subjects) is { Count: > 0 } conditioned)
            {
                return (conditioned, false);
            }

            // Force aimed at no actor lands where it happens ("struck a depot near Damascus"), and so does a protest
            // ("rioted at a jail in northern Israel").
            if ((Plover.Of(pattern.Type).Quad == QuadClass.MaterialConflict && pattern.Type != RelationType.Mobilize) || pattern.Type == RelationType.Protest)
            {
                var place = Place(p);
                if (place.Count > 0)
                {
                    return (place, true);
                }
            }

            return ([], false);
        }

        // "its troops", "their forces": the body or people of whoever "its" stands for, the clause's subject (or, in the
        // subject itself, the previous clause's).
        private Referent? OwnersOwn(NounPhrase np, Predication? p)
        {
            if (np.Determiner < 0 || _s.Words[np.Determiner].Lower is not ("its" or "their") || !reader.Agents.IsAgent(_s.Words[np.Head]))
            {
                return null;
            }

            foreach (var q in cs.Predications)
            {
                if (q != p && q.Subjects.Count > 0 && q.Start <= np.Start && _refs.Of(q.Subjects).FirstOrDefault() is { } owner)
                {
                    return owner with { Indirect = true };
                }

                if (q == p && !q.Subjects.Contains(np) && _refs.Of(q.Subjects).FirstOrDefault() is { } subject)
                {
                    return subject with { Indirect = true };
                }
            }

            return previousSubject is null ? null : new Referent(previousSubject, true, false, np.Start);
        }

        private static bool IsOfClass(Word w, IReadOnlySet<LexClass> classes) =>
            EnglishWords.Default.ClassesOf(WordNetPos.Noun, w.Lemma) is { } c && classes.Contains(c.First);

        // "missiles", "jets", "shells": a thing that does harm only in someone's hands.
        private static bool IsInstrument(Word w) =>
            EnglishWords.Default.ClassesOf(WordNetPos.Noun, w.Lemma) is { First: LexClass.Artifact or LexClass.Act or LexClass.Event };

        // The targets of the clauses a verb governs (its infinitive, its complement, a clause hanging from its object).
        // A clause whose subject is the verb's own side gives the targets of what it reads, and is absorbed: "refused to
        // meet Israel" is a rejection of Israel, not also a (negated) meeting. Another subject is the target itself:
        // "demanded that Bolivia return the post" demands of Bolivia.
        private List<Referent> Governed(Predication p, EventPattern pattern, List<Referent> sources)
        {
            int index = IndexOf(p);
            foreach (var q in cs.Predications.Where(q => q.Governor == index && q.Kind is ClauseKind.Infinitive or ClauseKind.Complement))
            {
                // A plain "that" clause is a fact said or denied ("denied that its army attacked"), read on its own; only a
                // demand names whom it is made of ("demanded that Bolivia return").
                bool nounComplement = q.Kind == ClauseKind.Complement && q.HangsFrom is not null;
                if (q.Kind == ClauseKind.Complement && !nounComplement)
                {
                    if (pattern.Type == RelationType.Request && _refs.Of(q.Subjects) is var asked && asked.Count > 0 && !asked.Any(x => OurSide(x, sources)))
                    {
                        foreach (var r in _readings.GetValueOrDefault(q) ?? [])
                        {
                            Found.Remove(r);
                        }

                        _consumed.UnionWith(q.Objects.Concat(q.Prepositions.SelectMany(x => x.Nouns)));
                        return asked;
                    }

                    continue;
                }

                var own = _readings.GetValueOrDefault(q) ?? [];

                // "agreed to impose sanctions on Iran", "supports the decision to expel Russian diplomats": a friendly verb
                // does not befriend the target of the hostile act it backs; that act reads on its own. Troops sent are no
                // act against where they go ("offered to send troops to Uganda").
                if (Plover.Of(pattern.Type).Polarity > 0 && own.Any(r => Plover.Of(r.Type).Polarity < 0 && r.Type != RelationType.Mobilize))
                {
                    continue;
                }

                var subjects = nounComplement ? _refs.Of(q.Subjects) : [];
                if (own.Count > 0 && (subjects.Count == 0 || subjects.Any(x => OurSide(x, sources))))
                {
                    foreach (var r in own)
                    {
                        Found.Remove(r);
                    }

                    return own.Select(r => r.Target).Distinct().Where(t => !sources.Any(x => book.SameSide(x.Actor, t))).Select(t => new Referent(t, false, false, q.Start)).ToList();
                }
            }

            return [];
        }

        private bool OurSide(Referent x, List<Referent> sources) => sources.Any(y => y.Actor == x.Actor || book.SameSide(x.Actor, y.Actor));

        private int IndexOf(Predication p)
        {
            for (int i = 0; i < cs.Predications.Count; i++)
            {
                if (ReferenceEquals(cs.Predications[i], p))
                {
                    return i;
                }
            }

            return -1;
        }

        private static int IndexOf(IReadOnlyList<PrepositionalObject> list, PrepositionalObject pp)
        {
            for (int k = 0; k < list.Count; k++)
            {
                if (list[k] == pp)
                {
                    return k;
                }
            }

            return -1;
        }

        // A prepositional phrase of the verb's own, not one after "after the fall of Mosul" that belongs to the dating phrase.
        private PrepositionalObject? Before(Predication p, PrepositionalObject? pp, Role stop)
        {
            if (pp is null)
            {
                return null;
            }

            foreach (var x in p.Prepositions)
            {
                if (x == pp)
                {
                    return pp;
                }

                if (reader.Closed.Is(x.Preposition, stop))
                {
                    return null;
                }
            }

            return pp;
        }

        // Words about words and acts (accusing, rejecting, supporting, demanding, conceding) take an act's author as their
        // target ("over Israeli air raids", "rejected Russia's proposal"); material acts do not ("pulled out of the
        // Colombia trade deal" leaves no Colombia).
        private static bool IsVerbal(RelationType type) =>
            Plover.Of(type).Quad is QuadClass.VerbalCooperation or QuadClass.VerbalConflict || type == RelationType.Concede;

        // Withdrawing from, occupying or attacking a place is doing so to the state it lies in.
        private static bool TakesPlaces(RelationType type) => type is RelationType.Retreat or RelationType.Coerce or RelationType.Assault or RelationType.Mobilize;

        // "over Israeli air raids", "about Russia's decision": the author of an act named by a noun.
        private List<Referent> AuthorOf(NounPhrase np) =>
            (_refs.OwnerOf(np) ?? Qualifier(np)) is { } author ? [author] : [];

        // "rejected Russia's proposal", "rejected the call of the European Parliament", "accepted demands from X":
        // the object names an act, and its author is the target.
        // Whose the object is, when the object is no actor: its possessor or "of" phrase for any event ("struck an arms
        // depot of the Syrian army"); an actor qualifying it where the words are about an act ("rejected an Indian
        // proposal") or the event is hostile ("stormed an Afghan military base", "banned Pakistani newspapers"), but not
        // where a friendly material act meets a thing ("pulled out of the Colombia trade deal"); the author of an act
        // named by the object ("accepted demands from X"), or the party it is aimed at ("rejected any cooperation with
        // the ICC").
        private List<Referent> OwnerOf(Predication p, NounPhrase obj, RelationType type)
        {
            if (_refs.OwnerOf(obj) is { } owner)
            {
                return [owner];
            }

            if ((IsVerbal(type) || Plover.Of(type).Polarity < 0) && Qualifier(obj) is { } qualifier)
            {
                return [qualifier];
            }

            // "the call of the European Parliament", "demands from X", "offers for peace talks by the Kabul government".
            var after = PrepositionsAfter(obj, p);
            if (after.Count > 0 && after[0].Preposition == "of" && _refs.Of(after[0].Nouns) is { Count: > 0 } of)
            {
                return of;
            }

            if (after.Take(3).FirstOrDefault(x => x.Preposition is "from" or "by") is { } from && _refs.Of(from.Nouns) is { Count: > 0 } author)
            {
                return author;
            }

            // Only a friendly act's party: rejecting cooperation with the ICC is about the ICC, condemning attacks in Iraq is
            // not about Iraq.
            if (IsVerbal(type) && NounPattern(obj) is var (noun, _) && Plover.Of(noun.Type).Polarity > 0
                && NounTargets(noun, PrepositionsAfter(obj, p)) is { Count: > 0 } aimed)
            {
                return aimed;
            }

            // "a resolution drafted by Britain": the agent of a participle clause on the object.
            foreach (var q in cs.Predications)
            {
                if (q.Kind == ClauseKind.Participle && q.Subjects.Contains(obj) && q.Preposition("by") is { } by)
                {
                    return _refs.Of(by.Nouns);
                }
            }

            return [];
        }

        private List<Referent> Place(Predication p)
        {
            var found = new List<Referent>();
            foreach (var np in p.Objects)
            {
                if (_refs.Of(np, places: true) is { } r)
                {
                    found.Add(r with { Indirect = true });
                }
            }

            foreach (var pp in p.Prepositions.Where(x => PlacePrepositions.Contains(x.Preposition)))
            {
                foreach (var np in pp.Nouns)
                {
                    if ((_refs.Of(np, places: true) ?? (np.Possessor is { } owner ? _refs.Of(owner, places: true) : null)) is { } r)
                    {
                        found.Add(r with { ViaPlace = true });
                    }
                }

                if (found.Count > 0)
                {
                    break;
                }
            }

            return found;
        }

        private (List<Referent>, bool Inherited) Subjects(Predication p)
        {
            // "Coalition efforts to support Iraqi forces", "the campaign to defeat Daesh": whose efforts or campaign, before
            // any subject the clause stage guessed for the infinitive.
            if (p.Kind == ClauseKind.Infinitive && p.HangsFrom is not null
                && _s.NounAt(_s.Verbs[p.Verb].Start - 1) is { } noun && AuthorOf(noun) is { Count: > 0 } owners)
            {
                return (owners, true);
            }

            var found = _refs.Of(p.Subjects);
            if (found.Count == 0 && p.Subjects.Count > 0 && OwnersOwn(p.Subjects[0], p) is { } owned)
            {
                return ([owned], p.SubjectInherited);
            }

            if (found.Count > 0 || p.Subjects.Count == 0)
            {
                return (found, p.SubjectInherited);
            }

            // "A drone strike by the United States killed …", "Saudi airstrikes killed …": the author of the act that does it.
            var subject = p.Subjects[0];
            if (!_s.Words[subject.Head].Tag.IsProperNoun() && _s.Words[subject.Head].Tag != PennTag.PRP)
            {
                var by = PrepositionsAfter(subject, null).FirstOrDefault(x => x.Preposition is "by" or "from")
                    ?? cs.Predications.FirstOrDefault(q => q.Kind == ClauseKind.Participle && q.Subjects.Contains(subject))?.Preposition("by");
                var author = by is not null ? _refs.Of(by.Nouns) : AuthorOf(subject);
                if (author.Count > 0 && (by is not null || _patterns.IsEventNoun(_s.Words[subject.Head].Lemma) || _patterns.Authored.Contains(_s.Words[subject.Head].Lemma)
                    || IsInstrument(_s.Words[subject.Head])))
                {
                    return (author, true);
                }
            }

            // "it", "they": the nearest subject before it in the sentence (or the author of what that subject names:
            // "Russia's military actions …, if they are used"), else the sentence's speaker, else the last sentence's subject.
            if (_s.Words[subject.Head].Tag == PennTag.PRP && reader.Closed.PronounOf(_s.Words[subject.Head].Lower) is { } kind and (PronounKind.Thing or PronounKind.Plural))
            {
                // "Saudi Arabia …, accusing it of supporting militants": a pronoun object is never its own verb's subject.
                var notThis = p.Governor >= 0 && cs.Predications[p.Governor] is var g && g.Objects.Contains(subject) ? _refs.Of(g.Subjects) : null;
                var earlier = Antecedent(subject, kind, prepositional: false, notThis) ?? (kind == PronounKind.Thing ? Antecedent(subject, kind, prepositional: true, notThis) : null);
                if (earlier is not null)
                {
                    return ([earlier with { Indirect = true }], true);
                }

                if (_speaker is not null)
                {
                    return ([_speaker with { Indirect = true }], true);
                }

                if (previousSubject is not null)
                {
                    return ([new Referent(previousSubject, true, false, subject.Start)], true);
                }
            }

            return (found, p.SubjectInherited);
        }

        // The nearest noun phrase before the pronoun that names an actor. A prepositional object ("inside of Syria") is
        // rarely what "they" picks up, so it is tried only when nothing else is; "it" is never a person ("Chirac issued a
        // reminder to Iraq that it must cooperate": Iraq).
        private Referent? Antecedent(NounPhrase pronoun, PronounKind kind, bool prepositional, List<Referent>? notThis)
        {
            for (int c = _s.ChunkAt(pronoun.Start) - 1; c >= 0; c--)
            {
                var chunk = _s.Chunks[c];
                if (chunk.Kind != ChunkKind.Noun || (c > 0 && _s.Chunks[c - 1].Kind == ChunkKind.Preposition) != prepositional)
                {
                    continue;
                }

                var np = _s.Nouns[chunk.Phrase];
                if (_s.Words[np.Head].Tag != PennTag.PRP && (_refs.Of(np) ?? AuthorOf(np).FirstOrDefault()) is { } earlier
                    && !(kind == PronounKind.Thing && book.KindOf(earlier.Actor) == ActorKind.Person) && !(notThis?.Exists(x => x.Actor == earlier.Actor) ?? false))
                {
                    return earlier;
                }
            }

            return null;
        }

        // ---- Light verbs, reversals, receiving ------------------------------------------------------------------

        // Returns the event noun the verb took, if any.
        private NounPhrase? ReadLight(int i, Predication p)
        {
            var verb = _s.Verbs[p.Verb];
            string lemma = verb.Lemma;
            bool light = _patterns.LightVerbs.Contains(lemma) || (lemma.IndexOf(' ', StringComparison.Ordinal) is var space and >= 0 && _patterns.LightVerbs.Contains(lemma[..space]));
            bool receiving = _patterns.Receiving.TryGetValue(lemma, out var receivedAfter);
            var reversal = _patterns.ReversalsByVerb(lemma);
            bool appeal = _patterns.Appeals.TryGetValue(lemma, out var appealedAfter) && verb.Voice == Voice.Active;
            if (!light && !receiving && !appeal && reversal.Count == 0 && !verb.Copula)
            {
                return null;
            }

            // The event noun: the object ("launched an attack"), the second object ("gave Jordan a loan") or after "in"
            // ("engaged in talks", "is in talks").
            NounPhrase? noun = null;
            (EventPattern, string[])? pattern = null;

            // "UN sanctions against Iran were lifted": a passive reversal undoes the event noun that is its subject.
            var candidates = verb.Voice == Voice.Passive && reversal.Count > 0 ? p.Subjects
                : appeal ? (appealedAfter is null ? p.Objects : p.Preposition(appealedAfter)?.Nouns ?? [])
                : receiving && receivedAfter is not null ? p.Preposition(receivedAfter)?.Nouns ?? [] // "came under fire from X"
                : p.Objects.Append(p.SecondObject).Concat(light || verb.Copula ? p.Preposition("in")?.Nouns ?? [] : []);
            foreach (var listed in candidates)
            {
                // "suspended part of a military aid program", "lifted all of the sanctions": the event after "of".
                var candidate = listed;
                if (candidate is not null && NounPattern(candidate) is null && PartOf(candidate) is { } part && NounPattern(part) is not null)
                {
                    _consumed.Add(candidate);
                    candidate = part;
                }

                // "lifted trade and travel restrictions on X": a reversal verb passes over a listed noun it does not undo.
                if (candidate is not null && NounPattern(candidate) is { } found
                    && (light || receiving || appeal || verb.Copula || reversal.Any(r => Undoes(r, found.Item1.Type))))
                {
                    noun = candidate;
                    pattern = found;
                    break;
                }

                // "announced a suspension of arms sales to X", "welcomed the lifting of sanctions on Y", "announced a cut in aid
                // to Z": a reversal noun before "of" or "in" undoes the event noun after it.
                if (candidate is not null && light && _patterns.ReversalsByNoun(_s.Words[candidate.Head].Lemma) is { Count: > 0 } undoing
                    && PrepositionsAfter(candidate, null).FirstOrDefault() is { Preposition: "of" or "in" } of && NounPattern(of.Nouns[0]) is { } inner)
                {
                    _consumed.Add(candidate);
                    noun = of.Nouns[0];
                    pattern = inner;
                    reversal = undoing;
                    break;
                }
            }

            if (noun is null || pattern is not var (nounPattern, _)
                || (appeal && (!_patterns.AppealedTypes.Contains(nounPattern.Type) || noun.Possessor is not null || PrepositionsAfter(noun, null).Any(x => x.Preposition == "by"))))
            {
                return null;
            }

            _consumed.Add(noun);
            var type = nounPattern.Type;
            // "ended military operations in Syria" retreats rather than concedes: where a reversal for force and one for any
            // hostile event both undo the noun, the narrower one wins.
            Reversal? undone = null;
            foreach (var r in reversal)
            {
                if (Undoes(r, type) && !(r.Idioms.Count > 0 && r.Idioms.Contains(lemma + " " + _s.Words[noun.Head].Lemma))
                    && (undone is null || r.On == "force"))
                {
                    undone = r;
                }
            }

            type = undone?.Becomes ?? type;

            if (!light && !receiving && !appeal && type == nounPattern.Type)
            {
                _consumed.Remove(noun);
                return null; // a reversal verb with a noun it does not undo, or a copula: the noun reads on its own
            }

            var after = PrepositionsAfter(noun, p);
            List<Referent> sources;
            List<Referent> targets;
            bool inherited = p.SubjectInherited;
            if (receiving)
            {
                sources = _refs.Of(after.FirstOrDefault(x => x.Preposition == "from")?.Nouns ?? []);
                targets = Subjects(p).Item1;
            }
            else
            {
                (sources, inherited) = verb.Voice == Voice.Passive ? (_refs.Of(p.Preposition("by")?.Nouns ?? []), false) : Subjects(p);
                if (sources.Count == 0 && verb.Voice == Voice.Passive && p.Subjects.Contains(noun))
                {
                    sources = AuthorOf(noun); // "UN sanctions … were lifted": whose sanctions
                }

                targets = NounTargets(nounPattern, after);
                if (targets.Count == 0 && noun == p.SecondObject)
                {
                    targets = _refs.Of(p.Objects); // "gave Jordan a loan"
                }

                // "lifted a travel ban imposed on Chadian citizens": the target is in a participle clause on the noun.
                if (targets.Count == 0 && cs.Predications.FirstOrDefault(q => q.Kind == ClauseKind.Participle && q.Subjects.Contains(noun)) is { } imposed)
                {
                    targets = NounTargets(nounPattern, imposed.Prepositions);
                }
            }

            string id = type == nounPattern.Type ? nounPattern.Id : $"{nounPattern.Id}+reversed";
            var form = type == nounPattern.Type ? ReadingForm.Light : ReadingForm.Verb;
            if (targets.Count == 0 && nounPattern.Symmetric && sources.Count >= 2)
            {
                Emit(p, nounPattern with { Id = id }, form, sources, sources, type, noun.Head, noun.Head + 1, inherited, symmetric: false, triggerFrom: verb.Head, governor: appeal ? lemma : null);
            }
            else if (nounPattern.Mediating)
            {
                // "a mediation effort to resolve the rift between Qatar and Bahrain": the sides may be in what the effort is for.
                var purpose = cs.Predications.FirstOrDefault(q => q.Kind == ClauseKind.Infinitive && q.HangsFrom is not null && _s.NounAt(_s.Verbs[q.Verb].Start - 1) == noun);
                var sides = _refs.Of((after.FirstOrDefault(x => Sides(x.Preposition)) ?? purpose?.Preposition("between") ?? purpose?.Preposition("among"))?.Nouns ?? []);
                Emit(p, nounPattern with { Id = id }, form, sources, sides, type, noun.Head, noun.Head + 1, inherited, symmetric: false, triggerFrom: verb.Head, governor: appeal ? lemma : null);
            }
            else
            {
                if (targets.Count == 0 && Plover.Of(type).Quad == QuadClass.MaterialConflict)
                {
                    targets = Place(p);
                }

                Emit(p, nounPattern with { Id = id, Polarity = type == nounPattern.Type ? nounPattern.Polarity : null }, form, sources, targets, type, noun.Head, noun.Head + 1, inherited,
                    symmetric: false, targets.Any(t => t.ViaPlace), triggerFrom: verb.Head, governor: appeal ? lemma : null);
            }

            // "issued an ultimatum to Sudan to normalise relations with Israel": what is demanded or threatened is content.
            if (type is RelationType.Request or RelationType.Threaten && targets.Count > 0)
            {
                Absorb(p);
            }

            return noun;
        }

        private static bool Undoes(Reversal r, RelationType type)
        {
            var plover = Plover.Of(type);
            return r.On switch
            {
                "hostile" => plover.Polarity < 0,
                "force" => plover.Quad == QuadClass.MaterialConflict,
                _ => plover.Polarity > 0,
            };
        }

        private (EventPattern, string[])? NounPattern(NounPhrase np) => NounPattern(np, remember: true);

        // Only the few event nouns are remembered, so most sentences never make the dictionary. A phrase made up on the way
        // ("aid" in "aid efforts") is new at every call, and not worth remembering either.
        private (EventPattern, string[])? NounPattern(NounPhrase np, bool remember)
        {
            var head = _s.Words[np.Head];
            if (!head.Tag.IsNoun() || head.Tag.IsProperNoun())
            {
                return null;
            }

            var byLemma = _patterns.NounsFor(head.Lemma);
            var byForm = head.Lemma == head.Lower ? [] : _patterns.NounsFor(head.Lower);
            if (byLemma.Count == 0 && byForm.Count == 0)
            {
                return EventBeforeHead(np); // most nouns name no event: nothing to sort
            }

            if (!remember)
            {
                return FindNounPattern(np, byLemma, byForm);
            }

            _nounPatterns ??= new(ReferenceEqualityComparer.Instance);
            if (!_nounPatterns.TryGetValue(np, out var found))
            {
                _nounPatterns[np] = found = FindNounPattern(np, byLemma, byForm);
            }

            return found;
        }

        private (EventPattern, string[])? FindNounPattern(NounPhrase np, IReadOnlyList<(EventPattern Pattern, string[] Before)> byLemma, IReadOnlyList<(EventPattern Pattern, string[] Before)> byForm)
        {
            var candidates = byLemma.Concat(byForm);
            foreach (var (pattern, before) in candidates.OrderByDescending(x => x.Before.Length))
            {
                bool fits = true;
                for (int b = 0; b < before.Length && fits; b++)
                {
                    int k = np.Head - before.Length + b;
                    fits = k >= np.OwnStart && (_s.Words[k].Lower == before[b] || _s.Words[k].Lemma == before[b]);
                }

                if (fits)
                {
                    return (pattern, before);
                }
            }

            return EventBeforeHead(np);
        }

        // "mediation between X and Y" consults both sides, "mediation efforts with the truckers" the one.
        private static bool Sides(string preposition) => preposition is "between" or "among" or "with";

        // "aid efforts", "aid deliveries": the event is the noun before such a head.
        private (EventPattern, string[])? EventBeforeHead(NounPhrase np) =>
            _patterns.EventHeads.Contains(_s.Words[np.Head].Lemma) && np.Head - 1 >= np.OwnStart && _s.Words[np.Head - 1].Tag is PennTag.NN or PennTag.NNS
                ? NounPattern(np with { Head = np.Head - 1 }, remember: false)
                : null;

        private List<Referent> NounTargets(EventPattern pattern, IReadOnlyList<PrepositionalObject> after)
        {
            // Force on a place is force on the state it lies in ("the annexation of Crimea", "strikes on Idlib").
            bool places = Plover.Of(pattern.Type).Quad == QuadClass.MaterialConflict;
            foreach (var spec in pattern.Targets)
            {
                if (after.FirstOrDefault(x => x.Preposition == spec) is { } pp
                    && (_refs.Of(pp.Nouns, places) is { Count: > 0 } found || AuthorOf(pp.Nouns[0]) is { Count: > 0 } author && (found = author) is not null))
                {
                    return found;
                }
            }

            return [];
        }

        // "part of a military aid program", "some of its tanks", "a number of armoured vehicles": a part, count or lone
        // determiner stands for the noun phrase after its "of".
        private NounPhrase? PartOf(NounPhrase np) =>
            (reader.Agents.IsGroupOf(_s.Words[np.Head]) || _s.Words[np.Head].Tag == PennTag.DT)
            && PrepositionsAfter(np, null).FirstOrDefault() is { Preposition: "of" } part ? part.Nouns[0] : null;

        /// <summary>The prepositional phrases right after a noun phrase: "an attack [by X] [on Y]".</summary>
        private List<PrepositionalObject> PrepositionsAfter(NounPhrase np, Predication? p)
        {
            var found = new List<PrepositionalObject>();
            int c = _s.ChunkAt(np.End - 1) + 1;
            var chunks = _s.Chunks;
            while (c + 1 < chunks.Count && (chunks[c].Kind == ChunkKind.Preposition || (chunks[c].Kind == ChunkKind.Noun && reader.Classes.IsTime(_s, _s.Nouns[chunks[c].Phrase]))))
            {
                // "a mediation effort on Saturday between X and Y", "an ultimatum Monday to X": time phrases are skipped.
                if (chunks[c].Kind == ChunkKind.Noun)
                {
                    c++;
                    continue;
                }

                if (chunks[c + 1].Kind != ChunkKind.Noun)
                {
                    break;
                }

                string prep = _s.Text(chunks[c].Start, chunks[c].End).ToLowerInvariant();
                var nouns = new List<NounPhrase> { _s.Nouns[chunks[c + 1].Phrase] };
                int last = c + 1;

                // "between Serbia and Kosovo", "on X, Y, and Z": a coordinated object; not "against ISIL, Davis said" or "with
                // the Kurds, and Erdoğan has threatened", where the noun after the comma is the subject of a verb of its own.
                for (int sep = last + 1; ; sep = last + 1)
                {
                    bool comma = sep < chunks.Count && chunks[sep].Kind == ChunkKind.Comma;
                    sep += comma && sep + 1 < chunks.Count && chunks[sep + 1].Kind == ChunkKind.Coordinator && _s.Tokens[chunks[sep + 1].Start].Lower is "and" or "or" ? 1 : 0;
                    if (!(sep + 1 < chunks.Count && chunks[sep].Kind is ChunkKind.Coordinator or ChunkKind.Comma && chunks[sep + 1].Kind == ChunkKind.Noun
                        && !(comma && sep + 2 < chunks.Count && chunks[sep + 2].Kind == ChunkKind.Verb)))
                    {
                        break;
                    }

                    nouns.Add(_s.Nouns[chunks[sep + 1].Phrase]);
                    last = sep + 1;
                }

                found.Add(new PrepositionalObject(prep, chunks[c].Start, nouns));
                c = last + 1;

                // A time phrase between the noun and its target ("a ceasefire on Tuesday with the rebels").
                if (reader.Classes.IsTime(_s, nouns[0]) && c < chunks.Count && chunks[c].Kind == ChunkKind.Comma)
                {
                    c++;
                }
            }

            // A predication's own list may group the same phrases with coordination the scan above missed.
            if (found.Count == 0 && p is not null)
            {
                found.AddRange(p.Prepositions.Where(x => x.At >= np.End));
            }

            return found;
        }

        // ---- Compound prepositions that hold an event noun --------------------------------------------------------

        // "in support of X": a compound preposition around an event noun is that event, authored by the clause's subject
        // ("remains steadfast in support of Turkey", "conducted strikes in support of Iraqi forces"). After an object it
        // describes the object instead ("vetoed a resolution in support of Ukraine"), unless the verb is a light one whose
        // object is the subject's own act.
        private void ReadEventPrepositions(Predication p)
        {
            if (p.Kind == ClauseKind.Relative || (p.Objects.Count > 0 && !_patterns.LightVerbs.Contains(_s.Verbs[p.Verb].Lemma)))
            {
                return;
            }

            foreach (var pp in p.Prepositions)
            {
                if (PrepositionPattern(pp.Preposition) is { } pattern)
                {
                    var (sources, inherited) = Subjects(p);
                    Emit(p, pattern, ReadingForm.Noun, sources, PrepositionTargets(pattern, pp), pattern.Type, pp.At, pp.At + 1, inherited, symmetric: false);
                }
            }
        }

        // "In support of the Iraqi forces, Coalition aircraft struck …": the main clause's subject.
        private void ReadOpeningEventPreposition()
        {
            if (_s.Chunks.Count < 2 || _s.Chunks[0].Kind != ChunkKind.Preposition || _s.Chunks[1].Kind != ChunkKind.Noun
                || PrepositionPattern(_s.Text(_s.Chunks[0].Start, _s.Chunks[0].End).ToLowerInvariant()) is not { } pattern
                || cs.Predications.FirstOrDefault(q => q.Kind == ClauseKind.Main && q.Subjects.Count > 0) is not { } main)
            {
                return;
            }

            var pp = new PrepositionalObject(string.Empty, _s.Chunks[0].Start, [_s.Nouns[_s.Chunks[1].Phrase]]);
            Emit(main, pattern, ReadingForm.Noun, Subjects(main).Item1, PrepositionTargets(pattern, pp), pattern.Type, pp.At, pp.At + 1, inherited: false, symmetric: false);
        }

        // The event noun inside a compound preposition of the closed classes ("in support of"), if it names one.
        private EventPattern? PrepositionPattern(string preposition)
        {
            var words = preposition.Split(' ');
            return words.Length < 3 ? null : words.Skip(1).SelectMany(_patterns.NounsFor).Where(x => x.Before.Length == 0).Select(x => x.Pattern).FirstOrDefault();
        }

        // "in support of SDF operations" supports whoever the operations are.
        private List<Referent> PrepositionTargets(EventPattern pattern, PrepositionalObject pp) =>
            _refs.Of(pp.Nouns, Plover.Of(pattern.Type).Quad == QuadClass.MaterialConflict) is { Count: > 0 } found ? found : AuthorOf(pp.Nouns[0]);

        // ---- Nouns on their own ---------------------------------------------------------------------------------

        private void ReadNoun(NounPhrase np)
        {
            if (NounPattern(np) is var (pattern, _))
            {
                ReadNoun(np, pattern); // most nouns name no event, and need not pay for the lambdas' closure
            }
        }

        private void ReadNoun(NounPhrase np, EventPattern pattern)
        {
            // "since the August 13 peace accord", "after the attack": an event named to date another is background.
            if (_s.ChunkAt(np.Start) is var chunk and >= 1 && _s.Chunks[chunk - 1].Kind is ChunkKind.Preposition or ChunkKind.Subordinator
                && reader.Closed.Is(_s.Words[_s.Chunks[chunk - 1].Start].Lower, Role.Temporal))
            {
                return;
            }

            var after = PrepositionsAfter(np, null);
            var container = Containing(np);

            // The source: the possessor ("Russia's annexation"), the agent ("an attack by X"), an actor qualifying the noun
            // ("Saudi airstrikes"), or the subject of a copula or light "in" ("Iran is in talks with").
            var sources = new List<Referent>();
            if (_refs.OwnerOf(np) is { } owner)
            {
                sources.Add(owner);
            }
            else if (pattern.Agents.Select(a => after.FirstOrDefault(x => x.Preposition == a)).FirstOrDefault(x => x is not null) is { } agent)
            {
                sources.AddRange(_refs.Of(agent.Nouns));
                if (sources.Count == 0 && OwnersOwn(agent.Nouns[0], container) is { } owned)
                {
                    sources.Add(owned); // "the withdrawal of its troops from Somalia"
                }
            }
            else if (Qualifier(np) is { } qualifier)
            {
                sources.Add(qualifier);
            }
            else if (container is { } c && c.Preposition("in")?.Nouns.Contains(np) == true
                && (_s.Verbs[c.Verb].Copula || _s.Verbs[c.Verb].Voice == Voice.Passive || Plover.Of(pattern.Type).Polarity > 0))
            {
                // "Iran is in talks with", "hit Idlib in coordination with Turkey", "in solidarity with".
                sources.AddRange(Subjects(c).Item1);
            }

            if (sources.Count == 0 && container is null && Plover.Of(pattern.Type).Polarity > 0 && _s.ChunkAt(np.Start) is var at and >= 1
                && _s.Chunks[at - 1].Kind == ChunkKind.Preposition && _s.Chunks[at - 1].Start == 0
                && cs.Predications.FirstOrDefault(q => q.Kind == ClauseKind.Main && q.Subjects.Count > 0) is { } main)
            {
                sources.AddRange(Subjects(main).Item1); // "In support of the Iraqi forces, Coalition aircraft struck …"
            }

            if (sources.Count == 0)
            {
                if (pattern.Symmetric && after.FirstOrDefault(x => x.Preposition == "between") is { } between)
                {
                    var pair = _refs.Of(between.Nouns);
                    if (pair.Count >= 2)
                    {
                        EmitNoun(np, container, pattern, pair, pair, symmetric: false);
                    }
                }

                return;
            }

            if (pattern.Mediating)
            {
                EmitNoun(np, container, pattern, sources, _refs.Of(after.FirstOrDefault(x => Sides(x.Preposition))?.Nouns ?? []), symmetric: false);
                return;
            }

            var targets = NounTargets(pattern, after);
            EmitNoun(np, container, pattern, sources, targets, symmetric: false);
        }

        // "Saudi airstrikes", "a Turkish offensive": an actor among the noun's modifiers (or one the mention stage read
        // into the noun itself, "Saudi airstrikes" as the Saudi state acting).
        private Referent? Qualifier(NounPhrase np)
        {
            foreach (var m in mentions)
            {
                bool modifies = m.Start >= np.OwnStart && (m.End <= np.Head || (m.Kind == MentionKind.StateNoun && m.Start < np.Head && m.End == np.Head + 1));
                if (m.ActorId is not null && m.Kind != MentionKind.Location && modifies
                    && !(m.End < _s.Tokens.Count && _s.Tokens[m.End].Text == "-" && !_s.Tokens[m.End].SpaceBefore))
                {
                    return new Referent(m.ActorId, true, false, m.Start);
                }
            }

            return null;
        }

        private void EmitNoun(NounPhrase np, Predication? container, EventPattern pattern, List<Referent> sources, List<Referent> targets, bool symmetric)
        {
            Emit(container, pattern, ReadingForm.Noun, sources, targets, pattern.Type, np.Head, np.Head + 1, inherited: false, symmetric);
        }

        private Predication? Containing(NounPhrase np)
        {
            foreach (var p in cs.Predications)
            {
                if (p.Subjects.Contains(np) || p.Objects.Contains(np) || p.SecondObject == np || p.Prepositions.Any(x => x.Nouns.Contains(np)))
                {
                    return p;
                }
            }

            return null;
        }

        // ---- Adjectives, framings, obligations, attributives ----------------------------------------------------

        private void ReadAdjective(int i, Predication p)
        {
            var verb = _s.Verbs[p.Verb];
            int at = verb.Copula ? verb.End : verb.Voice == Voice.Passive ? verb.Head : -1;
            if (at < 0 || at >= _s.Words.Count)
            {
                return;
            }

            var word = _s.Words[at];
            var found = _patterns.AdjectivesFor(word.Lower);
            if (found.Count == 0)
            {
                return;
            }

            var pattern = found[0];
            var after = verb.Copula ? PrepositionsAfterToken(at + 1) : p.Prepositions.ToList();
            var targets = NounTargets(pattern, after);
            var (sources, inherited) = Subjects(p);
            Emit(p, pattern, ReadingForm.Adjective, sources, targets, pattern.Type, at, at + 1, inherited, symmetric: false);
        }

        private List<PrepositionalObject> PrepositionsAfterToken(int token)
        {
            int c = _s.ChunkAt(token);
            var found = new List<PrepositionalObject>();
            var chunks = _s.Chunks;
            while (c >= 0 && c + 1 < chunks.Count && chunks[c].Kind == ChunkKind.Preposition && chunks[c + 1].Kind == ChunkKind.Noun)
            {
                found.Add(new PrepositionalObject(_s.Text(chunks[c].Start, chunks[c].End).ToLowerInvariant(), chunks[c].Start, [_s.Nouns[chunks[c + 1].Phrase]]));
                c += 2;
            }

            return found;
        }

        private void ReadFraming(int i, Predication p)
        {
            var verb = _s.Verbs[p.Verb];
            if (!_patterns.FramingVerbs.Contains(verb.Lemma) || p.Objects.Count == 0 || p.Preposition("as") is not { } asPhrase)
            {
                return;
            }

            var np = asPhrase.Nouns[0];
            string phrase = _s.Text(np.OwnStart, np.End).ToLowerInvariant();
            string head = _s.Words[np.Head].Lemma;
            KeyValuePair<string, RelationType> type = default;
            foreach (var f in _patterns.Framings)
            {
                if (phrase.EndsWith(f.Key, StringComparison.Ordinal) || head == f.Key)
                {
                    type = f;
                    break;
                }
            }

            if (type.Key is null)
            {
                return;
            }

            var pattern = new EventPattern("framing", type.Value, PatternKind.Noun, []);
            var (sources, inherited) = Subjects(p);
            Emit(p, pattern, ReadingForm.Framing, sources, _refs.Of(p.Objects), type.Value, np.Head, np.Head + 1, inherited, symmetric: false);
        }

        // "X said Y must be ready to compromise", "issued a reminder to Iraq that it must cooperate": whoever says it
        // demands it of Y, or of the one told when Y is "it" or "they". "Y must have known" is a guess, not a demand.
        private void ReadObligation(int i, Predication p)
        {
            var verb = _s.Verbs[p.Verb];
            if (verb.Modal != "must" || p.Kind != ClauseKind.Complement || verb.Perfect || verb.Lemma is "know" or "have")
            {
                return;
            }

            ReadObligation(p, verb);
        }

        // Split from the test above, which every clause meets: a method with lambdas allocates their closure as it starts.
        private void ReadObligation(Predication p, VerbGroup verb)
        {
            var governor = p.Governor >= 0 ? cs.Predications[p.Governor] : null;
            var speaker = _speaker ?? (governor is null ? null : _refs.Of(governor.Subjects).FirstOrDefault());
            if (speaker is null)
            {
                return;
            }

            var targets = _refs.Of(p.Subjects);
            if (targets.Count == 0 && governor is not null && p.Subjects.Count > 0 && _s.Words[p.Subjects[0].Head].Tag == PennTag.PRP)
            {
                targets = _refs.Of(governor.Preposition("to")?.Nouns ?? governor.Objects);
            }

            var demanded = targets.Where(t => t.Actor != speaker.Actor && !book.SameSide(t.Actor, speaker.Actor)).ToList();
            if (demanded.Count > 0)
            {
                // What must be done is the content of the demand, not an event of its own.
                Found.RemoveAll(r => r.TriggerStart >= p.Start && r.TriggerStart < p.End);
                Absorb(p);
            }

            foreach (var t in demanded)
            {
                Add(new Reading(speaker.Actor, t.Actor, RelationType.Request, "obligation", ReadingForm.Obligation, verb.Start, verb.End, Modality.Asserted) { Polarity = 0 });
            }
        }

        // "US-backed rebels": the actor glued to the participle does the event to the phrase's actor.
        private void ReadAttributive(NounPhrase np)
        {
            for (int k = np.OwnStart; k + 2 <= np.Head; k++)
            {
                var t = _s.Tokens;
                if (t[k + 1].Text != "-" || t[k + 1].SpaceBefore || t[k + 2].SpaceBefore || !_patterns.Attributive.TryGetValue(t[k + 2].Lower, out var type))
                {
                    continue;
                }

                ReadAttributiveAt(np, k, type);
            }
        }

        // Split from the scan above, which runs on every noun phrase: a method with lambdas allocates their closure as it
        // starts.
        private void ReadAttributiveAt(NounPhrase np, int k, RelationType type)
        {
            var source = mentions.FirstOrDefault(m => m.ActorId is not null && m.End == k + 1 && m.Start >= np.OwnStart && m.Kind != MentionKind.Location);
            var target = mentions.FirstOrDefault(m => m.ActorId is not null && m.Start > k + 2 && m.Start < np.End && m.Kind != MentionKind.Location)
                is { } m2 ? new Referent(m2.ActorId!, m2.IsIndirect, false, m2.Start) : _refs.Of(np);
            if (source?.ActorId is null || target is null)
            {
                return;
            }

            var pattern = new EventPattern("attributive", type, PatternKind.Verb, []);
            Emit(Containing(np), pattern, ReadingForm.Attributive, [new Referent(source.ActorId, source.IsIndirect, false, source.Start)], [target], type, k + 1, k + 3, inherited: false, symmetric: false, asserted: true);
        }

        // ---- Emission -------------------------------------------------------------------------------------------

        private void Emit(Predication? p, EventPattern pattern, ReadingForm form, List<Referent> sources, List<Referent> targets, RelationType type,
            int triggerStart, int triggerEnd, bool inherited, bool symmetric, bool viaPlace = false, int triggerFrom = -1, bool asserted = false, string? governor = null)
        {
            if (sources.Count == 0 || targets.Count == 0)
            {
                return;
            }

            foreach (var s in sources)
            {
                foreach (var t in targets)
                {
                    if (s.Actor == t.Actor || book.SameSide(s.Actor, t.Actor))
                    {
                        continue;
                    }

                    string? saidBy = _speaker is { } sp && !book.SameSide(sp.Actor, s.Actor) && sp.Actor != s.Actor && p is not null && !IsReportingVerb(p) ? sp.Actor : null;
                    var m = asserted || p is null ? Modality.Asserted : reader.ModalityRules.Of(cs, p, saidBy is not null, governor);
                    var reading = new Reading(s.Actor, t.Actor, type, pattern.Id, form, triggerFrom >= 0 ? Math.Min(triggerFrom, triggerStart) : triggerStart, triggerEnd, m)
                    {
                        Polarity = pattern.Polarity,
                        SaidBy = saidBy,
                        IndirectActor = s.Indirect || t.Indirect,
                        ViaPlace = viaPlace || t.ViaPlace,
                        InheritedSubject = inherited,
                        DistantSubject = p is not null && triggerStart - s.Start > 12,
                        SourceSector = s.Sector,
                        TargetSector = t.Sector,
                    };
                    Add(reading);
                    if (symmetric)
                    {
                        Add(reading with { Source = t.Actor, Target = s.Actor, SourceSector = t.Sector, TargetSector = s.Sector });
                    }
                }
            }
        }

        private void Add(Reading r)
        {
            if (!Found.Any(f => f.Source == r.Source && f.Target == r.Target && f.Type == r.Type))
            {
                Found.Add(r);
            }
        }

        private bool IsReportingVerb(Predication p) => cs.Frame is { ReportingVerb: >= 0 } f && cs.Predications[f.ReportingVerb] == p;
    }
}
