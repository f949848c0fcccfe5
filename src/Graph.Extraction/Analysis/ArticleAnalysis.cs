using Graph.Core.Domain;
using Graph.Extraction.Events;
using Graph.Extraction.Pipeline;
using Graph.Extraction.Text;

namespace Graph.Extraction.Analysis;

/// <summary>
/// Everything learnt from one article while it is read: sentences, actor mentions, coreference state, relations.
/// One instance per article keeps <see cref="RuleExtractor"/> itself stateless and thread-safe.
/// </summary>
internal sealed partial class ArticleAnalysis : IActorBook
{
    private static readonly HashSet<string> CapitalisedFunctionWords = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "But", "And", "Or", "In", "On", "At", "For", "After", "Before", "Meanwhile", "However", "He", "She", "It",
        "They", "We", "I", "This", "That", "These", "Those", "Many", "Some", "Later", "Instead", "According", "Since", "While", "When",
        "If", "As", "Clearly", "Indeed", "Experts", "There", "Its", "His", "Her", "Their", "Our", "Yet", "So", "Still", "Now", "Then",
        "With", "Without", "By", "From", "To", "Of", "Under", "Over", "During", "Despite", "Although", "Though", "Both", "Each", "All",
        "Most", "More", "Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "What", "Who", "Why", "How", "Where", "Which", "Asked",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Western", "Eastern", "Northern", "Southern",
        "Muslim", "Muslims", "Sunni", "Shia", "Christian", "Arab", "Kurdish", "God", "Allah", "Twitter", "Facebook", "Photograph",
    };

    private static readonly HashSet<string> Locatives = new(StringComparer.Ordinal)
    {
        "in", "near", "at", "into", "inside", "across", "outside", "throughout", "within", "around", "over", "through", "along", "beyond", "behind",
    };

    private readonly ExtractorData _data;
    private readonly ActorKnowledge _kb;
    private readonly Lexicon _lex;
    private readonly Article _article;
    private readonly DateOnly? _day;
    private readonly List<Sentence> _sentences;
    private readonly List<Mention>[] _mentions;
    private readonly Dictionary<string, ActorDraft> _actors = new(StringComparer.Ordinal);
    private readonly PhraseTrie<string> _learnt = new();
    private readonly List<string> _recent = [];
    private readonly Dictionary<string, string> _lastStateFor = new(StringComparer.Ordinal);
    private string? _mainState;

    // How far back a bare "the government" looks for the state it stands for.
    private const int ContextSentences = 3;

    // How far back "he" looks for the person meant.
    private const int PronounSentences = 2;

    public ArticleAnalysis(ExtractorData data, Article article)
    {
        _data = data;
        _kb = data.Kb;
        _lex = data.Lexicon;
        _article = article;
        _day = article.PublishedDay;
        _sentences = Segmenter.Split(article.Text ?? string.Empty, data.Lexicon);
        _mentions = new List<Mention>[_sentences.Count];
    }

    public ArticleExtraction Run()
    {
        for (int s = 0; s < _sentences.Count; s++)
        {
            _mentions[s] = FindKnown(_sentences[s]);
        }

        _mainState = MainState();
        for (int s = 0; s < _sentences.Count; s++)
        {
            Recognise(_sentences[s], _mentions[s]);
        }

        var relations = new List<Relation>();
        for (int s = 0; s < _sentences.Count; s++)
        {
            FindEvents(_sentences[s], _mentions[s], relations);
        }

        var used = new HashSet<string>(relations.SelectMany(r => new[] { r.Source, r.Target }), StringComparer.Ordinal);
        var chosen = _actors.Values
            .Where(a => a.Kind != ActorKind.Location && (used.Contains(a.Id) || (a.Named && a.Kind != ActorKind.Group)))
            .ToList();

        // Whom the chosen people speak for ("opposition figure" -> the Syrian opposition) is part of the picture too.
        var affiliated = chosen.Where(a => a.Kind == ActorKind.Person)
            .SelectMany(a => a.Affiliations.Where(f => f.IsInForceOn(_day)).Select(f => f.ActorId))
            .Where(id => _actors.TryGetValue(id, out var d) && d.Kind != ActorKind.Location && !chosen.Contains(d))
            .Distinct(StringComparer.Ordinal)
            .Select(id => _actors[id])
            .ToList();
        var actors = chosen.Concat(affiliated).Select(a => a.ToActor()).ToList();
        return new ArticleExtraction(ArticleInfo.From(_article), actors, relations);
    }

    // ---- Pass 1: the gazetteer -------------------------------------------------------------------------------

    private List<Mention> FindKnown(Sentence sentence)
    {
        var tokens = sentence.Tokens;
        var found = new List<Mention>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord)
            {
                continue;
            }

            KnownForm? best = null;
            int length = 0;
            foreach (var (len, forms) in _kb.Gazetteer.MatchAll(tokens, i))
            {
                best = forms.FirstOrDefault(f => f.Accepts(tokens, i) && Plausible(f, tokens, i));
                if (best is not null)
                {
                    length = len;
                    break;
                }
            }

            if (best is null)
            {
                continue;
            }

            var actor = best.Actor;
            var mention = new Mention(i, i + length, actor.Id, MentionKind.Named, Surface(sentence, i, i + length)) { ActorKind = actor.Kind, Form = best.Kind };
            if (actor.Kind == ActorKind.Location)
            {
                mention.Kind = MentionKind.Location;
            }
            else if (actor.IsCollective)
            {
                mention.Kind = MentionKind.Collective;
                mention.Class = _lex.CollectiveClasses.Contains(actor.Id) ? actor.Id : null;
                mention.ActorId = mention.Class is null ? actor.Id : null;
            }

            found.Add(mention);
            i += length - 1;
        }

        return found;
    }

    // Single lower-case words that are also actor names ("chad") and sentence-initial "May" are not actors.
    private static bool Plausible(KnownForm form, List<Token> tokens, int at)
    {
        // "Swedish-registered vessel", "European-based missiles", "the Europe Bridge": provenance or part of another
        // name, not a party to anything.
        int after = at + form.Parts.Length;
        if (after + 1 < tokens.Count && tokens[after].Text == "-" && !tokens[after].SpaceBefore && !tokens[after + 1].SpaceBefore
            && tokens[after + 1].Lower is "based" or "made" or "built" or "born" or "registered" or "speaking" or "style" or "flagged" or "educated")
        {
            return false;
        }

        if (after < tokens.Count && tokens[after].IsCapitalised && tokens[after].Text is "Bridge" or "Street" or "Square" or "Avenue" or "Road" or "Airport" or "Hotel" or "Stadium" or "Cup" or "Prize")
        {
            return false;
        }

        // "Labour Minister": a portfolio, not the party.
        if (form.Actor.Kind is not (ActorKind.Country or ActorKind.Person) && after < tokens.Count && tokens[after].Text is "Minister" or "Ministry")
        {
            return false;
        }

        // "Montenegro Municipality Association (AKK)": an acronym in brackets after a name abbreviates that name.
        if (form.Actor.Kind == ActorKind.Person && at >= 2 && tokens[at - 1].Text == "(" && tokens[at - 2].IsCapitalised && tokens[at].Text.All(char.IsUpper))
        {
            return false;
        }

        if (form.Actor.IsCollective || form.Parts.Length > 1)
        {
            return true;
        }

        var t = tokens[at];
        if (form.Actor.Kind == ActorKind.Person && CapitalisedFunctionWords.Contains(t.Text))
        {
            return false;
        }

        return !char.IsLower(form.Parts[0][0]) || t.IsCapitalised || form.Kind != FormKind.Name;
    }

    private string? MainState()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int order = 0;
        foreach (var list in _mentions)
        {
            foreach (var m in list)
            {
                string? state = m.ActorKind == ActorKind.Country ? m.ActorId
                    : m.ActorKind == ActorKind.Person && m.ActorId is { } p ? StateOf(p)
                    : m.Kind == MentionKind.Location && m.ActorId is { } l ? (_kb.Find(l) is { Roles.Count: > 0 } place ? place.Roles[0].ActorId : null)
                    : null;
                if (state is null)
                {
                    continue;
                }

                counts[state] = counts.GetValueOrDefault(state) + 1;
                first.TryAdd(state, order++);
            }
        }

        return counts.Count == 0 ? null : counts.OrderByDescending(c => c.Value).ThenBy(c => first[c.Key]).First().Key;
    }

    // ---- Pass 2: names, titles, generic actors, coreference ---------------------------------------------------

    private void Recognise(Sentence sentence, List<Mention> mentions)
    {
        FindLearnt(sentence, mentions);
        ResolveGenerics(sentence, mentions);
        FindStateNouns(sentence, mentions);
        FindOrganisations(sentence, mentions);
        FindTitledPersons(sentence, mentions);
        FindFramedNames(sentence, mentions);
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        FindCoreference(sentence, mentions);
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        AffiliateOfficials(sentence, mentions);

        foreach (var m in mentions)
        {
            if (m.ActorId is null)
            {
                continue;
            }

            var draft = Draft(m.ActorId);
            if (draft is null)
            {
                continue;
            }

            if (m.Kind is MentionKind.Named or MentionKind.NewName or MentionKind.Collective)
            {
                draft.AddAlias(m.Surface);
            }

            if (m.Kind is MentionKind.Named or MentionKind.NewName)
            {
                draft.Named = true;
            }

            _recent.Remove(m.ActorId);
            _recent.Add(m.ActorId);
            if (draft.Kind == ActorKind.Person && m.Kind != MentionKind.Coreference)
            {
                LearnName(draft);
            }
        }
    }

    // "President Yoweri Museveni has banned Ugandan opposition candidates": an official the knowledge base does not know,
    // titled as a head of state or government or a minister, serves the one state the sentence names.
    private void AffiliateOfficials(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        string? state = null;
        foreach (var m in mentions)
        {
            // "aggression against Iraq", "his dossier on Iraq", "the Iraq war": a topic or target is not the official's state.
            int before = m.Start - (m.Start > 1 && tokens[m.Start - 1].Lower == "the" ? 2 : 1);
            if (before >= 0 && tokens[before].Lower is "against" or "on" or "over" or "about" or "toward" or "towards"
                || (m.End < tokens.Count && _lex.Triggers.Match(tokens, m.End).Values?.Any(t => t.IsNoun) == true))
            {
                continue;
            }

            // "Paraguayan opposition" (opposition-pry) names its state too.
            // A bare "the government" is resolved from context, not named: only a name or a qualified state noun counts.
            string? named = m.ActorKind == ActorKind.Country && (m.Kind == MentionKind.Named || (m.Kind == MentionKind.StateNoun && tokens[m.Start].IsCapitalised && m.End - m.Start > 1)) ? m.ActorId
                : m.Kind == MentionKind.Collective && tokens[m.Start].IsCapitalised && m.End - m.Start > 1 && m.ActorId is { } group && group.LastIndexOf('-') is var dash && dash > 0
                    && _kb.Find(group[(dash + 1)..].ToUpperInvariant()) is { Kind: ActorKind.Country } qualified ? qualified.Id : null;
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
            if (m.Kind == MentionKind.NewName && m.ActorKind == ActorKind.Person && Draft(m.ActorId!) is { Known: null, Title: { } title, Affiliations.Count: 0 } person
                && _lex.Titles.Match(tokens, m.Start).Length > 0
                && (title is "president" or "prime minister" or "premier" or "king" or "emir" or "chancellor" or "vice president" or "vice-president" || title.EndsWith("minister", StringComparison.Ordinal)))
            {
                person.Affiliate(state, title);
            }
        }
    }

    private void FindLearnt(Sentence sentence, List<Mention> mentions)
    {
        if (_learnt.Count == 0)
        {
            return;
        }

        var tokens = sentence.Tokens;
        var covered = Covered(tokens.Count, mentions);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i] || !tokens[i].IsCapitalised)
            {
                continue;
            }

            var (len, ids) = _learnt.Match(tokens, i);
            if (len == 0 || ids is null || Enumerable.Range(i, len).Any(k => covered[k]))
            {
                continue;
            }

            mentions.Add(new Mention(i, i + len, ids[^1], MentionKind.Named, Surface(sentence, i, i + len)) { ActorKind = ActorKind.Person });
            i += len - 1;
        }
    }

    // "Syrian rebels", "rebels in Ukraine", "IS militants", unqualified "rebels" in an article about Syria.
    private void ResolveGenerics(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var covered = Covered(tokens.Count, mentions);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i])
            {
                continue;
            }

            // "killed 18 people", "hundreds of people": counted people are civilians.
            if (tokens[i].Lower == "people" && i > 0 && (char.IsDigit(tokens[i - 1].Text[0]) || (i > 1 && tokens[i - 1].Lower == "of" && tokens[i - 2].Lower is "hundreds" or "thousands" or "dozens" or "millions" or "scores"))
                && _lex.CollectiveClasses.Contains("civilians"))
            {
                mentions.Add(new Mention(i, i + 1, null, MentionKind.Collective, tokens[i].Text) { Class = "civilians" });
                continue;
            }

            var (len, classes) = _lex.Collectives.Match(tokens, i);
            if (len > 0 && classes is not null)
            {
                mentions.Add(new Mention(i, i + len, null, MentionKind.Collective, Surface(sentence, i, i + len)) { Class = classes[0] });
                i += len - 1;
            }
        }

        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var m in mentions.Where(m => m.Kind == MentionKind.Collective && m.ActorId is null).ToList())
        {
            var qualifier = AdjacentBefore(tokens, mentions, m);
            string? by = qualifier is null ? null : Principal(qualifier);
            if (by is not null && qualifier!.ActorKind is ActorKind.ArmedGroup or ActorKind.Group)
            {
                // "IS militants" are IS, "Kurdish militias" the Kurds.
                m.ActorId = qualifier.ActorId;
                m.Kind = MentionKind.Named;
                Merge(mentions, qualifier, m, sentence);
                continue;
            }

            if (by is not null && qualifier!.ActorKind is ActorKind.Country)
            {
                Merge(mentions, qualifier, m, sentence);
            }
            else
            {
                by = null;
                if (m.End + 1 < tokens.Count && tokens[m.End].Lower == "in" && MentionAt(mentions, m.End + 1) is { ActorKind: ActorKind.Country } place)
                {
                    by = place.ActorId;
                }
                else if (m.Class is "refugees" or "migrants" && m.End + 1 < tokens.Count && tokens[m.End].Lower is "from" or "fleeing" && Origin(tokens, mentions, m.End + 1) is { } origin)
                {
                    by = origin; // "refugees fleeing the civil war in Liberia", "migrants from Eritrea"
                }
                else if (_lex.QualifiedCollectives.Contains(m.Class!))
                {
                    // "jets bombed rebel-held positions in Idlib": the place tells whose rebels; else the article's state.
                    by = mentions.Where(x => x.Kind == MentionKind.Location && x.ActorId is not null)
                        .Select(x => _kb.Find(x.ActorId!)?.Roles.FirstOrDefault(r => r.Role == "located in")?.ActorId)
                        .FirstOrDefault(x => x is not null) ?? _mainState;
                }
            }

            m.ActorId = CollectiveActor(m.Class!, by);
        }
    }

    // The first state named within a few words, before the clause ends: where people come from.
    private static string? Origin(List<Token> tokens, List<Mention> mentions, int from)
    {
        for (int k = from; k < Math.Min(tokens.Count, from + 7) && tokens[k].Text is not ("," or "." or ";"); k++)
        {
            if (MentionAt(mentions, k) is { ActorKind: ActorKind.Country, ActorId: { } state })
            {
                return state;
            }
        }

        return null;
    }

    private string CollectiveActor(string cls, string? state)
    {
        if (state is null || _kb.Find(state) is not { } s)
        {
            if (_kb.Find(cls) is { } known)
            {
                return Draft(known.Id)!.Id;
            }

            return Ensure(cls, cls, ActorKind.Group).Id;
        }

        string demonym = s.Demonyms.Count > 0 ? s.Demonyms[0] : s.Name;
        var kind = cls is "rebels" or "militants" or "separatists" ? ActorKind.ArmedGroup : ActorKind.Group;
        var draft = Ensure($"{cls}-{state.ToLowerInvariant()}", $"{demonym} {cls}", kind);
        if (draft.Codes.Count == 0 && s.Codes.TryGetValue("cameo", out var cameo))
        {
            draft.Codes["cameo"] = cameo + (cls switch { "rebels" or "militants" or "separatists" => "REB", "opposition" => "OPP", _ => "CVL" });
        }

        draft.AddAlias($"{demonym} {cls}");
        return draft.Id;
    }

    // "government helicopters", "Russian troops", "Assad's forces", "Obama's administration".
    private void FindStateNouns(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var covered = Covered(tokens.Count, mentions);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i])
            {
                continue;
            }

            var (len, nouns) = _lex.StateNouns.Match(tokens, i);
            if (len == 0 || nouns is null)
            {
                continue;
            }

            int end = i + len;
            string last = nouns[0];
            string first = last;

            // "military-to-military talks" are not the military; "government-held districts" are the government's.
            bool gluedBefore = i > 0 && tokens[i - 1].Text == "-" && !tokens[i - 1].SpaceBefore;
            bool gluedAfter = end + 1 < tokens.Count && tokens[end].Text == "-" && !tokens[end].SpaceBefore;
            if (gluedBefore || (gluedAfter && !_lex.Attributive.ContainsKey(tokens[end + 1].Lower) && tokens[end + 1].Lower is not ("held" or "controlled" or "led" or "run")))
            {
                i = end - 1;
                continue;
            }

            while (end < tokens.Count && !covered[end] && _lex.StateNouns.Match(tokens, end) is { Length: > 0 } more)
            {
                last = more.Values![0];
                end += more.Length;
            }

            var m = new Mention(i, end, null, MentionKind.StateNoun, Surface(sentence, i, end)) { Class = first };
            var qualifier = AdjacentBefore(tokens, mentions, m);
            if (qualifier is null && i >= 3 && tokens[i - 1].IsWord && !tokens[i - 1].IsCapitalised && tokens[i - 2].IsPossessive
                && MentionAt(mentions, i - 3) is { ActorId: not null, Kind: not MentionKind.Location } owner && owner.End == i - 2)
            {
                qualifier = owner; // "Israel's rightwing government"
            }

            string? state = qualifier is null ? null : StateOf(qualifier);
            if (state is null && qualifier is { ActorKind: ActorKind.Organization } body)
            {
                state = body.ActorId; // "EU foreign ministers", "Nato forces", "European states": the body acts through them
            }
            else if (state is null && qualifier is { ActorKind: ActorKind.ArmedGroup or ActorKind.Group, Kind: not MentionKind.Location } people)
            {
                state = people.ActorId; // "Kurdish forces in Syria" are the Kurds', not the state they stand in
            }

            if (state is null && end + 1 < tokens.Count && tokens[end].Lower is "in" && MentionAt(mentions, end + 1) is { ActorKind: ActorKind.Country, Form: FormKind.Capital or FormKind.Name } seat
                && !(i > 0 && tokens[i - 1].Lower is "its" or "their" or "his" or "her" or "our"))
            {
                state = seat.ActorId; // "the government in Kabul"
            }
            else if (state is null && end + 2 < tokens.Count && tokens[end].Lower is "of" && MentionAt(mentions, end + 1) is { ActorKind: ActorKind.Country } of)
            {
                state = of.ActorId;
            }
            else if (state is null && end + 2 < tokens.Count && tokens[end].Lower == "loyal" && tokens[end + 1].Lower == "to" && MentionAt(mentions, end + 2) is { } loyal)
            {
                state = StateOf(loyal);
            }

            if (qualifier is not null && state is not null)
            {
                Merge(mentions, qualifier, m, sentence);
            }
            else if (state is null)
            {
                bool strong = first is "government" or "regime" or "administration" or "army" or "authorities" or "air force" or "security forces"
                    || _lex.EquipmentNouns.Contains(last);
                bool hyphenated = end < tokens.Count && tokens[end].Text == "-" && !tokens[end].SpaceBefore;
                // "its airstrikes", "their forces" belong to whoever "its" is, not to the state the article is about.
                bool indefinite = (i > 0 && tokens[i - 1].Lower is "a" or "an" or "any" or "every" or "no" or "its" or "their" or "his" or "her" or "our")
                    || (i > 1 && tokens[i - 2].Lower is "a" or "an" or "its" or "their" && !tokens[i - 1].IsCapitalised);
                if ((!strong && !hyphenated) || indefinite)
                {
                    i = end - 1;
                    continue;
                }

                state = ContextState(sentence, mentions, i, _lastStateFor.GetValueOrDefault(first) ?? _mainState);
            }

            if (state is null)
            {
                i = end - 1;
                continue;
            }

            _lastStateFor[first] = state;
            m.ActorId = state;
            m.ActorKind = Draft(state)?.Kind;
            mentions.Add(m);
            covered = Covered(tokens.Count, mentions);
            i = end - 1;
        }
    }

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
            var list = s == sentence.Index ? mentions : _mentions[s];
            var tokens = _sentences[s].Tokens;
            for (int k = list.Count - 1; k >= 0; k--)
            {
                var m = list[k];
                if ((s == sentence.Index && m.End > at) || m.Kind == MentionKind.Location || m.ActorId is null
                    || (m.Start > 0 && Locatives.Contains(tokens[m.Start - 1].Lower)))
                {
                    continue;
                }

                if (StateOf(m) is not { } state)
                {
                    // An opposition politician ("Labour leader Jeremy Corbyn", CAMEO GBROPP) speaks of his own country's
                    // government, and in the sentence itself settles it.
                    if (CodedState(m.ActorId) is { } home && (s == sentence.Index || !salientSeen))
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
                if (s == sentence.Index && m.End < tokens.Count && tokens[m.End].Lower is "conflict" or "war" or "civil" or "crisis")
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

    // The state a person's CAMEO code names when no office ties them to it: "GBROPP" is Britain's opposition.
    private string? CodedState(string id) =>
        Draft(id) is { Kind: ActorKind.Person } d && d.Codes.TryGetValue("cameo", out var cameo) && cameo.Length >= 3
        && _kb.Find(cameo[..3]) is { Kind: ActorKind.Country } state ? state.Id : null;

    // "Institute for International and Strategic Relations", "Al-Watan newspaper", "Syrian Network for Human Rights".
    private void FindOrganisations(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var covered = Covered(tokens.Count, mentions);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i] || !tokens[i].IsCapitalised || !tokens[i].IsWord)
            {
                continue;
            }

            int start = i;
            if (tokens[i].Text is "The" or "A" or "An")
            {
                start++;
            }

            int end = start;
            bool head = false;
            while (end < tokens.Count && !covered[end])
            {
                var t = tokens[end];
                if (t.IsWord && t.IsCapitalised && !IsMonthOrDay(t.Text))
                {
                    head |= _lex.OrgHeads.Contains(t.Lower);
                    end++;
                }
                else if (end > start && (t.Lower is "of" or "for" or "and" or "the" or "on" or "&" || (t.Text == "-" && !t.SpaceBefore))
                    && !(end + 1 < tokens.Count && IsMonthOrDay(tokens[end + 1].Text))
                    && end + 1 < tokens.Count && tokens[end + 1].IsCapitalised && !covered[end + 1])
                {
                    end++;
                }
                else
                {
                    break;
                }
            }

            int words = Enumerable.Range(start, end - start).Count(k => tokens[k].IsWord && tokens[k].IsCapitalised);
            bool media = end > start && end < tokens.Count && _lex.MediaHeads.Match(tokens, end) is { Length: > 0 } && tokens[end].IsWord && !tokens[end].IsCapitalised;
            // "the Czechoslovak news agency Ceteka": a lone nationality adjective before a media word names no organisation.
            bool adjective = words == 1 && end - start == 1 && tokens[start].Lower is var lone
                && (lone.EndsWith("ian", StringComparison.Ordinal) || lone.EndsWith("ese", StringComparison.Ordinal) || lone.EndsWith("ish", StringComparison.Ordinal)
                    || lone.EndsWith("ak", StringComparison.Ordinal) || lone.EndsWith("av", StringComparison.Ordinal));
            if (words >= 2 && (head || media) || words >= 1 && media && !adjective)
            {
                // A state name glued in front belongs to the organisation: "Russian Defence Ministry".
                Mention? state = start > 0 ? MentionAt(mentions, start - 1) : null;
                if (state is not null && state.End == start && state.ActorKind is ActorKind.Country && tokens[state.Start].IsCapitalised && head)
                {
                    start = state.Start;
                    mentions.Remove(state);
                }
                else
                {
                    state = null;
                }

                string name = Surface(sentence, start, end);
                var draft = Ensure(ActorDraft.Slug(name), name, ActorKind.Organization);
                if (state?.ActorId is { } s)
                {
                    draft.Affiliate(s, "body");
                }

                mentions.Add(new Mention(start, end, draft.Id, MentionKind.NewName, name) { ActorKind = ActorKind.Organization });
                covered = Covered(tokens.Count, mentions);
                i = end - 1;
            }
            else
            {
                i = Math.Max(i, end - 1);
            }
        }
    }

    // "White House spokesman Josh Earnest", "Syrian Foreign Minister Walid Muallem", "the EU commissioner …, Christos
    // Stylianides", "a US official", "the Russian leader".
    private void FindTitledPersons(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord)
            {
                continue;
            }

            var (len, titles) = _lex.Titles.Match(tokens, i);
            var covered = len == 0 ? null : Covered(tokens.Count, mentions);
            if (len == 0 || titles is null || covered is null || covered[i])
            {
                continue;
            }

            int end = i + len;
            string title = titles[0];
            while (end < tokens.Count && !covered[end] && _lex.Titles.Match(tokens, end) is { Length: > 0 } more)
            {
                title = more.Values![0];
                end += more.Length;
            }

            string role = Surface(sentence, i, end).ToLowerInvariant();
            var qualifier = Qualifier(tokens, mentions, i);
            int from = qualifier?.Start ?? i;
            string? determiner = from > 0 ? tokens[from - 1].Lower : null;
            if (from > 1 && determiner is "senior" or "top" or "high-ranking" or "junior" or "leading" or "visiting")
            {
                determiner = tokens[from - 2].Lower; // "a senior British minister"
            }

            if (from > 0 && tokens[from - 1].IsPossessive && from > 1)
            {
                determiner = null;
            }

            // The name right after the title, or an apposition ", Name," after "the … commissioner for …".
            Mention? person = end < tokens.Count ? MentionAt(mentions, end) : null;
            if (person is not null && person.Start != end)
            {
                person = null;
            }

            if (person is not null && person.ActorKind != ActorKind.Person)
            {
                i = end - 1;
                continue;
            }

            bool honorific = title.TrimEnd('.') is "mr" or "mrs" or "ms" or "dr" or "sir" or "lady" or "lord";
            if (person is null && NameEnd(tokens, end, covered) is var nameEnd && WordCount(tokens, end, nameEnd) >= (honorific ? 1 : 2))
            {
                person = NewPerson(sentence, mentions, end, nameEnd);
            }

            bool ownedTitle = qualifier is not null && qualifier.End < tokens.Count && tokens[qualifier.End].IsPossessive;
            if (person is null && (determiner is "the" || ownedTitle))
            {
                for (int k = end; k < Math.Min(tokens.Count - 1, end + 10); k++)
                {
                    if (tokens[k].Text == ",")
                    {
                        if (MentionAt(mentions, k + 1) is { ActorKind: ActorKind.Person, Kind: MentionKind.Named } known && known.Start == k + 1)
                        {
                            person = known;
                        }
                        else if (NameEnd(tokens, k + 1, covered) is var e2 && WordCount(tokens, k + 1, e2) >= 2)
                        {
                            person = NewPerson(sentence, mentions, k + 1, e2);
                        }

                        break;
                    }

                    if (covered[k] || tokens[k].Text is "." or ";")
                    {
                        break;
                    }
                }
            }

            if (person?.ActorId is { } pid)
            {
                var draft = Draft(pid)!;
                draft.Title ??= title;
                if (qualifier is not null && Principal(qualifier) is { } by && !draft.Affiliations.Any(a => a.IsInForceOn(_day)))
                {
                    draft.Affiliate(by, role);
                }

                if (qualifier is not null && person.Start == end)
                {
                    Consume(mentions, qualifier);
                    person.Start = qualifier.Start;
                }
                else if (person.Start == end)
                {
                    person.Start = i;
                }

                i = person.End - 1;
                continue;
            }

            // "Emmanuel Macron, France's president,": an owned title in apposition describes the person before it.
            if (ownedTitle && qualifier!.Start >= 2 && tokens[qualifier.Start - 1].Text == "," && MentionAt(mentions, qualifier.Start - 2) is { ActorKind: ActorKind.Person, ActorId: { } named } before
                && before.End == qualifier.Start - 1)
            {
                var draft = Draft(named)!;
                if (Principal(qualifier) is { } by && !draft.Affiliations.Any(a => a.IsInForceOn(_day)))
                {
                    draft.Affiliate(by, role);
                }

                i = end - 1;
                continue;
            }

            if ((determiner is "a" or "an" || ownedTitle) && qualifier is not null && Principal(qualifier) is { } state && end <= tokens.Count)
            {
                // "a US official said", "Japan's foreign minister said": the state speaks through an unnamed official.
                Consume(mentions, qualifier);
                mentions.Add(new Mention(qualifier.Start, end, state, MentionKind.Coreference, Surface(sentence, qualifier.Start, end)) { ActorKind = Draft(state)?.Kind });
                i = end - 1;
                continue;
            }

            if (determiner is "the" && qualifier is not null && _lex.HeadsOfState.Contains(title) && StateOf(qualifier) is { } headOf
                && (end >= tokens.Count || tokens[end].Lower != "s") && HeadOf(headOf, title) is { } head)
            {
                Consume(mentions, qualifier);
                mentions.Add(new Mention(qualifier.Start, end, head, MentionKind.Coreference, Surface(sentence, qualifier.Start, end)) { ActorKind = ActorKind.Person });
                i = end - 1;
            }
        }
    }

    private Mention NewPerson(Sentence sentence, List<Mention> mentions, int start, int end)
    {
        string name = Surface(sentence, start, end);

        // "Sky News said", "told the Sydney Morning Herald": a speaker named like a publication is an organisation.
        string last = sentence.Tokens[end - 1].Lower;
        var kind = _lex.MediaNames.Contains(last) || _lex.OrgHeads.Contains(last) ? ActorKind.Organization : ActorKind.Person;
        var draft = Ensure(ActorDraft.Slug(name), name, kind);
        var m = new Mention(start, end, draft.Id, MentionKind.NewName, name) { ActorKind = draft.Kind };
        mentions.Add(m);
        return m;
    }

    // "Karim Bitar, head of research at the Institute …", "said Ghassan Mediah", "Hassan Abdel-Azim said".
    private void FindFramedNames(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!IsNameStart(tokens, i))
            {
                continue;
            }

            var covered = Covered(tokens.Count, mentions);
            if (covered[i])
            {
                continue;
            }

            int end = NameEnd(tokens, i, covered);
            if (WordCount(tokens, i, end) < 2)
            {
                i = Math.Max(i, end - 1);
                continue;
            }

            bool saidBefore = i > 0 && _lex.Reporting.Contains(tokens[i - 1].Lower) || i > 1 && tokens[i - 1].Lower == "to" && tokens[i - 2].Lower == "according";
            bool saidAfter = end < tokens.Count && _lex.Reporting.Contains(tokens[end].Lower);
            int titleAt = end + 1 < tokens.Count && tokens[end].Text == "," ? end + 1 : -1;
            if (titleAt > 0 && tokens[titleAt].Lower is "the" or "a" or "an")
            {
                titleAt++;
            }

            bool apposition = titleAt > 0 && titleAt < tokens.Count && _lex.Titles.Match(tokens, titleAt).Length > 0;
            bool who = end + 1 < tokens.Count && tokens[end].Text == "," && tokens[end + 1].Lower == "who";
            if (!(saidBefore || saidAfter || apposition || who))
            {
                i = end - 1;
                continue;
            }

            var person = NewPerson(sentence, mentions, i, end);
            if (apposition)
            {
                var draft = Draft(person.ActorId!)!;
                int titleLen = _lex.Titles.Match(tokens, titleAt).Length;
                draft.Title ??= tokens[titleAt].Lower;
                for (int k = titleAt + titleLen; k < Math.Min(tokens.Count, titleAt + 14); k++)
                {
                    if (tokens[k].Text is "," or "." or ";")
                    {
                        break;
                    }

                    if (MentionAt(mentions, k) is { ActorKind: ActorKind.Country or ActorKind.Organization or ActorKind.ArmedGroup } org && org.Start == k)
                    {
                        draft.Affiliate(org.ActorId!, Surface(sentence, titleAt, titleAt + titleLen).ToLowerInvariant());
                        break;
                    }
                }
            }

            i = end - 1;
        }
    }

    // "he", "the envoy", "the monitor", "the UN's pointman on Syria".
    private void FindCoreference(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var covered = Covered(tokens.Count, mentions);
        var added = new List<Mention>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i])
            {
                continue;
            }

            string w = tokens[i].Lower;
            if (w is "he" or "she")
            {
                if (LastPersonBefore(sentence.Index, mentions, i, PronounSentences) is { } p)
                {
                    added.Add(new Mention(i, i + 1, p, MentionKind.Coreference, tokens[i].Text) { ActorKind = ActorKind.Person });
                }

                continue;
            }

            if (!_lex.CorefNouns.TryGetValue(w, out var heads) || i == 0)
            {
                continue;
            }

            // Only "the envoy", "the monitor", "the UN's pointman": a definite description, not "an envoy".
            int d = i - 1;
            Mention? owner = null;
            if (d >= 1 && tokens[d].IsPossessive && MentionAt(mentions, d - 1) is { } o)
            {
                owner = o;
                d = o.Start - 1;
            }
            else if (d >= 1 && tokens[d].IsWord && !tokens[d].IsCapitalised && tokens[d].Lower != "the")
            {
                d--;
            }

            if (d < 0 || tokens[d].Lower != "the" || (i + 1 < tokens.Count && IsNameStart(tokens, i + 1)))
            {
                continue;
            }

            if (Antecedent(heads, owner?.ActorId) is { } id)
            {
                int end = i + 1;
                if (end + 1 < tokens.Count && tokens[end].Lower is "on" or "for" && MentionAt(mentions, end + 1) is { } topic && topic.Start == end + 1)
                {
                    mentions.Remove(topic); // "the UN's pointman on Syria" is one description
                    end = topic.End;
                }

                if (owner is not null)
                {
                    Consume(mentions, owner);
                }

                added.Add(new Mention(d + 1, end, id, MentionKind.Coreference, Surface(sentence, d + 1, end)) { ActorKind = Draft(id)?.Kind });
                i = end - 1;
            }
        }

        mentions.AddRange(added);
    }

    // "he" is the last person named in this sentence or the few before it. Further back the article has usually moved on to
    // someone it does not name ("he was taken hostage" of an unnamed aid worker), and a guess is worse than nothing; a
    // quotation's "…, he said" may close a longer quoted passage, so it looks further.
    private string? LastPersonBefore(int sentence, List<Mention> mentions, int at, int back)
    {
        for (int s = sentence; s >= Math.Max(0, sentence - back); s--)
        {
            var list = s == sentence ? mentions : _mentions[s];
            for (int k = list.Count - 1; k >= 0; k--)
            {
                if ((s < sentence || list[k].End <= at) && list[k].ActorKind == ActorKind.Person && list[k].ActorId is { } id)
                {
                    return id;
                }
            }
        }

        return null;
    }

    private string? Antecedent(string[] heads, string? owner)
    {
        for (int k = _recent.Count - 1; k >= 0; k--)
        {
            var d = Draft(_recent[k]);
            if (d is null || d.Kind == ActorKind.Location)
            {
                continue;
            }

            string described = d.Kind == ActorKind.Person
                ? (d.Title ?? string.Empty) + " " + string.Join(' ', d.Affiliations.Where(a => a.IsInForceOn(_day)).Select(a => a.Role))
                : d.Name.ToLowerInvariant();
            if (heads.Any(h => described.Contains(h, StringComparison.OrdinalIgnoreCase))
                && (owner is null || d.Affiliations.Any(a => a.ActorId == owner)))
            {
                return d.Id;
            }
        }

        return null;
    }

    private string? HeadOf(string state, string title)
    {
        foreach (var a in _kb.Actors)
        {
            if (a.Kind == ActorKind.Person && a.RolesOn(_day).Any(r => r.ActorId == state && (r.Role.Contains(title, StringComparison.OrdinalIgnoreCase) || (title == "leader" && _lex.HeadsOfState.Contains(r.Role.ToLowerInvariant())))))
            {
                return Draft(a.Id)!.Id;
            }
        }

        return null;
    }

    private void LearnName(ActorDraft person)
    {
        var tokens = Tokenizer.Tokenize(person.Name);
        if (tokens.Count < 2)
        {
            return;
        }

        _learnt.Add(tokens.Select(t => t.Lower).ToArray(), person.Id);

        // The surname: the last word with its particles and hyphens ("de Mistura", "Abdel-Azim").
        int s = tokens.Count - 1;
        while (s > 0 && (tokens[s - 1].Text == "-" || tokens[s].Text == "-" || _lex.NameParticles.Contains(tokens[s - 1].Lower)))
        {
            s--;
        }

        if (s > 0 && tokens[^1].Text.Length > 2)
        {
            _learnt.Add(tokens.Skip(s).Select(t => t.Lower).ToArray(), person.Id);
        }
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    private ActorDraft? Draft(string id)
    {
        if (_actors.TryGetValue(id, out var draft))
        {
            return draft;
        }

        if (_kb.Find(id) is not { } known)
        {
            return null;
        }

        draft = new ActorDraft(known.Id, known.Name, known.Kind) { Known = known };
        foreach (var c in known.Codes)
        {
            draft.Codes[c.Key] = c.Value;
        }

        foreach (var r in known.RolesOn(_day))
        {
            if (r.Role != "located in")
            {
                draft.Affiliations.Add(r);
            }
        }

        _actors[id] = draft;
        return draft;
    }

    private ActorDraft Ensure(string id, string name, ActorKind kind)
    {
        if (Draft(id) is { } existing)
        {
            return existing;
        }

        var draft = new ActorDraft(id, name, kind);
        _actors[id] = draft;
        return draft;
    }

    /// <summary>The actor a mention speaks for: a person's state or organisation, or the actor itself.</summary>
    private string? Principal(Mention m) => m.ActorId is null ? null : m.ActorKind == ActorKind.Person ? Draft(m.ActorId)?.Principal ?? m.ActorId : m.ActorId;

    private string? StateOf(Mention m) => m.ActorId is null ? null : StateOf(m.ActorId);

    private string? StateOf(string id)
    {
        var d = Draft(id);
        if (d is null)
        {
            return null;
        }

        return d.Kind switch
        {
            ActorKind.Country => d.Id,
            ActorKind.Person => d.Affiliations.FirstOrDefault(a => a.IsInForceOn(_day) && Draft(a.ActorId)?.Kind == ActorKind.Country)?.ActorId,
            ActorKind.Organization => d.Affiliations.FirstOrDefault(a => Draft(a.ActorId)?.Kind == ActorKind.Country)?.ActorId,
            _ => null,
        };
    }

    // The mention right before m: "Syrian| rebels", "Assad|'s forces", "Russian|-led".
    private static Mention? AdjacentBefore(List<Token> tokens, List<Mention> mentions, Mention m)
    {
        int k = m.Start - 1;
        if (k >= 0 && (tokens[k].IsPossessive || (tokens[k].Text == "-" && !tokens[k].SpaceBefore)))
        {
            k--;
        }

        if (k < 0)
        {
            return null;
        }

        var q = MentionAt(mentions, k);
        return q is not null && q.End == k + 1 && q.ActorId is not null && q.Kind != MentionKind.Location ? q : null;
    }

    // The state or organisation in front of a title: "White House| spokesman", "the UN's Syria| envoy", "Save the Children's
    // Syria response| director". A possessive owner wins over a topic.
    private static Mention? Qualifier(List<Token> tokens, List<Mention> mentions, int titleStart)
    {
        int k = titleStart - 1;
        int gap = 0;
        Mention? chosen = null;
        while (k >= 0)
        {
            var m = MentionAt(mentions, k);
            if (m is not null && m.End == k + 1 && m.ActorId is not null && m.Kind != MentionKind.Location)
            {
                bool possessive = m.End < tokens.Count && tokens[m.End].IsPossessive;
                if (chosen is null || possessive)
                {
                    chosen = m;
                }

                if (possessive)
                {
                    break;
                }

                k = m.Start - 1;
                gap = 0;
                continue;
            }

            if (tokens[k].IsPossessive || (tokens[k].Text == "-" && !tokens[k].SpaceBefore))
            {
                k--;
                continue;
            }

            if (chosen is null && gap < 2 && tokens[k].IsWord && !tokens[k].IsCapitalised && tokens[k].Lower is not ("the" or "a" or "an" or "and" or "of" or "said" or "says" or "by"))
            {
                gap++;
                k--;
                continue;
            }

            break;
        }

        return chosen;
    }

    private void Merge(List<Mention> mentions, Mention qualifier, Mention into, Sentence sentence)
    {
        Consume(mentions, qualifier);
        into.Start = Math.Min(into.Start, qualifier.Start);
        into.Surface = Surface(sentence, into.Start, into.End);
    }

    // A name folded into a larger mention ("Syrian| Foreign Minister …") was still named in the article.
    private void Consume(List<Mention> mentions, Mention qualifier)
    {
        mentions.Remove(qualifier);
        if (qualifier.ActorId is { } id && Draft(id) is { } d && qualifier.Kind is MentionKind.Named or MentionKind.NewName)
        {
            d.AddAlias(qualifier.Surface);
            d.Named = true;
        }
    }

    private static Mention? MentionAt(List<Mention> mentions, int token)
    {
        foreach (var m in mentions)
        {
            if (m.Start <= token && token < m.End)
            {
                return m;
            }
        }

        return null;
    }

    private static bool[] Covered(int count, List<Mention> mentions)
    {
        var covered = new bool[count];
        foreach (var m in mentions)
        {
            for (int k = m.Start; k < m.End && k < count; k++)
            {
                covered[k] = true;
            }
        }

        return covered;
    }

    private bool IsNameStart(List<Token> tokens, int i) =>
        tokens[i].IsWord && tokens[i].IsCapitalised && !CapitalisedFunctionWords.Contains(tokens[i].Text) && _lex.Titles.Match(tokens, i).Length == 0
        || (_lex.NameParticles.Contains(tokens[i].Lower) && i + 1 < tokens.Count && (tokens[i + 1].IsCapitalised || tokens[i + 1].Text == "-"));

    // A run of capitalised words with particles and hyphens: "Staffan de Mistura", "Hassan Abdel-Azim", "Bashar al-Assad".
    private int NameEnd(List<Token> tokens, int i, bool[] covered)
    {
        if (i >= tokens.Count || !IsNameStart(tokens, i))
        {
            return i;
        }

        int end = i;
        int words = 0;
        while (end < tokens.Count && !covered[end] && words < 5)
        {
            var t = tokens[end];
            bool glued = end + 1 < tokens.Count && !tokens[end + 1].SpaceBefore;
            if (t.IsWord && t.IsCapitalised && !CapitalisedFunctionWords.Contains(t.Text) && !IsMonthOrDay(t.Text))
            {
                words++;
                end++;
            }
            else if (t.Text == "-" && !t.SpaceBefore && end > i && glued && end + 1 < tokens.Count && tokens[end + 1].IsWord)
            {
                end++;
            }
            else if (_lex.NameParticles.Contains(t.Lower) && end + 1 < tokens.Count && (tokens[end + 1].IsCapitalised || (tokens[end + 1].Text == "-" && glued)))
            {
                end++;
            }
            else
            {
                break;
            }
        }

        while (end > i && !tokens[end - 1].IsCapitalised)
        {
            end--;
        }

        return end;
    }

    private static int WordCount(List<Token> tokens, int start, int end)
    {
        int n = 0;
        for (int k = start; k < end; k++)
        {
            if (tokens[k].IsWord && tokens[k].IsCapitalised && (k == start || tokens[k].SpaceBefore))
            {
                n++;
            }
        }

        return n;
    }

    private static bool IsMonthOrDay(string word) => EventDates.MonthOf(word) > 0 || EventDates.DayOfWeekOf(word) is not null;

    private static string Surface(Sentence sentence, int start, int end)
    {
        var tokens = sentence.Tokens;
        return sentence.Text[(tokens[start].Start - sentence.Start)..(tokens[end - 1].End - sentence.Start)];
    }
}
