using Graph.Core.Domain;
using Graph.Extraction.Text;

namespace Graph.Extraction.Analysis;

internal sealed partial class ArticleAnalysis
{
    private static readonly HashSet<string> BeForms = new(StringComparer.Ordinal)
    {
        "was", "were", "been", "being", "is", "are", "be", "get", "got", "gets", "'s",
    };

    // Verbs whose object does what the infinitive after it says: "urged Y to", "asked Y to", "pressed Y to".
    private static readonly HashSet<string> ControlVerbs = new(StringComparer.Ordinal)
    {
        "urge", "urged", "urges", "urging", "ask", "asked", "asks", "asking", "press", "pressed", "presses", "pressing",
        "encourage", "encouraged", "encourages", "encouraging", "persuade", "persuaded", "persuades", "persuading",
        "tell", "told", "tells", "telling", "forced", "forcing", "invite", "invited", "invites", "inviting",
        "allow", "allowed", "allows", "allowing", "pressure", "pressured", "pressures", "pressuring", "pressurised", "pressurized",
        "implore", "implored", "begged", "beg", "lobby", "lobbied", "lobbying", "called", "calling", "appealed", "appealing", "warned", "warning",
        "advise", "advised", "advising", "instruct", "instructed", "ordered", "ordering", "authorise", "authorised", "authorize", "authorized",
    };

    // Nouns that make a trigger before them a mere modifier: "aid workers", "aid agencies", "relief organisations".
    private static readonly HashSet<string> CompoundHeads = new(StringComparer.Ordinal)
    {
        "worker", "workers", "agency", "agencies", "organisation", "organisations", "organization", "organizations", "charity", "charities",
    };

    private static readonly HashSet<string> NounContext = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "its", "his", "her", "their", "our", "'s", "’s", "vital", "staunch", "limited", "military", "further", "new",
        "continued", "direct", "full", "strong", "bloody", "brutal", "deadly", "fresh", "renewed", "heavy", "massive", "more", "no",
        "any", "of", "for", "tactical", "practical", "diplomatic", "political", "humanitarian", "financial", "economic",
    };

    private string? _lastSpeaker;
    private bool _lastEndedInQuote;

    // The relations kept so far, by what makes one a duplicate: a scan of the list instead made extraction quadratic.
    private readonly HashSet<(int Start, string Source, string Target, RelationType Type)> _kept = [];

    /// <summary>Where a sentence's content is, and who says it: "X said (that) …", "“…,” X said", "according to X".</summary>
    private sealed record Frame(int Start, int End, string? Speaker, Mention? SpeakerMention);

    private void FindRelations(Sentence sentence, List<Mention> mentions, List<Relation> relations)
    {
        var tokens = sentence.Tokens;
        var frame = FrameOf(sentence, mentions);
        _lastEndedInQuote = tokens.Count > 0 && tokens[^1].IsQuote || tokens.Count > 1 && tokens[^2].IsQuote;
        if (frame.Speaker is not null)
        {
            _lastSpeaker = frame.Speaker;
        }

        if (mentions.Count(m => m.ActorId is not null) + (frame.Speaker is null ? 0 : 1) < 2 || tokens.Count > 400)
        {
            return;
        }

        // "anti-Iranian", "pro-Assad": an actor inside a compound word is an attitude, not a party.
        var candidates = mentions.Where(m => m.ActorId is not null && !ReferenceEquals(m, frame.SpeakerMention) && !(m.Form == FormKind.Demonym && IsPrivatePerson(tokens, m))
            && !(m.Start > 0 && tokens[m.Start - 1].Text == "-" && !tokens[m.Start].SpaceBefore && MentionAt(mentions, m.Start - 2) is null)).ToList();
        var date = EventDates.Find(tokens, _day);
        int rejectAt = -1;
        for (int k = frame.Start; k < frame.End; k++)
        {
            if (_lex.Rejecting.Contains(tokens[k].Lower))
            {
                rejectAt = k;
                break;
            }
        }

        var covered = Covered(tokens.Count, mentions);
        var found = new List<Relation>();
        int complementAt = -1;
        for (int i = frame.Start; i < frame.End; i++)
        {
            if (i == complementAt)
            {
                continue; // "refused to deploy …", "threatened to shell …": the act was refused or threatened, not done
            }

            bool glued = i > 0 && tokens[i - 1].Text == "-" && !tokens[i].SpaceBefore;
            if (covered[i] || glued || !tokens[i].IsWord || (i > 0 && tokens[i].IsCapitalised && !tokens[i - 1].IsQuote))
            {
                continue;
            }

            var (len, triggers) = _lex.Triggers.Match(tokens, i, frame.End);
            if (len == 0 || triggers is null || (i + len < tokens.Count && tokens[i + len].Text == "-" && !tokens[i + len].SpaceBefore))
            {
                continue;
            }

            if (i + len < tokens.Count && CompoundHeads.Contains(tokens[i + len].Lower))
            {
                // "aid workers", "aid agencies", "support staff": the trigger names a kind of worker or body, not an event.
                i += len;
                continue;
            }

            bool nounFirst = i > 0 && (NounContext.Contains(tokens[i - 1].Lower) || MentionAt(candidates, i - 1) is not null);
            bool nounOnly = i > 0 && ((Prepositions.Contains(tokens[i - 1].Lower) && tokens[i - 1].Lower != "to") || tokens[i - 1].Lower is "the" or "a" or "an" or "its" or "his" or "her" or "their" or "our" or "my" or "your" || tokens[i - 1].IsPossessive
                || Receiving(tokens, i) >= 0);
            var ordered = triggers.Where(t => t.IsNoun || !nounOnly).OrderBy(t => t.IsNoun != nounFirst).ToList();
            if (ordered.FirstOrDefault(t => t.IsNoun) is { } noun && Reversal(tokens, i) is var verb && verb >= 0)
            {
                // "suspended military aid to X" is a sanction, "halted air strikes on X" a de-escalation: the verb reverses the noun.
                var reversed = new Trigger(Plover.Of(noun.Type).Score > 0 ? RelationType.Sanction : RelationType.Retreat, tokens[verb].Lower, true, false, noun.Preps, false);
                Read(sentence, candidates, frame, reversed, verb, i + len, date, found);
                i += len - 1;
                continue;
            }

            foreach (var trigger in ordered)
            {
                if (rejectAt >= 0 && i > rejectAt && Plover.Of(trigger.Type).Score > 0)
                {
                    break; // "rebuffed suggestions that Obama would meet Putin": the rejection is the event, not the meeting
                }

                int before = found.Count;
                Read(sentence, candidates, frame, trigger, i, i + len, date, found);
                if (found.Count > before)
                {
                    if (!trigger.IsNoun && trigger.Type is RelationType.Reject or RelationType.Threaten)
                    {
                        complementAt = InfinitiveAfter(tokens, i + len, frame.End);
                    }
                    else if (!trigger.IsNoun && trigger.Type == RelationType.Request)
                    {
                        complementAt = EventNounAfter(tokens, i + len, frame.End); // "demanded the withdrawal of …" asks for it
                    }

                    i += len - 1;
                    break;
                }
            }
        }

        ReadObligations(sentence, candidates, frame, date, found);
        ReadAttributive(sentence, candidates, frame, date, found);
        ReadFramings(sentence, candidates, frame, date, found);
        foreach (var r in found)
        {
            if (_kept.Add((r.Start, r.Source, r.Target, r.Type)))
            {
                relations.Add(r);
            }
        }
    }

    // "demanded the withdrawal of …", "announced a suspension …": where an event noun object starts, or -1.
    private int EventNounAfter(List<Token> tokens, int from, int end)
    {
        for (int k = from; k < Math.Min(end, from + 3); k++)
        {
            if (_lex.Triggers.Match(tokens, k, end).Values?.Any(t => t.IsNoun) == true && (k == from || NounContext.Contains(tokens[k - 1].Lower)))
            {
                return k;
            }

            if (!tokens[k].IsWord || !NounContext.Contains(tokens[k].Lower))
            {
                break;
            }
        }

        return -1;
    }

    // "Trump's decision to withdraw", "decisions by Trump to pull out": the agent of a noun that governs the infinitive
    // at 'to' is that infinitive's subject.
    private static Mention? NounInfinitiveAgent(List<Token> tokens, List<Mention> candidates, int to)
    {
        int noun = to - 1;
        if (noun < 2 || !tokens[noun].IsWord || tokens[noun].IsCapitalised)
        {
            return null;
        }

        var agent = MentionAt(candidates, noun - 2) is { } owner && owner.End == noun - 1 && tokens[noun - 1].IsPossessive ? owner : null;
        if (agent is null && MentionAt(candidates, noun) is { } by && by.End == to && by.Start >= 1 && tokens[by.Start - 1].Lower == "by")
        {
            agent = by; // "decisions by Donald Trump to pull out"
        }

        return agent is { Kind: not MentionKind.Location } ? agent : null;
    }

    // "urged Turkey to …", "asked Britain, France and Germany to …": the verb whose object is the subject of the infinitive
    // at 'to', within the clause and a dozen words, or -1.
    private static int ControlVerb(List<Token> tokens, Frame frame, int to)
    {
        for (int k = to - 2; k >= Math.Max(frame.Start, to - 12); k--)
        {
            if (ControlVerbs.Contains(tokens[k].Lower) && !tokens[k].IsCapitalised)
            {
                return k; // not "the Associated Press"
            }

            if (tokens[k].Text is ";" or ":" || tokens[k].IsQuote || IsSubordinator(tokens[k]))
            {
                break;
            }
        }

        return -1;
    }

    // "Russia sent aircraft …, as foreign ministers gathered in Brussels to pledge …": a subordinate clause between the
    // main subject and an infinitive has its own subject, whose infinitive it is.
    private static bool ClauseBetween(List<Token> tokens, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            if (tokens[k].Lower is "while" or "when" or "whereas" or "because" or "although" or "though" or "where" || (tokens[k].Lower == "as" && k > 0 && tokens[k - 1].Text == ","))
            {
                return true;
            }
        }

        return false;
    }

    // A one-word demonym, or a run of them, right before a named actor: "Syrian Kurdish YPG". Not "Kurdish Syrian forces",
    // which are the demonym's own, nor "a Syrian Congress", which is no other state's body.
    private bool QualifiesName(List<Mention> candidates, Mention m)
    {
        var next = m;
        while (next.Form == FormKind.Demonym && next.End - next.Start == 1)
        {
            if (MentionAt(candidates, next.End) is not { } after || after.Start != next.End)
            {
                return false;
            }

            next = after;
        }

        string? state = next.ActorId is null ? null : StateOf(next.ActorId);
        return next != m && next.Kind == MentionKind.Named && next.Form != FormKind.Demonym && (state is null || state == m.ActorId);
    }

    // Whom the control verb at v asks: its object, or the object of "called on", "appealed to".
    private static Mention? Asked(List<Token> tokens, List<Mention> candidates, int v, int to)
    {
        var m = candidates.FirstOrDefault(m => m.Start > v && m.End <= to && m.Kind != MentionKind.Location);
        if (m is null)
        {
            return null;
        }

        int k = m.Start - 1;
        if (tokens[k].Lower is "the")
        {
            k--;
        }

        return k == v || (k == v + 1 && tokens[k].Lower is "on" or "upon" or "to") ? m : null;
    }

    // "threatened today to hold …": where the infinitive's verb starts, or -1.
    private static int InfinitiveAfter(List<Token> tokens, int from, int end)
    {
        for (int k = from; k < Math.Min(end - 1, from + 4); k++)
        {
            if (tokens[k].Lower == "to")
            {
                return k + 1;
            }

            if (!tokens[k].IsWord)
            {
                break;
            }
        }

        return -1;
    }

    // The verb that reverses the event noun at i: "suspended (all) military aid", "halted its air strikes".
    private int Reversal(List<Token> tokens, int i)
    {
        for (int k = i - 1; k >= Math.Max(0, i - 4); k--)
        {
            if (_lex.Reversals.Contains(tokens[k].Lower))
            {
                return k;
            }

            if (!tokens[k].IsWord || tokens[k].IsCapitalised || !(NounContext.Contains(tokens[k].Lower) || tokens[k].Lower is "all" or "some" or "part" or "planned"))
            {
                break;
            }
        }

        return -1;
    }

    // "a German woman", "the Russian economy": a demonym qualifying a noun. It can stand for the state as the object of an
    // event ("expelled Russian diplomats") but not as its subject, and never when the noun is a private person.
    private static bool IsModifier(List<Token> tokens, Mention m) =>
        m.Form == FormKind.Demonym && m.End - m.Start == 1 && m.End < tokens.Count && tokens[m.End].IsWord && !tokens[m.End].IsCapitalised
        && tokens[m.End].Lower is not ("and" or "or") && !tokens[m.Start].Lower.EndsWith('s');

    private bool IsPrivatePerson(List<Token> tokens, Mention m)
    {
        for (int k = m.End; k < Math.Min(tokens.Count, m.End + 3) && tokens[k].IsWord && !tokens[k].IsCapitalised; k++)
        {
            if (_lex.PrivatePersons.Contains(tokens[k].Lower))
            {
                return true;
            }
        }

        return false;
    }

    private Frame FrameOf(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        int n = tokens.Count;
        for (int r = 0; r < n; r++)
        {
            string w = tokens[r].Lower;
            if (w == "according" && r + 2 < n && tokens[r + 1].Lower == "to" && MentionAt(mentions, r + 2) is { ActorId: not null } by && by.Start == r + 2)
            {
                return new Frame(0, n, Principal(by) is { } p && by.ActorKind != ActorKind.Person ? p : by.ActorId, by);
            }

            if (!_lex.Reporting.Contains(w) || MentionAt(mentions, r) is not null || Attributive(tokens, mentions, r))
            {
                continue;
            }

            Mention? before = null;
            for (int k = r - 1; k >= Math.Max(0, r - 3); k--)
            {
                if (MentionAt(mentions, k) is { ActorId: not null, Kind: not MentionKind.Location } m && m.End == k + 1)
                {
                    before = m;
                    break;
                }

                if (!tokens[k].IsWord || tokens[k].IsCapitalised)
                {
                    break;
                }
            }

            if (before is null && r >= 3 && tokens[r - 1].Text == ",")
            {
                for (int k = r - 2; k >= Math.Max(0, r - 14); k--)
                {
                    if (tokens[k].Text == ",")
                    {
                        if (MentionAt(mentions, k - 1) is { ActorId: not null, Kind: not MentionKind.Location } m && m.End == k)
                        {
                            before = m;
                        }

                        break;
                    }
                }
            }

            Mention? after = null;
            for (int k = r + 1; k < Math.Min(n, r + 3); k++)
            {
                if (MentionAt(mentions, k) is { ActorId: not null, Kind: not MentionKind.Location } m)
                {
                    after = m;
                    break;
                }

                if (tokens[k].Lower is not ("the" or "a" or "an"))
                {
                    break;
                }
            }

            // "it"/"he" as the speaker: "…, he said".
            string? pronoun = before is null && r > 0 && tokens[r - 1].Lower is "he" or "she" or "it" or "they" ? tokens[r - 1].Lower : null;
            // "the PLO, which he said would …" is a parenthetical report inside a clause; "… and insisted …" a verb
            // coordinated with the clause's own: neither frames the sentence.
            if ((before is not null && before.Start > 0 && tokens[before.Start - 1].Lower is "which" or "who" or "whom" or "that" or "what" or "as")
                || (r > 0 && tokens[r - 1].Lower is "and" or "but"))
            {
                continue;
            }

            if (before is not null && w is "announce" or "announced" or "announces" or "declared" or "confirmed" && EventNounAfter(tokens, r + 1, n) >= 0)
            {
                continue; // "Italy announced a suspension of air links with Serbia": announcing an event noun is no report
            }

            if (before is not null)
            {
                int rest = n - r - 1;
                bool content = rest >= 3 && tokens[r + 1].Text is not ("," or "." or "”" or "\"") && !OnlyWhen(tokens, r + 1);
                return content
                    ? new Frame(r + 1, n, before.ActorId, before)
                    : new Frame(0, TrimEnd(tokens, before.Start), before.ActorId, before);
            }

            if (after is not null && (r == 0 || tokens[r - 1].Text is "," or "”" or "\"" || tokens[r - 1].IsQuote))
            {
                return new Frame(0, TrimEnd(tokens, r), after.ActorId, after);
            }

            if (pronoun is not null && r + 1 < n && tokens[r + 1].Text is "." or "," && r >= 2)
            {
                string? speaker = pronoun is "he" or "she" ? LastPersonBefore(sentence.Index, mentions, r - 1, QuoteSentences) : _lastSpeaker;
                return new Frame(0, TrimEnd(tokens, r - 1), speaker, null);
            }
        }

        // A quotation continued from the previous sentence keeps its speaker.
        if (n > 0 && tokens[0].IsQuote && _lastEndedInQuote && _lastSpeaker is not null)
        {
            return new Frame(0, n, _lastSpeaker, null);
        }

        return new Frame(0, n, null, null);
    }

    // "…, Dutch Foreign Minister Hans van den Broek said on Tuesday.": what follows the reporting verb is only its time.
    // "inspectors probing suspect sites", "the confirmed deaths": a reporting word that qualifies the noun after it reports nothing.
    private static bool Attributive(List<Token> tokens, List<Mention> mentions, int r) =>
        tokens[r].Lower is "suspect" or "reported" or "confirmed" or "declared" or "stated" && r > 0 && r + 1 < tokens.Count
        && MentionAt(mentions, r - 1) is null && tokens[r - 1].IsWord && !tokens[r - 1].IsCapitalised
        && tokens[r + 1].IsWord && !tokens[r + 1].IsCapitalised && MentionAt(mentions, r + 1) is null
        && tokens[r + 1].Lower is not ("that" or "to" or "on" or "in" or "by" or "at" or "the" or "a" or "an" or "it" or "he" or "she" or "they" or "this"
            or "last" or "earlier" or "from" or "with" or "for" or "its" or "his" or "her" or "their" or "there" or "of" or "as" or "after" or "before" or "late" or "yesterday" or "today");

    private static bool OnlyWhen(List<Token> tokens, int from)
    {
        for (int k = from; k < tokens.Count; k++)
        {
            var t = tokens[k];
            bool when = !t.IsWord || t.Lower is "on" or "in" or "at" or "last" or "this" or "today" or "yesterday" or "tonight" or "late" or "early" or "here" or "there"
                or "earlier" or "later" or "night" or "morning" or "afternoon" or "evening" or "week" or "month"
                || EventDates.DayOfWeekOf(t.Text) is not null || EventDates.MonthOf(t.Text) > 0 || t.Lower.All(char.IsAsciiDigit);
            if (!when)
            {
                return false;
            }
        }

        return true;
    }

    private static int TrimEnd(List<Token> tokens, int end)
    {
        while (end > 0 && !tokens[end - 1].IsWord)
        {
            end--;
        }

        return end;
    }

    private void Read(Sentence sentence, List<Mention> candidates, Frame frame, Trigger trigger, int t0, int t1, DateOnly? date, List<Relation> found)
    {
        var tokens = sentence.Tokens;
        List<string> sources = [];
        string? target = null;
        bool indirect = false;
        int sourceEnd = frame.Start;
        bool controlled = false;
        double confidence = trigger.IsNoun ? 0.75 : 0.85;

        if (trigger.IsNoun)
        {
            if (t1 + 1 < frame.End && tokens[t1].Lower == "between" && trigger.Symmetric)
            {
                var pair = candidates.Where(m => m.Start > t1 && m.Start < t1 + 8 && m.Kind != MentionKind.Location).Take(2).ToList();
                if (pair.Count == 2 && !SameSide(pair[0].ActorId!, pair[1].ActorId!))
                {
                    Emit(sentence, frame, trigger, t0, t1, pair[0].ActorId!, pair[1].ActorId!, Modality.Asserted, confidence, date, found);
                    Emit(sentence, frame, trigger, t0, t1, pair[1].ActorId!, pair[0].ActorId!, Modality.Asserted, confidence, date, found);
                }

                return;
            }

            // "rebels receive support and funding from the United States": the giver is after "from".
            if (Receiving(tokens, t0) is var received && received >= 0)
            {
                int from = -1;
                for (int k = t1; k < Math.Min(frame.End, t1 + 5); k++)
                {
                    if (tokens[k].Lower == "from")
                    {
                        from = k;
                        break;
                    }
                }

                var giver = from < 0 ? null : candidates.FirstOrDefault(m => m.Start == from + 1 || (m.Start == from + 2 && tokens[from + 1].Lower == "the"));
                var receivers = giver is null ? [] : LeftSubject(tokens, candidates, frame, received);
                foreach (var r in receivers)
                {
                    Emit(sentence, frame, trigger, t0, t1, giver!.ActorId!, r.ActorId!, Modal(tokens, frame, received, r.End, giver.ActorId!), confidence - (r.IsIndirect || giver.IsIndirect ? 0.15 : 0), date, found);
                }

                return;
            }

            // "launched a mediation effort on Saturday between X and Y": the mediator consults each side.
            if (trigger.Mediating && Between(tokens, t1, frame.End) is var between && between >= 0)
            {
                var mediators = LeftSubject(tokens, candidates, frame, t0).Where(m => LinkedByVerb(tokens, m.End, t0)).ToList();
                var sides = candidates.Where(m => m.Start > between && m.Start < between + 8 && m.Kind != MentionKind.Location).Take(2).ToList();
                foreach (var mediator in mediators)
                {
                    foreach (var side in sides.Where(x => !SameSide(x.ActorId!, mediator.ActorId!)))
                    {
                        Emit(sentence, frame, trigger, t0, t1, mediator.ActorId!, side.ActorId!, Modal(tokens, frame, t0, mediator.End, mediator.ActorId!), confidence, date, found);
                    }
                }

                return;
            }

            // "will give Tanzania a grant", "offered Jordan loans": the receiver sits between the verb and the noun.
            if (trigger.Type == RelationType.Aid && Ditransitive(tokens, candidates, t0) is var (giving, receiver) && receiver is not null)
            {
                foreach (var s in LeftSubject(tokens, candidates, frame, giving))
                {
                    Emit(sentence, frame, trigger, t0, t1, s.ActorId!, receiver.ActorId!, Modal(tokens, frame, giving, s.End, s.ActorId!), confidence, date, found);
                }

                return;
            }

            // "the withdrawal of (US) troops from Syria": who leaves is after "of", whom they leave after "from".
            if (trigger.Type == RelationType.Retreat && t1 < frame.End && tokens[t1].Lower == "of")
            {
                var left = candidates.FirstOrDefault(m => m.Start > t1 && m.Start <= t1 + 8 && m.Kind != MentionKind.Location && PrepositionBefore(tokens, m) == "from");
                if (left is null)
                {
                    return;
                }

                var leaving = candidates.FirstOrDefault(m => m.Start > t1 && m.End <= left.Start && m.Kind != MentionKind.Location);
                var movers = leaving is not null ? [leaving] : LeftSubject(tokens, candidates, frame, t0).Where(m => LinkedByVerb(tokens, m.End, t0)).ToList();
                foreach (var mover in movers.Where(x => !SameSide(x.ActorId!, left.ActorId!)))
                {
                    Emit(sentence, frame, trigger, t0, t1, mover.ActorId!, left.ActorId!, Modal(tokens, frame, t0, mover.End, mover.ActorId!), confidence, date, found);
                }

                return;
            }

            if (t1 + 1 < frame.End && tokens[t1].Lower is "program" or "programme" or "programmes" or "programs" or "package" or "packages" or "deliveries" or "delivery"
                or "shipments" or "shipment" or "convoy" or "convoys" or "exports" or "sales" or "links" or "flights" && trigger.Preps.Contains(tokens[t1 + 1].Lower))
            {
                t1++; // "a military aid program for Bosnia"
            }

            if (t1 >= frame.End || !trigger.Preps.Contains(tokens[t1].Lower))
            {
                return;
            }

            var possessor = t0 >= 1 ? MentionAt(candidates, t0 - 1) : null;
            if (possessor is null && t0 >= 2 && tokens[t0 - 1].IsPossessive)
            {
                possessor = MentionAt(candidates, t0 - 2);
            }
            else if (possessor is null && t0 >= 3 && tokens[t0 - 2].IsPossessive && tokens[t0 - 1].IsWord && !tokens[t0 - 1].IsCapitalised)
            {
                possessor = MentionAt(candidates, t0 - 3);
            }

            if (possessor is not null && possessor.Kind != MentionKind.Location)
            {
                sources.Add(possessor.ActorId!);
                sourceEnd = possessor.End;
                indirect |= possessor.IsIndirect;
            }

            var (t, viaPlace, tIndirect) = RightObject(tokens, candidates, frame, t1 + 1, Math.Min(frame.End, t1 + 5), sources, trigger, noun: true);
            target = t;
            indirect |= tIndirect;
            confidence -= viaPlace ? 0.1 : 0;
        }
        else
        {
            // "suicide bombs", "air strikes": a plural noun looks like a verb in -s; as a verb it needs a subject right before it.
            string form = tokens[t0].Lower;
            if (!trigger.IsPastForm && form.EndsWith('s') && !trigger.Lemma.EndsWith('s') && t0 > 0)
            {
                var prev = tokens[t0 - 1];
                bool subjectBefore = MentionAt(candidates, t0 - 1) is not null || prev.Lower is "he" or "she" or "it" or "also" or "still" or "now" or "then" or "which" or "who" or "that"
                    || prev.Lower.EndsWith("ly", StringComparison.Ordinal);
                if (!subjectBefore)
                {
                    return;
                }
            }

            // "strike a deal with", "launched attacks on": the event is the noun, not the light verb before it. A demand is no
            // light verb: "demanded the withdrawal of Serbian forces" asks something of those forces.
            for (int k = t1; trigger.Type != RelationType.Request && k < Math.Min(frame.End, t1 + 4); k++)
            {
                if (_lex.Triggers.Match(tokens, k, frame.End).Values?.Any(x => x.IsNoun) == true && (k == t1 || NounContext.Contains(tokens[k - 1].Lower)))
                {
                    return;
                }

                if (!tokens[k].IsWord || !(tokens[k].Lower is "a" or "an" or "the" || NounContext.Contains(tokens[k].Lower)))
                {
                    break;
                }
            }

            // "the aid provided to …", "some fragment provided from …": a participle after a noun phrase is no active clause.
            if (trigger.IsPastForm && t0 >= 2 && tokens[t0 - 1].IsWord && !tokens[t0 - 1].IsCapitalised && MentionAt(candidates, t0 - 1) is null
                && tokens[t0 - 2].Lower is "the" or "a" or "an" or "some" or "any" or "this" or "that" or "these" or "those")
            {
                return;
            }

            // "Britons killed fighting Isis": a participle after a past form is no active clause.
            if (trigger.IsPastForm && t1 < frame.End && tokens[t1].Lower.EndsWith("ing", StringComparison.Ordinal) && tokens[t1].Lower.Length > 5)
            {
                return;
            }

            bool passive = trigger.IsPastForm && t0 >= 1 && (BeForms.Contains(tokens[t0 - 1].Lower) || (t0 >= 2 && BeForms.Contains(tokens[t0 - 2].Lower) && tokens[t0 - 1].Lower.EndsWith("ly", StringComparison.Ordinal)));
            int byAt = -1;
            for (int k = t1; !passive && trigger.IsPastForm && k < Math.Min(frame.End, t1 + 4); k++)
            {
                if (tokens[k].Lower == "by")
                {
                    byAt = k;
                    break;
                }

                // "rejected calls by Belarus": an object before "by" makes the verb active; "shored up and propelled by
                // Russia" is still a passive.
                string w = tokens[k].Lower;
                if (!(w.EndsWith("ly", StringComparison.Ordinal) || w.EndsWith("ed", StringComparison.Ordinal) || w is "and" or "or" or "," or "up" or "out" or "off" or "forward" or "back" or "away" or "along"))
                {
                    break;
                }
            }

            if (byAt >= 0)
            {
                // "tribes, backed by a US-led coalition": a reduced passive right after its patient; anything looser is skipped.
                bool comma = t0 >= 2 && tokens[t0 - 1].Text == ",";
                var patient = t0 >= 1 ? MentionAt(candidates, comma ? t0 - 2 : t0 - 1) : null;
                if (comma && patient is not null && !FirstSubject(tokens, candidates, frame, t0).Contains(patient))
                {
                    patient = null; // "a strategy for Syria, delivered by X": only the clause's subject takes an apposed participle
                }

                if (byAt == t1 && patient is not null && patient.Kind != MentionKind.Location && MentionAt(candidates, byAt + 1 < tokens.Count && tokens[byAt + 1].Lower == "the" ? byAt + 2 : byAt + 1) is { Kind: not MentionKind.Location } byAgent)
                {
                    Emit(sentence, frame, trigger, t0, t1, byAgent.ActorId!, patient.ActorId!, Modal(tokens, frame, t0, t0, byAgent.ActorId!), confidence - 0.1, date, found);
                }

                return;
            }

            if (passive)
            {
                int by = -1;
                for (int k = t1; k < Math.Min(frame.End, t1 + 4); k++)
                {
                    if (tokens[k].Lower == "by")
                    {
                        by = k;
                        break;
                    }
                }

                // "indicted by the U.N. war crimes court": the agent may follow an article.
                if (by < 0 || MentionAt(candidates, by + 1 < frame.End && tokens[by + 1].Lower == "the" ? by + 2 : by + 1) is not { } agent || agent.Kind == MentionKind.Location)
                {
                    return;
                }

                var patient = LeftSubject(tokens, candidates, frame, t0);
                if (patient.Count == 0 || Enumerable.Range(Math.Max(0, patient[0].Start - 7), Math.Min(7, patient[0].Start)).Any(k => tokens[k].Lower == "by"))
                {
                    return; // "preconditions set by the UN chief, X, have been met by Russia": X is another passive's agent
                }

                foreach (var p in patient)
                {
                    var m = Modal(tokens, frame, t0, p.End, agent.ActorId!);
                    Emit(sentence, frame, trigger, t0, t1, agent.ActorId!, p.ActorId!, m, confidence - (agent.IsIndirect || p.IsIndirect ? 0.15 : 0), date, found);
                }

                return;
            }
        }

        if (sources.Count == 0)
        {
            bool infinitive = !trigger.IsNoun && t0 > 0 && tokens[t0 - 1].Lower == "to";
            int control = infinitive ? ControlVerb(tokens, frame, t0 - 1) : -1;
            if (control >= 0)
            {
                // "Britain urged Turkey to support the Kurds": the infinitive is Turkey's, and only asked for. Without an actor
                // between ("urged European countries to …") it is nobody's that the article names.
                if (Asked(tokens, candidates, control, t0 - 1) is null)
                {
                    return;
                }

                controlled = true;
            }

            var subject = control >= 0 ? [Asked(tokens, candidates, control, t0 - 1)!]
                : infinitive && NounInfinitiveAgent(tokens, candidates, t0 - 1) is { } agent ? [agent]
                : CoordinatedVerb(tokens, t0) ? FirstSubject(tokens, candidates, frame, t0)
                : infinitive && FirstSubject(tokens, candidates, frame, t0) is { Count: > 0 } main && !ClauseBetween(tokens, main[^1].End, t0 - 1) ? main
                : LeftSubject(tokens, candidates, frame, t0);
            if (infinitive && control < 0 && subject.Count > 0 && ClauseBetween(tokens, subject[^1].End, t0 - 1))
            {
                subject = [];
            }

            // "the pinnacle of the war against Isis": a noun's subject must be linked to it by a verb, not a preposition.
            if (trigger.IsNoun && subject.Count > 0 && !LinkedByVerb(tokens, subject[^1].End, t0))
            {
                subject = [];
            }

            foreach (var s in subject)
            {
                sources.Add(s.ActorId!);
                indirect |= s.IsIndirect;
                sourceEnd = Math.Max(sourceEnd, s.End);
                if (t0 - s.End > 6)
                {
                    confidence -= 0.1;
                }
            }

            if (subject.Count == 0 && PronounSubject(tokens, frame, t0) is { } spoken)
            {
                sources.Add(spoken);
                confidence -= 0.1;
            }
        }

        if (sources.Count == 0)
        {
            return;
        }

        if (!trigger.IsNoun)
        {
            var (t, viaPlace, tIndirect) = RightObject(tokens, candidates, frame, t1, Math.Min(frame.End, t1 + 12), sources, trigger, noun: false);
            target = t;
            indirect |= tIndirect;
            confidence -= viaPlace ? 0.1 : 0;
        }

        // "Libya must hand over the suspects": an obligation is demanded of the subject (ReadObligations), not done by it.
        if (Enumerable.Range(sourceEnd, Math.Max(0, t0 - sourceEnd)).Any(k => tokens[k].Lower == "must"))
        {
            return;
        }

        var modality = Modal(tokens, frame, t0, sourceEnd, sources[0]);
        if (controlled && modality is Modality.Asserted or Modality.Reported or Modality.Future)
        {
            modality = Modality.Hypothetical;
        }

        confidence -= indirect ? 0.15 : 0;
        if (target is null && trigger.Type == RelationType.Threaten && !trigger.IsNoun)
        {
            // "threatened to hold a general strike unless Israel rescinded …": the threat is aimed at whoever must act.
            int unless = Enumerable.Range(t1, Math.Max(0, Math.Min(frame.End, t1 + 12) - t1)).FirstOrDefault(k => tokens[k].Lower is "unless", -1);
            target = unless < 0 ? null : candidates.FirstOrDefault(m => m.Start == unless + 1 || (m.Start == unless + 2 && tokens[unless + 1].Lower == "the")) is { Kind: not MentionKind.Location } conditioned
                && !sources.Any(x => SameSide(x, conditioned.ActorId!)) ? conditioned.ActorId : null;
        }

        if (target is null)
        {
            // "X and Y agreed", "X and Y held talks": both directions.
            if (trigger.Symmetric && sources.Count >= 2 && t0 - sourceEnd <= 4)
            {
                for (int a = 0; a < sources.Count; a++)
                {
                    for (int b = 0; b < sources.Count; b++)
                    {
                        if (a != b)
                        {
                            Emit(sentence, frame, trigger, t0, t1, sources[a], sources[b], modality, confidence, date, found);
                        }
                    }
                }
            }

            return;
        }

        var targets = new List<string> { target };
        targets.AddRange(CoordinatedAfter(tokens, candidates, target, frame.End));
        foreach (var s in sources)
        {
            foreach (var t in targets)
            {
                Emit(sentence, frame, trigger, t0, t1, s, t, modality, confidence, date, found);
            }
        }
    }

    // "between" right after a noun or a few words on ("a mediation effort on Saturday between"), or -1.
    private static int Between(List<Token> tokens, int from, int end)
    {
        for (int k = from; k < Math.Min(end, from + 5); k++)
        {
            if (tokens[k].Lower is "between" or "among")
            {
                return k;
            }

            if (tokens[k].Text is "," or ";" || IsSubordinator(tokens[k]))
            {
                break;
            }
        }

        return -1;
    }

    // "gave Jordan a grant": the giving verb's index and the actor between it and the noun at t0.
    private static (int Verb, Mention? Receiver) Ditransitive(List<Token> tokens, List<Mention> candidates, int t0)
    {
        int k = t0 - 1;
        while (k >= 0 && k >= t0 - 4 && tokens[k].IsWord && !tokens[k].IsCapitalised && (NounContext.Contains(tokens[k].Lower) || tokens[k].Lower is "some" or "emergency"))
        {
            k--;
        }

        var receiver = k >= 0 ? MentionAt(candidates, k) : null;
        if (receiver is null || receiver.End != k + 1 || receiver.Kind == MentionKind.Location || receiver.Start == 0)
        {
            return (-1, null);
        }

        int verb = receiver.Start - 1;
        return tokens[verb].Lower is "give" or "gives" or "gave" or "given" or "giving" or "offer" or "offers" or "offered" or "offering" or "grant" or "grants" or "granted"
            or "send" or "sends" or "sent" or "lend" or "lent" or "promise" or "promised" or "promises" ? (verb, receiver) : (-1, null);
    }

    private static int Receiving(List<Token> tokens, int t0)
    {
        for (int k = t0 - 1; k >= Math.Max(0, t0 - 4); k--)
        {
            if (tokens[k].Lower is "receive" or "received" or "receives" or "receiving" or "get" or "gets" or "got" or "obtained" or "obtain" or "won")
            {
                return k;
            }

            if (!tokens[k].IsWord)
            {
                break;
            }
        }

        return -1;
    }

    private static bool LinkedByVerb(List<Token> tokens, int from, int to)
    {
        if (to - from > 8)
        {
            return false;
        }

        for (int k = from; k < to; k++)
        {
            // "on Sunday called for sanctions": a date or the "for" of "call for" does not break the link.
            bool dated = k + 1 < to && (EventDates.DayOfWeekOf(tokens[k + 1].Text) is not null || EventDates.MonthOf(tokens[k + 1].Text) > 0);
            bool callFor = tokens[k].Lower == "for" && k > from && tokens[k - 1].Lower is "call" or "called" or "calls" or "calling" or "pushed" or "pushing" or "pressed" or "pressing";
            if (tokens[k].Text == "," || (Prepositions.Contains(tokens[k].Lower) && tokens[k].Lower != "to" && !dated && !callFor))
            {
                return false;
            }
        }

        return true;
    }

    // ", but denied …", "and killed …", ", killing …": the verb shares the clause's first subject.
    private static bool CoordinatedVerb(List<Token> tokens, int t0) =>
        t0 >= 1 && (tokens[t0 - 1].Lower is "but" or "and" || (tokens[t0 - 1].Text == "," && tokens[t0].Lower.EndsWith("ing", StringComparison.Ordinal)));

    // The subject that opens the clause: at most a few words ("On Thursday," "the") before it.
    private List<Mention> FirstSubject(List<Token> tokens, List<Mention> candidates, Frame frame, int t0)
    {
        int start = frame.Start;
        for (int k = start; k < Math.Min(t0, start + 8); k++)
        {
            if (tokens[k].Text == ",")
            {
                // "On Thursday, X …" opens with an adverbial; "Syrian rebels, backed by …" with the subject itself.
                if (!candidates.Any(m => m.Start >= start && m.End <= k))
                {
                    start = k + 1;
                }

                break;
            }
        }

        foreach (var m in candidates)
        {
            if (m.Start < start || m.End > t0)
            {
                continue;
            }

            int words = Enumerable.Range(start, m.Start - start).Count(k => tokens[k].IsWord);
            return words <= 2 && m.Kind != MentionKind.Location && !IsRegion(tokens, m) && !AfterPreposition(tokens, m) && !IsModifier(tokens, m) && !IsObject(tokens, m) ? [m] : [];
        }

        return [];
    }

    private string? PronounSubject(List<Token> tokens, Frame frame, int t0)
    {
        for (int k = t0 - 1; k >= Math.Max(frame.Start, t0 - 8); k--)
        {
            string w = tokens[k].Lower;
            if (w is "we" or "our" or "us" && frame.Speaker is { } speaker)
            {
                return Draft(speaker)?.Kind == ActorKind.Person ? Draft(speaker)!.Principal ?? speaker : speaker;
            }

            if (w is "i" && frame.Speaker is { } me)
            {
                return me;
            }

            if (w is "it" or "they" && frame.Speaker is { } it && Draft(it)?.Kind != ActorKind.Person)
            {
                return it; // "Afghan rebels said they would meet …"
            }

            if (w is "he" or "she" && frame.Speaker is { } he && Draft(he)?.Kind == ActorKind.Person)
            {
                return he; // "Tutu said he would meet …": a speaker who is a person speaks of himself
            }

            if (IsBoundary(tokens[k]))
            {
                break;
            }
        }

        return null;
    }

    private static bool IsBoundary(Token t) => t.Text is ";" or ":" or "(" or ")" || t.IsQuote || IsSubordinator(t);

    private static bool IsSubordinator(Token t) => t.Lower is "which" or "who" or "whom" or "whose" or "that" or "whether" or "while" or "because"
        or "although" or "though" or "when" or "where" or "until" or "unless" or "whereas";

    // "travelled to Syria to join Islamic State, has urged": the object of another verb is not the subject.
    private bool IsObject(List<Token> tokens, Mention m)
    {
        int k = m.Start - 1;
        if (k >= 0 && tokens[k].Lower is "the" or "a" or "an")
        {
            k--;
        }

        return k >= 0 && (_lex.ObjectVerbs.Contains(tokens[k].Lower) || _lex.Triggers.Match(tokens, k).Values?.Any(t => !t.IsNoun) == true);
    }

    // "from neighbouring Lebanon", "in northern Syria": the preposition that governs a mention, past its place adjectives.
    private static string? PrepositionBefore(List<Token> tokens, Mention m)
    {
        int k = m.Start - 1;
        if (k >= 0 && (tokens[k].Lower.EndsWith("ern", StringComparison.Ordinal) || tokens[k].Lower is "central" or "neighbouring" or "neighboring"))
        {
            k--;
        }

        // "over two Israeli air raids", "with the new Syrian government".
        for (int skipped = 0; k >= 0 && skipped < 2 && (tokens[k].Lower is "the" or "a" or "an" or "its" or "their" or "new" or "recent" or "some" or "several"
            || tokens[k].Lower.All(char.IsAsciiDigit) || tokens[k].Lower is "two" or "three" or "four" or "five" or "six" or "seven" or "eight" or "nine" or "ten"); skipped++)
        {
            k--;
        }

        return k >= 0 ? tokens[k].Lower : null;
    }

    // "speaking from Sunamganj district, north-east Bangladesh, accused …": a state apposed to a place after a compass point
    // is where someone is, never the one who acts.
    private static bool IsRegion(List<Token> tokens, Mention m)
    {
        int k = m.Start - 1;
        if (k < 0 || tokens[k].Lower is not ("north" or "south" or "east" or "west" or "northeast" or "northwest" or "southeast" or "southwest"))
        {
            return false;
        }

        if (k >= 2 && tokens[k - 1].Text == "-" && tokens[k - 2].Lower is "north" or "south")
        {
            k -= 2; // "north-east"
        }

        return k >= 1 && tokens[k - 1].Text == ",";
    }

    private static bool AfterPreposition(List<Token> tokens, Mention m)
    {
        int k = m.Start - 1;
        if (k >= 1 && tokens[k].Lower == "of" && tokens[k - 1].Lower is "group" or "delegation" or "team")
        {
            return false; // "a group of Moroccan diplomats held …": the actor heads the phrase
        }

        if (k >= 0 && (tokens[k].Lower.EndsWith("ern", StringComparison.Ordinal) || tokens[k].Lower is "central" or "neighbouring" or "neighboring"))
        {
            k--; // "in northern Syria"
        }

        if (k >= 0 && tokens[k].Lower is "the" or "a" or "an")
        {
            k--;
        }

        return k >= 0 && Prepositions.Contains(tokens[k].Lower);
    }

    /// <summary>The subject of the verb at <paramref name="t0"/>: the nearest actor before it in the same clause, with coordinated actors.</summary>
    private List<Mention> LeftSubject(List<Token> tokens, List<Mention> candidates, Frame frame, int t0)
    {
        // "the coalition fighting IS": a participle right after an actor is that actor's.
        if (t0 > frame.Start && tokens[t0].Lower.EndsWith("ing", StringComparison.Ordinal) && MentionAt(candidates, t0 - 1) is { Kind: not MentionKind.Location } adjacent)
        {
            return [adjacent];
        }

        for (int k = t0 - 1; k >= Math.Max(frame.Start, t0 - 20); k--)
        {
            if (IsBoundary(tokens[k]))
            {
                break;
            }

            if (tokens[k].Lower is "it" or "we" or "i" or "they")
            {
                return [];
            }

            var m = MentionAt(candidates, k);
            if (m is null)
            {
                continue;
            }

            k = m.Start;
            if (m.Kind == MentionKind.Location || AfterPreposition(tokens, m) || IsModifier(tokens, m) || IsObject(tokens, m) || IsRegion(tokens, m))
            {
                continue;
            }

            if (m.End < tokens.Count && tokens[m.End].IsPossessive)
            {
                continue; // "Assad's ally, offered": the possessor is not the subject
            }

            if (AppositionHead(tokens, candidates, m, t0) is { } head)
            {
                return [head]; // "Pakistan, a key U.S. ally in the war, has refused": the head, not the actor inside the apposition
            }

            // "X, Y and Z agreed" is a list; "Russia, Assad's ally," is an apposition: a list closes with "and".
            var subject = new List<Mention> { m };
            int s = m.Start;
            bool list = s >= 2 && tokens[s - 1].Lower is "and" or "or";
            while (list && s >= 2 && tokens[s - 1].Lower is "and" or "," && MentionAt(candidates, s - 2) is { } other && other.End == s - 1)
            {
                subject.Insert(0, other);
                s = other.Start;
            }

            // "the failure in Iraq, Syria and elsewhere": a list governed by a preposition is no subject.
            if (AfterPreposition(tokens, subject[0]) || subject.Any(x => x.Kind == MentionKind.Location))
            {
                k = subject[0].Start;
                continue;
            }

            return subject;
        }

        return [];
    }

    private static Mention? AppositionHead(List<Token> tokens, List<Mention> candidates, Mention inner, int t0)
    {
        int close = -1;
        for (int k = inner.End; k < t0; k++)
        {
            if (tokens[k].Text == ",")
            {
                close = k;
            }
        }

        if (close < 0)
        {
            return null;
        }

        for (int k = inner.Start - 1; k >= Math.Max(1, inner.Start - 6); k--)
        {
            if (tokens[k].Text == ",")
            {
                return k + 1 < tokens.Count && tokens[k + 1].Lower is "a" or "an" or "the" or "its" && MentionAt(candidates, k - 1) is { Kind: not MentionKind.Location } head && head.End == k ? head : null;
            }
        }

        return null;
    }

    private (string? Target, bool ViaPlace, bool Indirect) RightObject(List<Token> tokens, List<Mention> candidates, Frame frame, int from, int to, List<string> sources, Trigger trigger, bool noun)
    {
        for (int k = from; k < to; k++)
        {
            var t = tokens[k];
            bool complement = t.Lower == "that" && trigger.Type is RelationType.Reject or RelationType.Accuse or RelationType.Request; // "rebuffed suggestions that …"
            if (!noun && (t.Lower is "once" or "after" or "before" or "since" || (t.Lower == "to" && k > from && trigger.Type == RelationType.Request)))
            {
                break; // "urged Europe to wait for … America": the object comes before the infinitive
            }

            if (t.Text is "." or ";" or "(" || (t.IsQuote && k > from) || (IsSubordinator(t) && !complement) || t.Lower is "but" || (t.Text == "," && !noun))
            {
                break;
            }

            // "helped raise and train groups … to fight Assad": the object ends where an infinitive starts; "promised to remove
            // the militants" promised nothing to the militants and "meeting to discuss the US" meets no US, but "offered to
            // negotiate with Armenia" made Armenia the offer, and "fighting to defeat Isis" fights Isis.
            bool partnered = k == from && (trigger.Type is RelationType.Assault or RelationType.Coerce or RelationType.Mobilize
                || (k + 2 < to && tokens[k + 2].Lower is "with" or "to" or "on" or "for"));
            if (!noun && t.Lower == "to" && (k > from || !partnered) && trigger.Type is not (RelationType.Reject or RelationType.Threaten) && k + 1 < to && (_lex.ObjectVerbs.Contains(tokens[k + 1].Lower) || _lex.Triggers.Match(tokens, k + 1).Values?.Any(x => !x.IsNoun) == true
                || tokens[k + 1].Lower is "be" or "have" or "do" or "make" or "take" or "raise" or "remove" or "ensure" or "stop" or "prevent" or "end" or "keep" or "allow" or "avoid" or "protect" or "build" or "create" or "find" or "get" or "go" or "come" or "see" or "try" or "return"))
            {
                break;
            }

            // "welcomed the report and called on the Kremlin": the object does not reach into a second, coordinated verb.
            if (!noun && k > from && t.Lower is "and" or "but" && k + 1 < to && tokens[k + 1].IsWord && !tokens[k + 1].IsCapitalised
                && (_lex.Triggers.Match(tokens, k + 1).Values?.Any(x => !x.IsNoun) == true || _lex.ObjectVerbs.Contains(tokens[k + 1].Lower) || _lex.Reporting.Contains(tokens[k + 1].Lower)
                    || (tokens[k + 1].Lower.EndsWith("ed", StringComparison.Ordinal) && tokens[k + 1].Lower.Length > 4)))
            {
                break;
            }

            if (!noun && k == from && t.Lower is "it" or "them" or "him" or "her" or "itself" or "themselves" or "me" or "you")
            {
                break; // "accusing it of …": the object is a pronoun we do not resolve
            }

            var m = MentionAt(candidates, k);
            if (m is null)
            {
                continue;
            }

            k = m.End - 1;
            // "hit Idlib in coordination with Turkey": the object of another event noun's preposition is that event's party.
            int ownPrep = m.Start - 1 - (m.Start >= 1 && tokens[m.Start - 1].Lower == "the" ? 1 : 0);
            if (!noun && ownPrep - 1 > from && _lex.Triggers.Match(tokens, ownPrep - 1).Values?.Any(x => x.IsNoun && x.Preps.Contains(tokens[ownPrep].Lower)) == true)
            {
                break;
            }

            if (QualifiesName(candidates, m))
            {
                continue; // "support for the Syrian Kurdish YPG militia": the demonyms qualify the named actor after them
            }

            // "in southern Lebanon" is as locative as "in Lebanon".
            int placeAdjective = m.Start > 1 && (tokens[m.Start - 1].Lower.EndsWith("ern", StringComparison.Ordinal) || tokens[m.Start - 1].Lower is "central" or "the") ? 1 : 0;
            int prepAt = m.Start - 1 - placeAdjective;
            bool locative = prepAt >= 0 && Locatives.Contains(tokens[prepAt].Lower) && !(noun && prepAt == from - 1) && (noun || prepAt >= from); // "hit back at the US": the trigger's own preposition

            // "refused to deploy troops in Iraq", "threatened to resume attacks in Israel": the place of the refused or
            // threatened act is the party it is aimed at.
            bool infinitive = !noun && trigger.Type is RelationType.Reject or RelationType.Threaten && InfinitiveAfter(tokens, from, to) >= 0;
            if (!noun && locative && trigger.ObjectPreps.Count == 0 && trigger.Type is not RelationType.Concede && !infinitive)
            {
                continue;
            }

            // "pull out of the Iran nuclear deal": a name modifying an event noun is not the object.
            if (!noun && m.Form == FormKind.Name && m.ActorKind != ActorKind.Person && m.Start > 0 && tokens[m.Start - 1].Lower == "the" && m.End + 1 < tokens.Count
                && tokens[m.End].IsWord && !tokens[m.End].IsCapitalised && !Prepositions.Contains(tokens[m.End].Lower)
                && (_lex.Triggers.Match(tokens, m.End).Values?.Any(x => x.IsNoun) == true || (tokens[m.End + 1].IsWord && _lex.Triggers.Match(tokens, m.End + 1).Values?.Any(x => x.IsNoun) == true)))
            {
                continue;
            }

            // "killed the deputy chief of Israel's militia ally": the possessor's ally or proxy is another party.
            if (m.End + 1 < tokens.Count && tokens[m.End].IsPossessive && tokens[m.End + 1 < tokens.Count && tokens[m.End + 1].Lower is "militia" or "local" ? Math.Min(tokens.Count - 1, m.End + 2) : m.End + 1].Lower
                is "ally" or "allies" or "proxy" or "proxies" or "client" or "rival" or "rivals" or "enemy" or "enemies" or "opponents" or "critics" or "foes")
            {
                continue;
            }

            if (m.Kind == MentionKind.StateNoun && _lex.EquipmentNouns.Contains(tokens[m.End - 1].Lower) && Plover.Of(trigger.Type).Quad != QuadClass.VerbalConflict)
            {
                continue;
            }

            // "provide a bulwark against Iran": for a cooperative event the party "against" is not its target.
            if (Plover.Of(trigger.Type).Score > 0 && m.Start > 0 && tokens[m.Start - (m.Start > 1 && tokens[m.Start - 1].Lower == "the" ? 2 : 1)].Lower is "against")
            {
                continue;
            }

            if (!noun && trigger.ObjectPreps.Count > 0 && (PrepositionBefore(tokens, m) is not { } prep || !trigger.ObjectPreps.Contains(prep)))
            {
                continue;
            }

            string? id = m.ActorId;
            bool viaPlace = false;
            if (m.Kind == MentionKind.Location)
            {
                // A place stands for its state only where the event is about territory ("annexation of Crimea"):
                // an attack on Idlib is no attack on the Syrian state.
                if (trigger.Type is not (RelationType.Coerce or RelationType.Retreat))
                {
                    continue;
                }

                id = _kb.Find(m.ActorId!)?.Roles.FirstOrDefault(r => r.Role == "located in")?.ActorId;
                viaPlace = true;
                if (id is null)
                {
                    continue;
                }
            }

            if (sources.Count > 0 && sources.Any(s => SameSide(s, id!)))
            {
                continue;
            }

            return (id, viaPlace, m.IsIndirect);
        }

        return (null, false, false);
    }

    // "visit Mauritania and Senegal": the actors coordinated with the first object are objects too.
    private List<string> CoordinatedAfter(List<Token> tokens, List<Mention> candidates, string first, int limit)
    {
        var more = new List<string>();
        var m = candidates.FirstOrDefault(c => c.ActorId == first);
        while (m is not null && m.End + 1 < Math.Min(tokens.Count, limit) && tokens[m.End].Lower is "and" or ",")
        {
            int next = m.End + 1;
            if (next < tokens.Count && tokens[next].Lower == "the")
            {
                next++;
            }

            m = MentionAt(candidates, next) is { Kind: not MentionKind.Location } n && n.Start == next ? n : null;
            if (m?.ActorId is { } id && id != first && !more.Contains(id))
            {
                more.Add(id);
            }
        }

        return more;
    }

    private Modality Modal(List<Token> tokens, Frame frame, int t0, int sourceEnd, string source)
    {
        int from = Math.Max(frame.Start, Math.Max(sourceEnd, t0 - 4));
        bool notOnly = Enumerable.Range(from, Math.Max(0, t0 - from)).Any(k => tokens[k].Lower == "not" && k + 1 < tokens.Count && tokens[k + 1].Lower is "only" or "just");
        if (!notOnly && CueIn(_lex.Negation, tokens, from, t0))
        {
            return Modality.Negated;
        }

        // "Why does Russia not help Syria?": a question asserts nothing.
        bool question = Enumerable.Range(t0, Math.Max(0, Math.Min(tokens.Count, frame.End + 2) - t0)).Any(k => tokens[k].Text == "?");
        if (question || CueIn(_lex.Hypothetical, tokens, Math.Max(frame.Start, t0 - 6), t0) || Enumerable.Range(frame.Start, Math.Max(0, t0 - frame.Start)).Any(k => tokens[k].Lower is "if" or "unless"))
        {
            return Modality.Hypothetical;
        }

        if (CueIn(_lex.Future, tokens, Math.Max(frame.Start, t0 - 5), t0))
        {
            return Modality.Future;
        }

        if (CueIn(_lex.Reported, tokens, 0, tokens.Count) || (frame.Speaker is { } s && s != source && Principal(s) != source))
        {
            return Modality.Reported;
        }

        return Modality.Asserted;
    }

    private string? Principal(string id) => Draft(id) is { Kind: ActorKind.Person } d ? d.Principal : id;

    private static bool CueIn(PhraseTrie<bool> cues, List<Token> tokens, int from, int to)
    {
        for (int k = Math.Max(0, from); k < to; k++)
        {
            if (cues.Any(tokens, k, to))
            {
                return true;
            }
        }

        return false;
    }

    private bool SameSide(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var da = Draft(a);
        var db = Draft(b);
        bool Serves(ActorDraft? x, string y) => x is not null && x.Affiliations.Any(f => f.ActorId == y && f.IsInForceOn(_day));
        return Serves(da, b) || Serves(db, a) || (da?.Principal is { } pa && pa == db?.Principal && da.Kind == ActorKind.Person && db.Kind == ActorKind.Person);
    }

    // "X said (that) Y must …": the speaker demands something of Y.
    private void ReadObligations(Sentence sentence, List<Mention> candidates, Frame frame, DateOnly? date, List<Relation> found)
    {
        var tokens = sentence.Tokens;
        ReadToldObligations(sentence, candidates, frame, date, found);
        if (frame.Speaker is not { } speaker)
        {
            return;
        }

        foreach (var m in candidates)
        {
            // "must have known" is a guess, "must be ready to" an obligation.
            bool epistemic = m.End + 1 < tokens.Count && (tokens[m.End + 1].Lower is "have" or "know" or "surely"
                || (tokens[m.End + 1].Lower == "be" && !(m.End + 2 < tokens.Count && tokens[m.End + 2].Lower is "ready" or "prepared" or "willing" or "allowed" or "held" or "brought" or "able" or "made" or "stopped" or "removed")));
            if (m.Start >= frame.Start && m.End < frame.End && tokens[m.End].Lower is "must" && !epistemic && m.Kind != MentionKind.Location && m.ActorId != speaker)
            {
                string source = speaker;
                var trigger = new Trigger(RelationType.Request, "must", false, false, [], false) { Polarity = 0 };
                Emit(sentence, frame with { Speaker = null }, trigger, m.End, m.End + 1, source, m.ActorId!, Modality.Asserted, 0.6, date, found);
            }
        }
    }

    // "issued a stern reminder to Iraq that it must cooperate", "told Syria that it must withdraw": the addressee is
    // the one the obligation is demanded of.
    private void ReadToldObligations(Sentence sentence, List<Mention> candidates, Frame frame, DateOnly? date, List<Relation> found)
    {
        var tokens = sentence.Tokens;
        for (int k = frame.Start + 3; k < frame.End - 1; k++)
        {
            if (tokens[k].Lower != "must" || tokens[k - 1].Lower is not ("it" or "they") || tokens[k - 2].Lower != "that" || tokens[k + 1].Lower is "have" or "know")
            {
                continue;
            }

            var addressee = candidates.LastOrDefault(m => m.End <= k - 2 && m.End >= k - 6 && m.Kind != MentionKind.Location);
            var teller = frame.Speaker is { } sp ? sp : FirstSubject(tokens, candidates, frame, k - 2) is [var first] ? first.ActorId : null;
            if (addressee?.ActorId is { } target && teller is not null && !SameSide(teller, target))
            {
                var trigger = new Trigger(RelationType.Request, "must", false, false, [], false) { Polarity = 0 };
                Emit(sentence, frame with { Speaker = null }, trigger, k, k + 1, teller, target, Modality.Asserted, 0.6, date, found);
            }
        }
    }

    // "US-backed rebels", "Iran-allied militias".
    private void ReadAttributive(Sentence sentence, List<Mention> candidates, Frame frame, DateOnly? date, List<Relation> found)
    {
        var tokens = sentence.Tokens;
        foreach (var m in candidates)
        {
            int h = m.End;
            if (h + 1 >= tokens.Count || tokens[h].Text != "-" || tokens[h].SpaceBefore || !_lex.Attributive.TryGetValue(tokens[h + 1].Lower, out var type))
            {
                continue;
            }

            var target = candidates.FirstOrDefault(t => (t.Start == h + 2 || (t.Start == h + 3 && !tokens[h + 2].IsCapitalised && tokens[h + 2].IsWord)) && t.Kind != MentionKind.Location);
            if (target is null || m.Kind == MentionKind.Location || (m.Kind == MentionKind.StateNoun && m.End - m.Start == 1) || SameSide(m.ActorId!, target.ActorId!))
            {
                continue;
            }

            var trigger = new Trigger(type, tokens[h + 1].Lower, false, true, [], false);
            Emit(sentence, frame, trigger, h, h + 2, m.ActorId!, target.ActorId!, Modality.Asserted, 0.7, date, found);
        }
    }

    // "Washington and European states view Assad as a pariah".
    private void ReadFramings(Sentence sentence, List<Mention> candidates, Frame frame, DateOnly? date, List<Relation> found)
    {
        var tokens = sentence.Tokens;
        for (int i = frame.Start; i < frame.End; i++)
        {
            var (len, _) = _lex.FramingVerbs.Match(tokens, i, frame.End);
            if (len == 0)
            {
                continue;
            }

            var target = candidates.FirstOrDefault(t => t.Start >= i + len && t.Start <= i + len + 2);
            if (target is null || target.End >= tokens.Count || tokens[target.End].Lower != "as")
            {
                continue;
            }

            for (int k = target.End + 1; k < Math.Min(frame.End, target.End + 5); k++)
            {
                var (flen, types) = _lex.Framings.Match(tokens, k, frame.End);
                if (flen == 0 || types is null)
                {
                    continue;
                }

                var trigger = new Trigger(types[0], Surface(sentence, k, k + flen).ToLowerInvariant(), true, false, [], false);
                foreach (var s in LeftSubject(tokens, candidates, frame, i))
                {
                    if (!SameSide(s.ActorId!, target.ActorId!))
                    {
                        Emit(sentence, frame, trigger, k, k + flen, s.ActorId!, target.ActorId!, Modal(tokens, frame, i, s.End, s.ActorId!), 0.7, date, found);
                    }
                }

                break;
            }
        }
    }

    private void Emit(Sentence sentence, Frame frame, Trigger trigger, int t0, int t1, string source, string target, Modality modality, double confidence, DateOnly? date, List<Relation> found)
    {
        if (SameSide(source, target) || Draft(source)?.Kind == ActorKind.Location || Draft(target)?.Kind == ActorKind.Location)
        {
            return;
        }

        // Civilians and refugees are the victims of force in the news, not its authors: such readings are parse errors.
        if (Plover.Of(trigger.Type).Quad == QuadClass.MaterialConflict && _lex.Victims.Any(v => source == v || source.StartsWith(v + "-", StringComparison.Ordinal)))
        {
            return;
        }

        var plover = Plover.Of(trigger.Type);
        int polarity = trigger.Polarity ?? plover.Polarity;
        double score = polarity == 0 && plover.Polarity != 0 ? 0 : plover.Score;
        if (modality == Modality.Negated)
        {
            // "did not meet" is no meeting: a negated cooperation leans the other way, a negated attack is nothing.
            polarity = polarity > 0 ? -1 : 0;
            score = score > 0 ? -score / 2 : 0;
        }

        confidence -= modality switch
        {
            Modality.Hypothetical => 0.25,
            Modality.Negated => 0.1,
            Modality.Reported => 0.05,
            _ => 0,
        };

        string? saidBy = frame.Speaker is { } s && s != source ? s : null;
        var tokens = sentence.Tokens;
        string word = sentence.Text[(tokens[t0].Start - sentence.Start)..(tokens[t1 - 1].End - sentence.Start)];
        found.Add(new Relation(
            source,
            target,
            trigger.Type,
            polarity,
            score,
            Math.Round(Math.Clamp(confidence, 0.05, 0.95), 2),
            sentence.Text,
            sentence.Start,
            sentence.End,
            modality,
            saidBy,
            date,
            word));
    }
}
