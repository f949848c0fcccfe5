using Graph.Extraction.Clauses;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Chunks;

/// <summary>
/// Cuts a tagged sentence into noun phrases, verb groups and single function words, left to right, from word classes
/// and the closed classes: a shallow parse, linear in the sentence's length.
/// </summary>
internal sealed class Chunker(ClosedClass closed, EnglishWords english, IReadOnlySet<string> phrasalVerbs, VerbClasses classes)
{
    public ChunkedSentence Chunk(Sentence sentence, Word[] words) => new Run(closed, english, phrasalVerbs, classes, sentence.Tokens).Chunk(sentence, words);

    /// <summary>The chunking of one sentence, with its tokens at hand for the closed-class phrase tables.</summary>
    private sealed class Run(ClosedClass closed, EnglishWords english, IReadOnlySet<string> phrasalVerbs, VerbClasses classes, IReadOnlyList<Token> sentenceTokens)
    {
        public ChunkedSentence Chunk(Sentence sentence, Word[] words)
        {
            var chunks = new List<Chunk>(words.Length);
            var nouns = new List<NounPhrase>(words.Length / 2);
            var verbs = new List<VerbGroup>(words.Length / 4);
            int n = words.Length;
            int i = 0;
            while (i < n)
            {
                if (VerbGroupAt(words, i) is { } vg)
                {
                    chunks.Add(new Chunk(ChunkKind.Verb, vg.Start, vg.End, verbs.Count));
                    verbs.Add(vg);
                    i = vg.End;
                    continue;
                }

                if (NounPhraseAt(words, i) is { } np)
                {
                    chunks.Add(new Chunk(ChunkKind.Noun, np.Start, np.End, nouns.Count));
                    nouns.Add(np);
                    i = np.End;
                    continue;
                }

                var (kind, length) = FunctionWord(sentence.Tokens, words, i);
                chunks.Add(new Chunk(kind, i, i + length, -1));
                i += length;
            }

            Inversion(words, chunks, verbs);
            Parentheticals(words, chunks, nouns);
            AdverbsBeforePrepositions(words, chunks, verbs);
            MainParticiples(words, chunks, verbs);
            return new ChunkedSentence(sentence, words, chunks, nouns, verbs);
        }

        // "the Lebanese Armed Forces (LAF) with aircraft": a name in brackets after a noun phrase belongs to it, so the
        // clause runs on past it.
        private static void Parentheticals(Word[] words, List<Chunk> chunks, List<NounPhrase> nouns)
        {
            for (int c = 0; c + 3 < chunks.Count; c++)
            {
                if (chunks[c].Kind == ChunkKind.Noun && chunks[c + 1].Kind == ChunkKind.Boundary && words[chunks[c + 1].Start].Text == "("
                    && chunks[c + 2].Kind == ChunkKind.Noun && chunks[c + 3].Kind == ChunkKind.Boundary && words[chunks[c + 3].Start].Text == ")")
                {
                    int end = chunks[c + 3].End;
                    nouns[chunks[c].Phrase] = nouns[chunks[c].Phrase] with { End = end };
                    chunks[c] = chunks[c] with { End = end };
                    chunks.RemoveRange(c + 1, 3);
                }
            }
        }

        // "called repeatedly on Iran to", "is pushing hard for sanctions": an adverb between a verb and its preposition
        // belongs to the verb group, so that the verb and the preposition stand together ("call on", "push for").
        private void AdverbsBeforePrepositions(Word[] words, List<Chunk> chunks, List<VerbGroup> verbs)
        {
            for (int c = 0; c + 2 < chunks.Count; c++)
            {
                if (chunks[c].Kind == ChunkKind.Verb && chunks[c + 1].Kind == ChunkKind.Other && chunks[c + 1].End - chunks[c + 1].Start == 1
                    && chunks[c + 2].Kind == ChunkKind.Preposition && words[chunks[c + 1].Start] is var adverb
                    && (adverb.Tag == PennTag.RB || (adverb.Tag == PennTag.JJ && english.IsLemma(WordNetPos.Adverb, adverb.Lower))))
                {
                    verbs[chunks[c].Phrase] = verbs[chunks[c].Phrase] with { End = chunks[c + 1].End };
                    chunks[c] = chunks[c] with { End = chunks[c + 1].End };
                    chunks.RemoveAt(c + 1);
                }
            }
        }

        // "Will Russia hit back?": a question opening with a lone modal before its subject gives the modal to the verb after
        // the subject, so the clause reads as "Russia will hit back".
        private static void Inversion(Word[] words, List<Chunk> chunks, List<VerbGroup> verbs)
        {
            if (chunks.Count < 3 || chunks[0].Kind != ChunkKind.Verb || chunks[1].Kind != ChunkKind.Noun || chunks[2].Kind != ChunkKind.Verb)
            {
                return;
            }

            var modal = verbs[chunks[0].Phrase];
            var verb = verbs[chunks[2].Phrase];
            if (modal.End - modal.Start != 1 || words[modal.Head].Tag != PennTag.MD || verb.Modal is not null)
            {
                return;
            }

            chunks[0] = chunks[0] with { Kind = ChunkKind.Other, Phrase = -1 };
            verbs[chunks[2].Phrase] = verb with { Form = VerbForm.Finite, Modal = modal.Modal };
        }

        // "Ethiopian troops clashed with Eritrean soldiers": a past form the tagger took for a participle is the main verb
        // when a noun phrase opens the sentence before it, no finite verb stands before it, and no "by" follows.
        private void MainParticiples(Word[] words, List<Chunk> chunks, List<VerbGroup> verbs)
        {
            bool finiteBefore = false;
            for (int c = 1; c < chunks.Count; c++)
            {
                if (chunks[c].Kind is ChunkKind.Relative or ChunkKind.Subordinator or ChunkKind.Boundary)
                {
                    finiteBefore = false;
                }

                if (chunks[c].Kind != ChunkKind.Verb)
                {
                    continue;
                }

                var v = verbs[chunks[c].Phrase];
                if (v.Form == VerbForm.Finite && ((finiteBefore && ReducedRelative(words, chunks, v, c)) || InApposition(words, chunks, verbs, v, c)))
                {
                    verbs[chunks[c].Phrase] = v with { Voice = Voice.Passive, Form = VerbForm.Participle };
                    continue;
                }

                if (v.Form == VerbForm.Finite)
                {
                    finiteBefore = true;
                    continue;
                }

                // "welcomed the report and called on the Kremlin": after "and", a past form shares the clause's subject.
                if (finiteBefore && v.Form == VerbForm.Participle && chunks[c - 1].Kind == ChunkKind.Coordinator
                    && !AgentFollows(words, v) && words[v.Head].Tag is PennTag.VBN or PennTag.VBD && CanBePast(words[v.Head]))
                {
                    verbs[chunks[c].Phrase] = v with { Voice = Voice.Active, Form = VerbForm.Finite };
                    continue;
                }

                // "officials said rebels fired on the town": a noun and a past form right after a reporting verb are the clause
                // it reports, not its object and a participle.
                if (finiteBefore && v.Form == VerbForm.Participle && v.End - v.Start == 1 && c >= 2 && chunks[c - 1].Kind == ChunkKind.Noun
                    && chunks[c - 2].Kind == ChunkKind.Verb && verbs[chunks[c - 2].Phrase] is { Form: VerbForm.Finite } said && classes.IsReporting(said.Lemma)
                    && !AgentFollows(words, v) && Allows(words[v.Head], PennTag.VBD))
                {
                    verbs[chunks[c].Phrase] = v with { Voice = Voice.Active, Form = VerbForm.Finite };
                    continue;
                }

                if (finiteBefore)
                {
                    continue;
                }

                if (v.Form != VerbForm.Participle || AgentFollows(words, v) || InApposition(words, chunks, verbs, v, c))
                {
                    continue;
                }

                // "Mevlut Cavusoglu, Turkey's foreign minister, accused …": past an apposition to the subject.
                int subject = c - 1;
                if (chunks[subject].Kind == ChunkKind.Comma)
                {
                    for (int j = subject - 1; j >= 1; j--)
                    {
                        if (chunks[j].Kind == ChunkKind.Comma)
                        {
                            subject = j - 1;
                            break;
                        }

                        if (chunks[j].Kind is not (ChunkKind.Noun or ChunkKind.Preposition or ChunkKind.Other)
                            && !(chunks[j].Kind == ChunkKind.Verb && verbs[chunks[j].Phrase].Form == VerbForm.Participle))
                        {
                            break;
                        }
                    }
                }

                if (chunks[subject].Kind != ChunkKind.Noun)
                {
                    continue;
                }

                // "The US secretary of state held talks": the subject may be coordinated or carry "of" phrases.
                int first = subject;
                while (first >= 2 && (chunks[first - 1].Kind is ChunkKind.Coordinator or ChunkKind.Comma || chunks[first - 1].Kind == ChunkKind.Preposition)
                    && chunks[first - 2].Kind == ChunkKind.Noun)
                {
                    first -= 2;
                }

                bool opens = first == 0 || (chunks[first - 1].Kind == ChunkKind.Comma && chunks.Take(first - 1).All(k => k.Kind is ChunkKind.Preposition or ChunkKind.Noun or ChunkKind.Other));
                if (opens && !FiniteFollows(chunks, verbs, c) && CanBePast(words[v.Head]))
                {
                    verbs[chunks[c].Phrase] = v with { Voice = Voice.Active, Form = VerbForm.Finite };
                    finiteBefore = true;
                }
            }
        }

        // "opened its borders to West Africans ordered out of Nigeria": after the clause's finite verb, a lone past form
        // that could be a participle, right after the object of a preposition and followed by another, has no subject of
        // its own: it is a reduced relative clause of that noun. (After a direct object it may open a clause: "said rebels
        // fired on the town".)
        private bool ReducedRelative(Word[] words, List<Chunk> chunks, VerbGroup v, int c) =>
            v.End - v.Start == 1 && words[v.Head].Tag == PennTag.VBD && v.Modal is null
            && c >= 2 && chunks[c - 1].Kind == ChunkKind.Noun && chunks[c - 2].Kind == ChunkKind.Preposition
            && c + 1 < chunks.Count && chunks[c + 1].Kind == ChunkKind.Preposition && Allows(words[v.Head], PennTag.VBN);

        // "Members of the association, a body linked to the OAU, investigated": a lone past form that could be a participle,
        // right after the noun opening an apposition, with a preposition after it and a comma a verb follows closing it,
        // belongs to the apposition.
        private bool InApposition(Word[] words, List<Chunk> chunks, List<VerbGroup> verbs, VerbGroup v, int c)
        {
            if (v.End - v.Start != 1 || v.Modal is not null || c < 3 || chunks[c - 1].Kind != ChunkKind.Noun
                || chunks[c - 2].Kind != ChunkKind.Comma || chunks[c - 3].Kind != ChunkKind.Noun || c + 1 >= chunks.Count || chunks[c + 1].Kind != ChunkKind.Preposition
                || !(words[v.Head].Tag == PennTag.VBN || (words[v.Head].Tag == PennTag.VBD && Allows(words[v.Head], PennTag.VBN))))
            {
                return false;
            }

            for (int j = c + 1; j + 1 < chunks.Count; j++)
            {
                if (chunks[j].Kind == ChunkKind.Comma)
                {
                    return chunks[j + 1].Kind == ChunkKind.Verb && verbs[chunks[j + 1].Phrase].Form is VerbForm.Finite or VerbForm.Participle;
                }

                if (chunks[j].Kind is not (ChunkKind.Noun or ChunkKind.Preposition or ChunkKind.Other))
                {
                    return false;
                }
            }

            return false;
        }

        // "killed" may be a past tense, "taken" only a participle ("the journalist taken hostage by IS"): an irregular form
        // the lexicon knows, and not as a past tense, is never one.
        private bool CanBePast(Word w) => english.IrregularVerb(w.Lower) is null || english.TagsOf(w.Lower) is null || Allows(w, PennTag.VBD);

        // "killed by the bombing": a "by" right after the verb names the agent of a passive participle.
        private static bool AgentFollows(Word[] words, VerbGroup v) => v.End < words.Length && words[v.End].Lower == "by";

        // The lexicon lists the word with this tag.
        private bool Allows(Word w, PennTag tag) => english.TagsOf(w.Lower) is { } tags && Array.IndexOf(tags, tag) >= 0;

        // "Two diplomats killed in Geneva were buried": a finite verb later in the same clause makes the participle a
        // reduced relative clause of the noun before it.
        private static bool FiniteFollows(List<Chunk> chunks, List<VerbGroup> verbs, int c)
        {
            for (int j = c + 1; j < chunks.Count; j++)
            {
                var kind = chunks[j].Kind;
                if (kind is ChunkKind.Coordinator or ChunkKind.Comma or ChunkKind.Boundary or ChunkKind.Relative or ChunkKind.Subordinator or ChunkKind.Quote)
                {
                    return false;
                }

                if (kind == ChunkKind.Verb && verbs[chunks[j].Phrase].Form == VerbForm.Finite)
                {
                    return true;
                }
            }

            return false;
        }

        // ---- Function words and marks ----------------------------------------------------------------------------

        private (ChunkKind Kind, int Length) FunctionWord(IReadOnlyList<Token> list, Word[] words, int i)
        {
            var w = words[i];
            string lower = w.Lower;
            switch (w.Tag)
            {
                case PennTag.Comma:
                    return (ChunkKind.Comma, 1);
                case PennTag.Stop or PennTag.Colon or PennTag.LeftParen or PennTag.RightParen:
                    return (ChunkKind.Boundary, 1);
                case PennTag.Quote:
                    return (ChunkKind.Quote, 1);
                case PennTag.CC:
                    return (ChunkKind.Coordinator, 1);
                case PennTag.WDT or PennTag.WP or PennTag.WPS:
                    return (ChunkKind.Relative, 1);
                case PennTag.WRB when closed.Is(lower, Role.Subordinator) || closed.Is(lower, Role.Relative):
                    return (ChunkKind.Subordinator, 1);
            }

            int sub = closed.Match(list, i, Role.Subordinator | Role.Complementizer);
            int prep = closed.Match(list, i, Role.Preposition);

            // "once again", "as well": a subordinator that can be an adverb or preposition opens a clause only when one follows.
            if (sub > 0 && (prep == 0 && !w.Tag.IsAdverb() || ClauseFollows(words, i + sub)))
            {
                return (ChunkKind.Subordinator, sub);
            }

            if (prep > 0 || w.Tag is PennTag.IN or PennTag.TO)
            {
                return (ChunkKind.Preposition, Math.Max(prep, 1));
            }

            if (closed.Is(lower, Role.Coordinator) && closed.Match(list, i, Role.Coordinator) is var coordination and > 0)
            {
                return (ChunkKind.Coordinator, coordination);
            }

            return (ChunkKind.Other, 1);
        }

        // "as the extremists appeared", "after Russia vetoed": a noun phrase and a finite verb follow a subordinator.
        private bool ClauseFollows(Word[] words, int at)
        {
            if (at >= words.Length)
            {
                return false;
            }

            if (words[at].Tag.IsFinite() || words[at].Tag == PennTag.MD)
            {
                return false;
            }

            var np = NounPhraseAt(words, at);
            int next = np?.End ?? -1;
            while (next >= 0 && next < words.Length && words[next].Tag.IsAdverb())
            {
                next++;
            }

            return next >= 0 && next < words.Length && (words[next].Tag.IsFinite() || words[next].Tag == PennTag.MD || closed.AuxiliaryOf(words[next].Lower) is not null);
        }

        private int QuantifierAt(Word[] words, int i)
        {
            if (!closed.Is(words[i].Lower, Role.Quantifier) && closed.RolesOf(words[i].Lower) == Role.None && words[i].Tag != PennTag.IN && words[i].Tag != PennTag.JJR && words[i].Tag != PennTag.RB)
            {
                return 0;
            }

            return closed.Match(sentenceTokens, i, Role.Quantifier);
        }

        // ---- Verb groups -----------------------------------------------------------------------------------------

        private VerbGroup? VerbGroupAt(Word[] words, int i)
        {
            int n = words.Length;
            int k = i;
            bool infinitive = false;

            // Adverbs join the verb they stand before: "also said", "very generously opened".
            while (k < n && (words[k].Tag.IsAdverb() || closed.Is(words[k].Lower, Role.Negator)) && !(words[k].Token.IsCapitalised && k > 0))
            {
                k++;
            }

            if (k < n && words[k].Tag == PennTag.TO)
            {
                int v = k + 1;
                while (v < n && words[v].Tag.IsAdverb())
                {
                    v++;
                }

                if (v < n && words[v].Tag is PennTag.VB or PennTag.VBP && !words[v].Token.IsCapitalised)
                {
                    infinitive = true;
                    k = v; // "to partially lift", "to not attack": the adverbs belong to the group
                }
                else
                {
                    return null;
                }
            }

            if (k >= n || !(words[k].Tag.IsVerb() || words[k].Tag == PennTag.MD))
            {
                return null;
            }

            // "returned stolen antiquities": a participle right after a main verb and before a noun modifies the noun.
            if (k == i && words[k].Tag == PennTag.VBN && i > 0 && IsMainVerb(words[i - 1]) && i + 1 < n && (words[i + 1].Tag.IsNoun() || words[i + 1].Tag.IsAdjective()))
            {
                return null;
            }

            // A capitalised verb-looking word inside a sentence is a name ("Ahmed Said"), unless it starts the sentence.
            if (words[k].Token.IsCapitalised && k > 0 && !words[k - 1].Token.IsQuote && words[k - 1].Tag != PennTag.Colon)
            {
                return null;
            }

            string? modal = null;
            bool negated = false, perfect = false, passiveAux = false, progressiveAux = false;

            // "never recognised", "not only": a negator among the adverbs before the verb.
            for (int j = i; j < k; j++)
            {
                negated |= closed.Is(words[j].Lower, Role.Negator) && !(j + 1 < n && words[j + 1].Lower == "only");
            }

            int head = -1;
            int lastAux = -1;
            int end = k;
            for (int j = k; j < n; j++)
            {
                var w = words[j];
                string lower = w.Lower;
                if (w.Tag == PennTag.MD && head < 0 && lastAux < 0)
                {
                    modal = lower;
                    end = j + 1;
                    continue;
                }

                if (closed.Is(lower, Role.Negator) || (lower == "no" && j + 1 < n && words[j + 1].Lower == "longer"))
                {
                    negated = true;
                    end = j + 1;
                    j += lower == "no" ? 1 : 0;
                    end = j + 1;
                    continue;
                }

                if (head < 0 && j > k && (w.Tag.IsAdverb() || (lastAux >= 0 && NextVerb(words, j) > j)))
                {
                    end = j + 1;
                    continue;
                }

                if (!w.Tag.IsVerb())
                {
                    break;
                }

                // An auxiliary followed (past adverbs) by another verb: remember what it says, go on to the main verb.
                if (closed.AuxiliaryOf(lower) is { } aux && NextVerb(words, j + 1) is var next && next > 0)
                {
                    perfect |= aux == "have";
                    passiveAux = aux is "be" or "get";
                    progressiveAux = aux == "be";
                    lastAux = j;
                    end = j + 1;
                    continue;
                }

                head = j;
                end = j + 1;
                break;
            }

            if (head < 0)
            {
                // A group of auxiliaries only: the copula ("is in talks") or an elliptical "did".
                head = lastAux >= 0 ? lastAux : (modal is not null ? end - 1 : -1);
                if (head < 0 || !words[head].Tag.IsVerb() && words[head].Tag != PennTag.MD)
                {
                    return null;
                }

                bool copula = closed.AuxiliaryOf(words[head].Lower) == "be";
                return new VerbGroup(i, end, head, words[head].Lemma, Voice.Active, infinitive ? VerbForm.Infinitive : VerbForm.Finite)
                {
                    Negated = negated, Modal = modal, Perfect = perfect, Copula = copula,
                };
            }

            var tag = words[head].Tag;
            bool passive = lastAux >= 0 && passiveAux && tag is PennTag.VBN or PennTag.VBD && closed.AuxiliaryOf(words[lastAux].Lower) is "be" or "get";
            var form = infinitive ? VerbForm.Infinitive
                : modal is not null || lastAux >= 0 ? VerbForm.Finite
                : tag == PennTag.VBG ? VerbForm.Gerund
                : tag == PennTag.VBN ? VerbForm.Participle
                : tag == PennTag.VB ? VerbForm.Bare
                : VerbForm.Finite;

            // "the missiles fired by the Israeli military": a past form followed by "by" with no auxiliary is a passive participle.
            if (lastAux < 0 && modal is null && !infinitive && tag is PennTag.VBD or PennTag.VBN && head + 1 < n && words[head + 1].Lower == "by")
            {
                form = VerbForm.Participle;
                passive = true;
            }
            else if (form == VerbForm.Participle && !infinitive)
            {
                passive = true;
            }

            // A progressive "is attacking" is active; "was attacked" passive.
            if (progressiveAux && tag == PennTag.VBG)
            {
                passive = false;
            }

            string lemma = words[head].Lemma;
            int particle = -1;
            if (head + 1 < n && (words[head + 1].Tag == PennTag.RP || closed.Is(words[head + 1].Lower, Role.Particle) || LooseParticle(words, head + 1))
                && IsPhrasal(lemma + " " + words[head + 1].Lower))
            {
                particle = head + 1;
                lemma = lemma + " " + words[head + 1].Lower;
                end = head + 2;
            }

            return new VerbGroup(i, end, head, lemma, passive ? Voice.Passive : Voice.Active, form)
            {
                Negated = negated, Modal = modal, Perfect = perfect, Particle = particle,
                Copula = particle < 0 && closed.AuxiliaryOf(words[head].Lower) == "be",
            };
        }

        // "returned [stolen antiquities]": a verb that is not an auxiliary, so a participle after it modifies a noun.
        // "gave in to the protesters", not "fought in Syria": a preposition ends the verb only where no noun phrase follows.
        private bool LooseParticle(Word[] words, int at) =>
            closed.Is(words[at].Lower, Role.LooseParticle)
            && (at + 1 >= words.Length || words[at + 1].Tag is PennTag.IN or PennTag.TO or PennTag.CC || words[at + 1].Tag.IsPunctuation());

        private bool IsPhrasal(string lemma) => phrasalVerbs.Contains(lemma) || english.IsLemma(WordNetPos.Verb, lemma);

        private bool IsMainVerb(Word w) => w.Tag.IsVerb() && closed.AuxiliaryOf(w.Lower) is null;

        // The next verb after auxiliaries and adverbs, or -1: "has [not] [yet] attacked", "has once again outright rejected".
        private int NextVerb(Word[] words, int from)
        {
            for (int j = from; j < words.Length && j < from + 5; j++)
            {
                if (words[j].Tag.IsVerb())
                {
                    return j;
                }

                bool adverb = words[j].Tag.IsAdverb() || closed.Is(words[j].Lower, Role.Negator)
                    || (words[j].Tag.IsAdjective() && english.TagsOf(words[j].Lower) is { } tags && tags.Contains(PennTag.RB) && !words[j].Token.IsCapitalised);
                if (!adverb)
                {
                    return -1;
                }
            }

            return -1;
        }

        // ---- Noun phrases ----------------------------------------------------------------------------------------

        private NounPhrase? NounPhraseAt(Word[] words, int i)
        {
            // "at least 17 soldiers", "more than 500 civilians": a quantifier before a number belongs to the phrase. One that
            // is also a preposition ("over", "about") quantifies only after a verb or preposition ("killed over 20 people").
            // A sum counts as a number: "more than $300 million in aid", "with up to $50 million".
            if (QuantifierAt(words, i) is var q and > 0 && i + q < words.Length && words[i + q].Tag is PennTag.CD or PennTag.Dollar
                && (!closed.Is(words[i].Lower, Role.Preposition) || i == 0 || words[i - 1].Tag.IsVerb() || words[i - 1].Tag is PennTag.IN or PennTag.TO)
                && NounPhraseAt(words, i + q) is { } counted)
            {
                return counted with { Start = i, OwnStart = i };
            }

            var np = SimpleNounPhrase(words, i);
            if (np is null)
            {
                return null;
            }

            // "Russia's foreign ministry", "the Gaza Strip's eastern border": the possessed phrase contains its possessor.
            while (np.End < words.Length && words[np.End].Tag == PennTag.POS && SimpleNounPhrase(words, np.End + 1, possessed: true) is { } owned)
            {
                np = owned with { Start = np.Start, Possessor = np };
            }

            return np;
        }

        private NounPhrase? SimpleNounPhrase(Word[] words, int i, bool possessed = false)
        {
            int n = words.Length;
            if (i >= n)
            {
                return null;
            }

            int k = i;
            int determiner = -1;
            var first = words[k];
            if (first.Tag is PennTag.PRP or PennTag.EX)
            {
                return new NounPhrase(i, i + 1, i, null);
            }

            if (first.Tag == PennTag.PDT)
            {
                k++;
            }

            if (k < n && (words[k].Tag is PennTag.DT or PennTag.PRPS or PennTag.WPS || (words[k].Tag == PennTag.Dollar)))
            {
                determiner = words[k].Tag == PennTag.Dollar ? -1 : k;
                k++;
            }

            int head = -1;
            int end = k;
            int lastAdjective = -1;
            for (int j = k; j < n; j++)
            {
                var w = words[j];

                // "Mr. Sisi", "Gen. Votel": an abbreviated title keeps its full stop inside the name.
                if (w.Tag == PennTag.Stop && j > k && !w.Token.SpaceBefore && words[j - 1].Token.IsCapitalised && words[j - 1].Text.Length <= 4
                    && j + 1 < n && words[j + 1].Token.IsCapitalised && words[j + 1].Tag.IsNoun())
                {
                    continue;
                }

                bool glued = j + 1 < n && !words[j + 1].Token.SpaceBefore && words[j + 1].Text == "-" && j + 2 < n && !words[j + 2].Token.SpaceBefore;
                if (glued)
                {
                    // "US-backed", "Saudi-led", "Kenya-Somali", "al-Assad": a hyphenated compound is one modifier (or a name).
                    j += 2;
                    while (j + 2 < n && words[j + 1].Text == "-" && !words[j + 1].Token.SpaceBefore && !words[j + 2].Token.SpaceBefore)
                    {
                        j += 2;
                    }

                    head = words[j].Tag.IsNoun() || words[j].Tag == PennTag.CD || words[j].Token.IsCapitalised ? j : head;
                    end = j + 1;
                    continue;
                }

                // "summoned France's ambassador Monday": a day or month after a noun is a time phrase of its own.
                if (head >= 0 && w.Tag.IsProperNoun() && closed.Is(w.Lower, Role.Time))
                {
                    break;
                }

                // "gave Kenya two million dollars": a number after a name starts another phrase.
                if (w.Tag == PennTag.CD && head >= 0 && words[head].Tag.IsProperNoun())
                {
                    break;
                }

                if (w.Tag.IsNoun() || w.Tag == PennTag.CD)
                {
                    head = j;
                    end = j + 1;
                    continue;
                }

                // "refugees last month", "the army this week": a time phrase is not part of the noun before it.
                if (head >= 0 && closed.Is(w.Lower, Role.TimeModifier) && j + 1 < n && closed.Is(words[j + 1].Lemma, Role.Time))
                {
                    break;
                }

                // "35 more civilians", "two more soldiers": a comparative after a number counts on.
                if (w.Tag is PennTag.RBR or PennTag.JJR && head >= 0 && head == j - 1 && words[head].Tag == PennTag.CD && j + 1 < n
                    && (words[j + 1].Tag.IsNoun() || words[j + 1].Tag.IsAdjective()))
                {
                    end = j + 1;
                    continue;
                }

                // "a stern and personal warning": coordinated adjectives before the noun.
                if (w.Tag == PennTag.CC && lastAdjective == j - 1 && head < 0 && j + 1 < n && words[j + 1].Tag.IsAdjective())
                {
                    end = j + 1;
                    continue;
                }

                if (w.Tag.IsAdjective() || w.Tag == PennTag.FW)
                {
                    lastAdjective = j;
                    end = j + 1;
                    continue;
                }

                // "displaced people", "fleeing civilians", "the proposed deal": a participle before a noun modifies it, but
                // not right after a noun ("Russia backed rebels"), where it is the verb.
                if (w.Tag is PennTag.VBN or PennTag.VBG or PennTag.VBD && j + 1 < n && (words[j + 1].Tag.IsNoun() || words[j + 1].Tag.IsAdjective())
                    && (j == k ? determiner >= 0 || possessed || (j > 0 && (words[j - 1].Tag is PennTag.IN or PennTag.CD or PennTag.TO || IsMainVerb(words[j - 1]))) : !words[j - 1].Tag.IsNoun()))
                {
                    end = j + 1;
                    continue;
                }

                // "Ministry of Defence" stays with its name only through the mention stage; here "of" ends the phrase.
                break;
            }

            // "the Israeli military struck": an adjective that can be a noun heads a phrase that has no other noun.
            if (head < 0 && lastAdjective >= 0 && lastAdjective == end - 1 && (determiner >= 0 || lastAdjective > k)
                && english.TagsOf(words[lastAdjective].Lower) is { } tags && tags.Any(t => t is PennTag.NN or PennTag.NNS))
            {
                head = lastAdjective;
            }

            if (head < 0)
            {
                // "that", "this", "all", "some" standing alone.
                if (determiner >= 0 && end == determiner + 1 && words[determiner].Tag == PennTag.DT && !(determiner + 1 < n && (words[determiner + 1].Tag.IsNoun() || words[determiner + 1].Tag.IsAdjective())))
                {
                    return new NounPhrase(i, determiner + 1, determiner, null) { Determiner = determiner };
                }

                return null;
            }

            // "an ugly crime Serbia's suppression": before a possessive, a name after a common noun starts a phrase of its own.
            if (head + 1 < n && words[head + 1].Tag == PennTag.POS && words[head].Tag.IsProperNoun())
            {
                int name = head;
                while (name > k && words[name - 1].Tag.IsProperNoun())
                {
                    name--;
                }

                int common = name - 1;
                if (common >= k && words[common].Tag is PennTag.NN or PennTag.NNS)
                {
                    return new NounPhrase(i, name, common, null) { Determiner = determiner, OwnStart = i };
                }
            }

            // Trailing adjectives after the head belong to the next phrase or none ("the army last week").
            end = head + 1;
            return new NounPhrase(i, end, head, null) { Determiner = determiner, OwnStart = i };
        }
    }
}
