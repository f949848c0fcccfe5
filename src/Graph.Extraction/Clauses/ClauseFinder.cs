using Graph.Extraction.Chunks;
using Graph.Extraction.Words;

namespace Graph.Extraction.Clauses;

/// <summary>
/// Finds each verb's clause and arguments over a chunked sentence: subjects (with relative antecedents, infinitive
/// controllers, coordinated verbs and participle clauses), objects, prepositional phrases, and the reporting frame.
/// Linear in the number of chunks for ordinary sentences: every search is bounded by the clause it starts in.
/// </summary>
internal sealed class ClauseFinder(VerbClasses classes)
{
    public ClausedSentence Find(ChunkedSentence s)
    {
        var chunks = s.Chunks;
        var found = new List<Predication>();
        // Which predication each verb chunk made, -1 for none yet: an array, since a dictionary grew for every sentence.
        var byChunk = new int[chunks.Count];
        Array.Fill(byChunk, -1);
        for (int c = 0; c < chunks.Count; c++)
        {
            if (chunks[c].Kind != ChunkKind.Verb)
            {
                continue;
            }

            var p = Predicate(s, c, found, byChunk);
            byChunk[c] = found.Count;
            found.Add(p);
        }

        // A participle clause that opens the sentence ("Backed by Russia, Assad …") takes the main clause's subject.
        for (int i = 0; i < found.Count; i++)
        {
            var p = found[i];
            if (p.Subjects.Count == 0 && p.Kind == ClauseKind.Participle && p.Governor < 0
                && found.Skip(i + 1).FirstOrDefault(x => x.Kind == ClauseKind.Main && x.Subjects.Count > 0) is { } main)
            {
                found[i] = p with { Subjects = main.Subjects, SubjectInherited = true, Governor = found.IndexOf(main) };
            }
        }

        return new ClausedSentence(s, found, FrameOf(s, found));
    }

    private Predication Predicate(ChunkedSentence s, int c, List<Predication> before, int[] byChunk)
    {
        var chunks = s.Chunks;
        var verb = s.Verbs[chunks[c].Phrase];
        var (objects, second, preps, end) = Arguments(s, c);
        int k = SkipAdverbsLeft(s, c - 1);
        var kind = ClauseKind.Main;
        IReadOnlyList<NounPhrase> subjects = [];
        bool inherited = false;
        int governor = -1;
        string? subordinator = null;
        string? hangsFrom = null;
        int start = chunks[c].Start;

        switch (verb.Form)
        {
            case VerbForm.Infinitive:
                kind = ClauseKind.Infinitive;
                (subjects, governor) = Controller(s, k, before, byChunk);
                inherited = true;

                // "a plan to attack", "calls for X to withdraw": the noun the infinitive hangs from.
                hangsFrom = k >= 0 && chunks[k].Kind == ChunkKind.Noun ? s.Words[s.Nouns[chunks[k].Phrase].Head].Lemma : null;
                break;

            case VerbForm.Gerund or VerbForm.Participle:
                kind = ClauseKind.Participle;
                (subjects, governor) = ParticipleSubject(s, k, before, byChunk);
                inherited = subjects.Count > 0 && (k < 0 || chunks[k].Kind != ChunkKind.Noun);
                break;

            case VerbForm.Bare when k >= 1 && chunks[k].Kind == ChunkKind.Coordinator && chunks[k - 1].Kind == ChunkKind.Verb
                && byChunk[k - 1] is >= 0 and var sibling && s.Verbs[before[sibling].Verb].Form == VerbForm.Infinitive:
                // "to degrade and defeat ISIL": a bare verb coordinated with an infinitive is another infinitive of the same.
                kind = ClauseKind.Infinitive;
                subjects = before[sibling].Subjects;
                governor = before[sibling].Governor;
                hangsFrom = before[sibling].HangsFrom;
                inherited = true;
                break;

            case VerbForm.Bare when k >= 0 && chunks[k].Kind == ChunkKind.Noun && k >= 1 && chunks[k - 1].Kind == ChunkKind.Verb:
                // "helped the rebels take the town", "let Russia keep its base": the object of the first verb does the second.
                kind = ClauseKind.Infinitive;
                subjects = NounGroupEndingAt(s, k).Nouns;
                governor = byChunk[k - 1];
                inherited = true;
                break;

            default:
                var info = FiniteSubject(s, c, k, before, byChunk);
                (kind, subjects, governor, subordinator, inherited, start) = (info.Kind, info.Subjects, info.Governor, info.Subordinator, info.Inherited, info.Start);
                hangsFrom = info.Noun;
                break;
        }

        if (subjects.Count > 0 && !inherited)
        {
            start = Math.Min(start, subjects[0].Start);
        }

        return new Predication(chunks[c].Phrase, kind, subjects, objects)
        {
            SecondObject = second,
            Prepositions = preps,
            Governor = governor,
            Subordinator = subordinator,
            HangsFrom = hangsFrom,
            SubjectInherited = inherited,
            Start = start,
            End = Math.Max(end, chunks[c].End),
        };
    }

    // ---- Subjects ---------------------------------------------------------------------------------------------

    /// <summary>What opens a finite clause: its kind, subjects, governing predication and subordinator. A struct: one is made for every finite verb.</summary>
    private readonly record struct SubjectInfo(ClauseKind Kind, IReadOnlyList<NounPhrase> Subjects, int Governor, string? Subordinator, bool Inherited, int Start)
    {
        public string? Noun { get; init; }
    }

    private SubjectInfo FiniteSubject(ChunkedSentence s, int c, int k, List<Predication> before, int[] byChunk)
    {
        var chunks = s.Chunks;
        int start = chunks[c].Start;
        if (k < 0)
        {
            // ", said Dmitry Peskov": a reporting verb with nothing before it in its clause takes the name after it.
            return new SubjectInfo(ClauseKind.Main, [], -1, null, false, start);
        }

        var at = chunks[k];

        // "Turkey, which has threatened …", "the man who shot …": the antecedent is the subject.
        if (at.Kind == ChunkKind.Relative || (at.Kind == ChunkKind.Subordinator && s.Tokens[at.Start].Lower == "that" && k > 0 && chunks[k - 1].Kind == ChunkKind.Noun))
        {
            int a = k - 1;
            if (a >= 0 && chunks[a].Kind == ChunkKind.Comma)
            {
                a--;
            }

            // "attacks in the commercial area of the neighborhood in Baghdad which killed 28 people": "which" after a
            // place phrase is said of what stands there.
            if (s.Tokens[at.Start].Lower == "which" && at.Kind == ChunkKind.Relative)
            {
                int head = a;
                while (head >= 2 && chunks[head].Kind == ChunkKind.Noun && chunks[head - 1].Kind == ChunkKind.Preposition && chunks[head - 2].Kind == ChunkKind.Noun
                    && s.Tokens[chunks[head - 1].Start].Lower is var prep && (prep == "of" || classes.IsLocative(prep)))
                {
                    head -= 2;
                }

                if (head < a && classes.IsLocative(s.Tokens[chunks[a - 1].Start].Lower))
                {
                    a = head;
                }
            }

            var antecedent = a >= 0 && chunks[a].Kind == ChunkKind.Noun ? NounGroupEndingAt(s, a).Nouns : [];
            return new SubjectInfo(ClauseKind.Relative, antecedent, LastBefore(byChunk, k), s.Tokens[at.Start].Lower, true, chunks[k].Start);
        }

        // "… stormed a base and killed 17 soldiers": a verb right after "and" shares the subject of the verb before.
        // "Turkey, which has threatened …, urged": after a comma that closes a relative or participle clause, the verb is
        // the antecedent's own.
        if (at.Kind is ChunkKind.Coordinator or ChunkKind.Comma && LastFiniteInClause(s, k, before, byChunk) is var (prev, p) && prev >= 0)
        {
            if (at.Kind == ChunkKind.Comma && Embedding(before, prev) is { } embedded)
            {
                return new SubjectInfo(ClauseKind.Main, embedded.Subjects, -1, null, true, chunks[k].Start);
            }

            // "did not comment, but has condemned": after "but" a verb with a tense of its own shares the subject, not the
            // clause's negation or mood ("should be victorious but crushed" shares both).
            var verb = s.Verbs[chunks[c].Phrase];
            return at.Kind == ChunkKind.Coordinator && classes.IsContrastive(s.Tokens[at.Start].Lower)
                && HasTense(s, verb)
                ? new SubjectInfo(ClauseKind.Main, p.Subjects, -1, null, true, chunks[k].Start)
                : new SubjectInfo(ClauseKind.Coordinated, p.Subjects, prev, null, true, chunks[k].Start);
        }

        // "Kenya, a key U.S. ally in the region, has refused …": an apposition between commas stands beside the subject.
        if (at.Kind == ChunkKind.Comma && AppositionStart(s, k) is var apposed and >= 0)
        {
            k = apposed;
            at = chunks[k];
        }

        // "The Ceasefire Violations Committee (CFVC) has completed": an acronym in brackets after the subject.
        if (at.Kind == ChunkKind.Boundary && s.Tokens[at.Start].Text == ")" && k >= 3 && chunks[k - 1].Kind == ChunkKind.Noun
            && chunks[k - 2].Kind == ChunkKind.Boundary && s.Tokens[chunks[k - 2].Start].Text == "(" && chunks[k - 3].Kind == ChunkKind.Noun)
        {
            k -= 3;
            at = chunks[k];
        }

        // "Yasser Arafat Wednesday rejected", "Russia's Foreign Ministry on Monday expelled": a time phrase before the verb.
        if (at.Kind == ChunkKind.Noun && classes.IsTime(s, s.Nouns[at.Phrase]))
        {
            int left = k - 1;
            if (left >= 1 && chunks[left].Kind == ChunkKind.Preposition)
            {
                left--;
            }

            if (left >= 0 && chunks[left].Kind == ChunkKind.Noun && !classes.IsTime(s, s.Nouns[chunks[left].Phrase]))
            {
                k = left;
                at = chunks[k];
            }
        }

        if (at.Kind != ChunkKind.Noun)
        {
            return new SubjectInfo(ClauseKind.Main, [], -1, null, false, start);
        }

        var (group, first) = NounGroupEndingAt(s, k);
        (group, first) = HeadOfPrepositionalChain(s, group, first);

        // "On Monday, Dec. 26, Abu Jandal … was struck": a date is never the subject.
        if (group.Count == 1 && classes.IsTime(s, group[0]) || AllNumbers(s, group))
        {
            return new SubjectInfo(ClauseKind.Main, [], -1, null, false, start);
        }

        // What opens the clause: a subordinator, a complementizer, or a verb that takes a clause ("insists it is").
        int open = SkipAdverbsLeft(s, first - 1);
        var kind = ClauseKind.Main;
        int governor = -1;
        string? subordinator = null;
        // "suggestions that Obama would meet Putin", "the deal that Russia signed": a clause hanging from a noun is
        // embedded in the clause that noun belongs to, and the noun says what it is (a suggestion, a report, a deal).
        if (open >= 1 && chunks[open].Kind is ChunkKind.Relative or ChunkKind.Subordinator && s.Tokens[chunks[open].Start].Lower == "that"
            && chunks[open - 1].Kind == ChunkKind.Noun && !classes.IsTime(s, s.Nouns[chunks[open - 1].Phrase]))
        {
            var noun = s.Nouns[chunks[open - 1].Phrase];
            int owner = -1;
            for (int b = before.Count - 1; b >= 0 && owner < 0; b--)
            {
                var q = before[b];
                if (q.Objects.Contains(noun) || q.SecondObject == noun || q.Subjects.Contains(noun) || q.Prepositions.Any(x => x.Nouns.Contains(noun)))
                {
                    owner = b;
                }
            }

            return new SubjectInfo(ClauseKind.Complement, group, owner, "that", false, group.Count > 0 ? group[0].Start : start) { Noun = s.Words[noun.Head].Lemma };
        }

        if (open >= 0 && chunks[open].Kind == ChunkKind.Subordinator)
        {
            subordinator = s.Text(chunks[open].Start, chunks[open].End).ToLowerInvariant();
            kind = classes.IsConditional(subordinator) ? ClauseKind.Conditional
                : subordinator is "that" or "whether" ? ClauseKind.Complement
                : ClauseKind.Adverbial;
            // A complement or a condition hangs from the verb before it ("threatened to attack … if Iran strikes").
            governor = kind is ClauseKind.Complement or ClauseKind.Conditional ? LastBefore(byChunk, open) : -1;
        }
        else if (open >= 0 && chunks[open].Kind == ChunkKind.Verb && byChunk[open] is >= 0 and var g)
        {
            kind = ClauseKind.Complement;
            governor = g;
        }

        return new SubjectInfo(kind, group, governor, subordinator, false, group.Count > 0 ? group[0].Start : start);
    }

    // A verb group with a tense of its own: a finite head, or an auxiliary or modal before it.
    private static bool HasTense(ChunkedSentence s, VerbGroup verb)
    {
        for (int w = verb.Start; w <= verb.Head; w++)
        {
            if (s.Words[w].Tag.IsFinite() || s.Words[w].Tag == PennTag.MD)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For a comma at <paramref name="k"/> that closes an apposition (", a key U.S. ally in the region,"), the chunk of
    /// the noun phrase before the apposition, else -1.
    /// </summary>
    internal static int AppositionStart(ChunkedSentence s, int k)
    {
        var chunks = s.Chunks;
        bool noun = false;
        for (int j = k - 1; j >= 1 && j > k - 12; j--)
        {
            var kind = chunks[j].Kind;
            if (kind == ChunkKind.Comma)
            {
                return noun && chunks[j - 1].Kind == ChunkKind.Noun && j < k - 1 ? j - 1 : -1;
            }

            // "Recent US attacks, occurring every three days, have killed …": a participle clause between commas too.
            if (kind is ChunkKind.Noun or ChunkKind.Preposition or ChunkKind.Other
                || (kind == ChunkKind.Verb && s.Verbs[chunks[j].Phrase].Form is VerbForm.Gerund or VerbForm.Participle))
            {
                noun |= kind is ChunkKind.Noun or ChunkKind.Verb;
                continue;
            }

            return -1;
        }

        return -1;
    }

    // "The leader of the rebels said", "The Foreign Office during a briefing in Islamabad welcomed": the subject is the
    // noun phrase the prepositional phrases before the verb hang from.
    private (IReadOnlyList<NounPhrase>, int) HeadOfPrepositionalChain(ChunkedSentence s, IReadOnlyList<NounPhrase> group, int first)
    {
        var chunks = s.Chunks;
        while (true)
        {
            (group, first) = HeadOfPrepositions(s, group, first);

            // "U.S. airstrikes this month in the area have killed": a time phrase right after the subject belongs to the clause.
            if (group.Count == 1 && classes.IsTime(s, group[0]) && first >= 1 && chunks[first - 1].Kind == ChunkKind.Noun
                && !classes.IsTime(s, s.Nouns[chunks[first - 1].Phrase]))
            {
                (group, first) = NounGroupEndingAt(s, first - 1);
                continue;
            }

            return (group, first);
        }
    }

    private static (IReadOnlyList<NounPhrase>, int) HeadOfPrepositions(ChunkedSentence s, IReadOnlyList<NounPhrase> group, int first)
    {
        var chunks = s.Chunks;
        while (first >= 2 && chunks[first - 1].Kind == ChunkKind.Preposition)
        {
            int left = first - 2;

            // "The Foreign Office (FO) during …": an acronym in brackets stands beside its name.
            if (left >= 3 && chunks[left].Kind == ChunkKind.Boundary && s.Tokens[chunks[left].Start].Text == ")" && chunks[left - 1].Kind == ChunkKind.Noun
                && chunks[left - 2].Kind == ChunkKind.Boundary && s.Tokens[chunks[left - 2].Start].Text == "(")
            {
                left -= 3;
            }

            if (left < 0 || chunks[left].Kind != ChunkKind.Noun)
            {
                break;
            }

            (group, first) = NounGroupEndingAt(s, left);
        }

        return (group, first);
    }

    private (IReadOnlyList<NounPhrase>, int) Controller(ChunkedSentence s, int k, List<Predication> before, int[] byChunk)
    {
        var chunks = s.Chunks;

        // "threatened on Monday to shell", "threatened Monday to resume": a time phrase between the verb and its infinitive.
        if (k >= 1 && chunks[k].Kind == ChunkKind.Noun && classes.IsTime(s, s.Nouns[chunks[k].Phrase]))
        {
            k = SkipAdverbsLeft(s, chunks[k - 1].Kind == ChunkKind.Preposition ? k - 2 : k - 1);
        }

        if (k < 0)
        {
            return ([], -1);
        }

        // "agreed to lift", "refused to meet", "is expected to": the verb's own subject.
        if (chunks[k].Kind == ChunkKind.Verb && byChunk[k] is >= 0 and var g)
        {
            return (before[g].Subjects, g);
        }

        // "is ready to contribute", "was unable to provide": an adjective after a copula.
        if (chunks[k].Kind == ChunkKind.Other && k >= 1 && chunks[k - 1].Kind == ChunkKind.Verb && byChunk[k - 1] is >= 0 and var copula)
        {
            return (before[copula].Subjects, copula);
        }

        if (chunks[k].Kind != ChunkKind.Noun)
        {
            return ([], -1);
        }

        var (group, first) = NounGroupEndingAt(s, k);

        // "urged Turkey to withdraw", "called on Britain to act": the object of a control verb does what it is asked.
        int v = first - 1;
        if (v >= 1 && chunks[v].Kind == ChunkKind.Preposition && chunks[v - 1].Kind == ChunkKind.Verb
            && classes.IsObjectControl(s.Verbs[chunks[v - 1].Phrase].Lemma + " " + s.Text(chunks[v].Start, chunks[v].End).ToLowerInvariant()))
        {
            return (group, byChunk[v - 1]);
        }

        if (v >= 0 && chunks[v].Kind == ChunkKind.Verb && classes.IsObjectControl(s.Verbs[chunks[v].Phrase].Lemma))
        {
            return (group, byChunk[v]);
        }

        // "Putin's offer to mediate", "Trump's decision to withdraw": the possessor of the noun.
        var noun = group[^1];
        if (noun.Possessor is { } owner)
        {
            return ([owner], -1);
        }

        // "sent troops to support Assad", "donated a shipment of ventilators to assist Ethiopia": the purpose is the
        // sender's, whichever of the verb's phrases the infinitive follows.
        for (int i = before.Count - 1; i >= 0; i--)
        {
            var p = before[i];
            if (p.Objects.Contains(noun) || p.SecondObject == noun || p.Prepositions.Any(x => x.Nouns.Contains(noun)))
            {
                return (p.Subjects, i);
            }
        }

        return ([], -1);
    }

    private (IReadOnlyList<NounPhrase>, int) ParticipleSubject(ChunkedSentence s, int k, List<Predication> before, int[] byChunk)
    {
        var chunks = s.Chunks;

        // "accused Turkey of supporting the militants", "prevented Iran from sending arms": the object of such a verb.
        if (k >= 2 && chunks[k].Kind == ChunkKind.Preposition && chunks[k - 1].Kind == ChunkKind.Noun && chunks[k - 2].Kind == ChunkKind.Verb
            && byChunk[k - 2] >= 0 && classes.IsGerundControl(s.Verbs[chunks[k - 2].Phrase].Lemma))
        {
            return ([s.Nouns[chunks[k - 1].Phrase]], byChunk[k - 2]);
        }

        // "militants fleeing the city", "missiles fired by Israel": the noun right before.
        if (k >= 0 && chunks[k].Kind == ChunkKind.Noun)
        {
            return ([s.Nouns[chunks[k].Phrase]], -1);
        }

        // "tribes, backed by the coalition, …": the noun before the comma, when nothing else stands between.
        if (k >= 1 && chunks[k].Kind == ChunkKind.Comma && chunks[k - 1].Kind == ChunkKind.Noun
            && s.Verbs.Count > 0 && before.Count == 0)
        {
            return ([s.Nouns[chunks[k - 1].Phrase]], -1);
        }

        // "…, killing 17 soldiers", "by attacking the base": the subject of the nearest finite clause it hangs from.
        for (int i = before.Count - 1; i >= 0; i--)
        {
            if (before[i].Kind is ClauseKind.Main or ClauseKind.Coordinated or ClauseKind.Adverbial or ClauseKind.Complement && before[i].Subjects.Count > 0)
            {
                return (before[i].Subjects, i);
            }
        }

        return ([], -1);
    }

    // The relative or participle clause a predication sits in (itself or through the clauses governing it), or null.
    private static Predication? Embedding(List<Predication> before, int i)
    {
        for (int depth = 0; i >= 0 && depth < 8; depth++)
        {
            var p = before[i];
            if (p.Kind is ClauseKind.Relative or ClauseKind.Participle && p.Subjects.Count > 0)
            {
                return p;
            }

            if (p.Kind is ClauseKind.Main or ClauseKind.Complement or ClauseKind.Adverbial or ClauseKind.Conditional)
            {
                return null;
            }

            i = p.Governor;
        }

        return null;
    }

    // The last finite verb of the same clause before chunk k: no subordinator, relative or hard boundary in between.
    private static (int, Predication) LastFiniteInClause(ChunkedSentence s, int k, List<Predication> before, int[] byChunk)
    {
        var chunks = s.Chunks;
        for (int j = k - 1; j >= 0; j--)
        {
            var kind = chunks[j].Kind;
            if (kind == ChunkKind.Verb && byChunk[j] is >= 0 and var i)
            {
                var p = before[i];
                if (s.Verbs[p.Verb].Form == VerbForm.Finite && p.Subjects.Count > 0)
                {
                    return (i, p);
                }

                if (s.Verbs[p.Verb].Form == VerbForm.Finite)
                {
                    break;
                }
            }

            if (kind is ChunkKind.Boundary or ChunkKind.Quote || (kind == ChunkKind.Subordinator && j < k - 1))
            {
                break;
            }
        }

        return (-1, null!);
    }

    // ---- Objects and prepositional phrases -------------------------------------------------------------------

    // The three helpers below are loops rather than lambdas in the methods that use them: a method with lambdas over its
    // parameters allocates their closure every time it starts, and these run for every verb of every sentence.

    // The latest predication among those made for chunks before k, or -1.
    private static int LastBefore(int[] byChunk, int k)
    {
        int last = -1;
        for (int chunk = 0; chunk < k; chunk++)
        {
            last = Math.Max(last, byChunk[chunk]);
        }

        return last;
    }

    private static bool AllNumbers(ChunkedSentence s, IReadOnlyList<NounPhrase> group)
    {
        for (int i = 0; i < group.Count; i++)
        {
            if (s.Words[group[i].Head].Tag != PennTag.CD)
            {
                return false;
            }
        }

        return true;
    }

    private bool AllTime(ChunkedSentence s, IReadOnlyList<NounPhrase> group)
    {
        for (int i = 0; i < group.Count; i++)
        {
            if (!classes.IsTime(s, group[i]))
            {
                return false;
            }
        }

        return true;
    }

    private (IReadOnlyList<NounPhrase>, NounPhrase?, IReadOnlyList<PrepositionalObject>, int) Arguments(ChunkedSentence s, int c)
    {
        var chunks = s.Chunks;
        var verb = s.Verbs[chunks[c].Phrase];
        IReadOnlyList<NounPhrase> objects = [];
        NounPhrase? second = null;
        var preps = new List<PrepositionalObject>();
        int end = chunks[c].End;
        int j = SkipAdverbsRight(s, c + 1);
        bool onlyTime = true;
        while (j < chunks.Count)
        {
            var at = chunks[j];
            // "rejected Thursday a United Nations appeal", "said today it had …": a time phrase is no object.
            if (at.Kind == ChunkKind.Noun && objects.Count == 0 && classes.IsTime(s, s.Nouns[at.Phrase]))
            {
                end = at.End;
                j = SkipAdverbsRight(s, j + 1);
                continue;
            }

            if (at.Kind == ChunkKind.Noun && objects.Count == 0 && onlyTime && !verb.Copula)
            {
                // "insists it is enforcing", "agreed Assad's regime had …": a noun and a finite verb are a clause, not an object.
                var (group, last) = NounGroupStartingAt(s, j);
                int after = SkipAdverbsRight(s, last + 1);
                if (after < chunks.Count && chunks[after].Kind == ChunkKind.Verb && s.Verbs[chunks[after].Phrase].Form == VerbForm.Finite)
                {
                    break;
                }

                objects = group;
                end = chunks[last].End;
                j = SkipAdverbsRight(s, last + 1);

                // "gave Jordan a grant": a second noun phrase straight after the first (not "last month").
                if (j < chunks.Count && chunks[j].Kind == ChunkKind.Noun && objects.Count == 1 && !classes.IsTime(s, s.Nouns[chunks[j].Phrase]))
                {
                    second = s.Nouns[chunks[j].Phrase];
                    end = chunks[j].End;
                    j = SkipAdverbsRight(s, j + 1);
                }

                continue;
            }

            // "gave to Armenia some of the equipment": a heavy object shifted after a prepositional phrase.
            if (at.Kind == ChunkKind.Noun && objects.Count == 0 && preps.Count > 0 && !onlyTime && !verb.Copula && verb.Voice == Voice.Active
                && !classes.IsTime(s, s.Nouns[at.Phrase]) && s.Words[s.Nouns[at.Phrase].Head].Tag != PennTag.PRP)
            {
                var (group, last) = NounGroupStartingAt(s, j);
                int after = SkipAdverbsRight(s, last + 1);
                if (!(after < chunks.Count && chunks[after].Kind == ChunkKind.Verb))
                {
                    objects = group;
                    end = chunks[last].End;
                    j = after;
                    continue;
                }
            }

            // "remains steadfast in support of X": a predicate adjective, then the verb's phrases go on.
            if (at.Kind == ChunkKind.Other && s.Words[at.Start].Tag.IsAdjective() && j + 1 < chunks.Count && chunks[j + 1].Kind == ChunkKind.Preposition)
            {
                j++;
                continue;
            }

            if (at.Kind == ChunkKind.Preposition && j + 1 < chunks.Count && chunks[j + 1].Kind == ChunkKind.Noun)
            {
                var (group, last) = NounGroupStartingAt(s, j + 1);
                string prep = s.Text(at.Start, at.End).ToLowerInvariant();
                preps.Add(new PrepositionalObject(prep, at.Start, group));
                onlyTime &= AllTime(s, group);
                end = chunks[last].End;
                j = SkipAdverbsRight(s, last + 1);
                continue;
            }

            break;
        }

        return (objects, second, preps, end);
    }

    // ---- Noun phrase groups ----------------------------------------------------------------------------------

    /// <summary>"Syrians, Iraqis and Afghans" starting at chunk j: the phrases and the chunk of the last one.</summary>
    private static (IReadOnlyList<NounPhrase>, int) NounGroupStartingAt(ChunkedSentence s, int j)
    {
        var chunks = s.Chunks;
        var group = new List<NounPhrase> { s.Nouns[chunks[j].Phrase] };
        int last = j;
        var pending = new List<(NounPhrase, int)>();
        int k = j + 1;
        while (k + 1 < chunks.Count)
        {
            var sep = chunks[k];
            bool coordinator = sep.Kind == ChunkKind.Coordinator && s.Tokens[sep.Start].Lower is "and" or "or";
            bool comma = sep.Kind == ChunkKind.Comma;
            int next = k + 1;
            if (comma && next + 1 < chunks.Count && chunks[next].Kind == ChunkKind.Coordinator && s.Tokens[chunks[next].Start].Lower is "and" or "or")
            {
                coordinator = true;
                next++;
            }

            if (!(coordinator || comma) || next >= chunks.Count || chunks[next].Kind != ChunkKind.Noun)
            {
                break;
            }

            // "… a base and the army killed": a phrase followed by a finite verb starts a clause of its own.
            int after = next + 1;
            if (after < chunks.Count && chunks[after].Kind == ChunkKind.Verb && s.Verbs[chunks[after].Phrase].Form == VerbForm.Finite)
            {
                break;
            }

            pending.Add((s.Nouns[chunks[next].Phrase], next));
            if (coordinator)
            {
                group.AddRange(pending.Select(p => p.Item1));
                last = pending[^1].Item2;
                pending.Clear();
                break;
            }

            k = next + 1;
        }

        // Commas without a closing "and" are appositions or separate phrases, not a list.
        return (group, last);
    }

    /// <summary>A group ending at chunk k, read leftwards: the phrases in order and the chunk of the first one.</summary>
    private static (IReadOnlyList<NounPhrase> Nouns, int First) NounGroupEndingAt(ChunkedSentence s, int k)
    {
        var chunks = s.Chunks;
        var group = new List<NounPhrase> { s.Nouns[chunks[k].Phrase] };
        int first = k;
        bool coordinated = false;
        while (first >= 2)
        {
            var sep = chunks[first - 1];
            bool coordinator = sep.Kind == ChunkKind.Coordinator && s.Tokens[sep.Start].Lower is "and" or "or";
            bool comma = sep.Kind == ChunkKind.Comma && coordinated;
            if (!(coordinator || comma) || chunks[first - 2].Kind != ChunkKind.Noun)
            {
                // "Jens Stoltenberg, NATO's chief, said": an apposition between commas stands for the name before it; a year
                // between commas is the end of a date ("On June 3, 2015, France returned"), no apposition.
                if (sep.Kind == ChunkKind.Comma && !coordinated && group.Count == 1 && first >= 3 && chunks[first - 2].Kind == ChunkKind.Noun
                    && chunks[first - 3].Kind == ChunkKind.Comma && first >= 4 && chunks[first - 4].Kind == ChunkKind.Noun
                    && (first - 5 < 0 || chunks[first - 5].Kind != ChunkKind.Preposition)
                    && s.Words[s.Nouns[chunks[first - 2].Phrase].Head].Tag != PennTag.CD)
                {
                    group[0] = s.Nouns[chunks[first - 4].Phrase];
                    first -= 4;
                    continue;
                }

                break;
            }

            coordinated |= coordinator;
            int item = first - 2;

            // "The Afghan government, a number of political parties and the Taliban": an item may carry an "of" phrase.
            if (item >= 2 && chunks[item - 1].Kind == ChunkKind.Preposition && s.Tokens[chunks[item - 1].Start].Lower == "of" && chunks[item - 2].Kind == ChunkKind.Noun
                && (item - 3 < 0 || chunks[item - 3].Kind is ChunkKind.Comma or ChunkKind.Coordinator || item - 2 == 0))
            {
                item -= 2;
            }

            group.Insert(0, s.Nouns[chunks[item].Phrase]);
            first = item;
            if (first >= 1 && chunks[first - 1].Kind == ChunkKind.Comma && coordinator && first >= 2 && chunks[first - 2].Kind == ChunkKind.Noun)
            {
                continue;
            }
        }

        return (group, first);
    }

    private static int SkipAdverbsLeft(ChunkedSentence s, int k)
    {
        while (k >= 0 && s.Chunks[k].Kind == ChunkKind.Other && s.Words[s.Chunks[k].Start].Tag.IsAdverb())
        {
            k--;
        }

        return k;
    }

    private static int SkipAdverbsRight(ChunkedSentence s, int j)
    {
        while (j < s.Chunks.Count && s.Chunks[j].Kind == ChunkKind.Other && s.Words[s.Chunks[j].Start].Tag.IsAdverb())
        {
            j++;
        }

        return j;
    }

    // ---- Reporting frame -------------------------------------------------------------------------------------

    private Frame? FrameOf(ChunkedSentence s, List<Predication> found)
    {
        var chunks = s.Chunks;

        // "according to X".
        for (int c = 0; c + 1 < chunks.Count; c++)
        {
            if (chunks[c].Kind == ChunkKind.Preposition && s.Text(chunks[c].Start, chunks[c].End).Equals("according to", StringComparison.OrdinalIgnoreCase)
                && chunks[c + 1].Kind == ChunkKind.Noun)
            {
                return new Frame(-1, NounGroupStartingAt(s, c + 1).Item1);
            }
        }

        for (int i = 0; i < found.Count; i++)
        {
            var p = found[i];
            var verb = s.Verbs[p.Verb];
            if (!classes.IsReporting(verb.Lemma) || verb.Form != VerbForm.Finite || p.Kind is ClauseKind.Relative)
            {
                continue;
            }

            // "X said (that) …": predications governed by the verb are its content.
            if (found.Skip(i + 1).Any(x => x.Governor == i && x.Kind == ClauseKind.Complement) && p.Subjects.Count > 0)
            {
                return new Frame(i, p.Subjects);
            }

            // "…, officials said." / "…, said Dmitry Peskov.": the report closes the sentence.
            if (i > 0 && p.Objects.Count == 0 && NothingButTimeAfter(s, p))
            {
                var speakers = p.Subjects.Count > 0 ? p.Subjects : NameAfter(s, p);
                if (speakers.Count > 0)
                {
                    return new Frame(i, speakers);
                }
            }
        }

        return null;
    }

    private bool NothingButTimeAfter(ChunkedSentence s, Predication p)
    {
        int c = s.ChunkAt(s.Verbs[p.Verb].End - 1) + 1;
        for (; c < s.Chunks.Count; c++)
        {
            var k = s.Chunks[c];
            if (k.Kind is ChunkKind.Boundary or ChunkKind.Quote || (k.Kind == ChunkKind.Noun && (classes.IsTime(s, s.Nouns[k.Phrase]) || p.Subjects.Count == 0))
                || k.Kind == ChunkKind.Preposition || (k.Kind == ChunkKind.Other && s.Words[k.Start].Tag.IsAdverb()))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    private static IReadOnlyList<NounPhrase> NameAfter(ChunkedSentence s, Predication p)
    {
        int c = s.ChunkAt(s.Verbs[p.Verb].End - 1) + 1;
        return c < s.Chunks.Count && s.Chunks[c].Kind == ChunkKind.Noun ? [s.Nouns[s.Chunks[c].Phrase]] : [];
    }
}
