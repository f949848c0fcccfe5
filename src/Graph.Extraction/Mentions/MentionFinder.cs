using Graph.Core.Domain;
using Graph.Extraction.Pipeline;
using Graph.Extraction.Text;

namespace Graph.Extraction.Mentions;

/// <summary>
/// The mention stage for one article: first the knowledge base's names in every sentence, which say what state the
/// article is about; then, sentence by sentence, the actors only the text shows (learnt names, generic groups, state
/// organs, organisations, titled and framed persons, coreference), each pass seeing what the ones before it found.
/// </summary>
internal sealed class MentionFinder
{
    private readonly MentionContext _context;
    private readonly Gazetteer _gazetteer;
    private readonly LearntNames _learnt;
    private readonly Collectives _collectives;
    private readonly StateNouns _stateNouns;
    private readonly Organisations _organisations;
    private readonly TitledPersons _titled;
    private readonly FramedNames _framed;
    private readonly Coreference _coreference;
    private readonly ContextReferents _contextReferents;
    private readonly Officials _officials;

    public MentionFinder(ExtractorData data, IReadOnlyList<Sentence> sentences, DateOnly? day)
    {
        var lexicon = data.Mentions;
        var kb = data.Kb;
        _context = new MentionContext(kb, lexicon, data.Language, data.Events, sentences, day);
        var names = new NameShape(lexicon, data.Language.Closed, data.Dates);
        _gazetteer = new Gazetteer(kb, data.Misspellings, lexicon, names);
        _learnt = new LearntNames(lexicon);
        _collectives = new Collectives(_context);
        _stateNouns = new StateNouns(_context);
        _organisations = new Organisations(_context, names);
        _titled = new TitledPersons(_context, names);
        _framed = new FramedNames(_context, names);
        _coreference = new Coreference(_context, names);
        _contextReferents = new ContextReferents(_context);
        _officials = new Officials(_context);
    }

    public ArticleActors Actors => _context.Actors;

    /// <summary>The mentions of each sentence, in token order.</summary>
    public List<Mention>[] FindAll()
    {
        var sentences = _context.Sentences;
        var found = _context.Found;
        for (int s = 0; s < sentences.Count; s++)
        {
            found[s] = _gazetteer.Find(sentences[s]);
        }

        _context.MainState = MainState();
        for (int s = 0; s < sentences.Count; s++)
        {
            Recognise(sentences[s], found[s]);
        }

        return found;
    }

    // The state the article is most about. A city of the world table counts for nothing: it says where, and an overview
    // that names one town of a country in passing is not about that country.
    private string? MainState()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int order = 0;
        foreach (var list in _context.Found)
        {
            foreach (var m in list)
            {
                string? state = m.ActorKind == ActorKind.Country ? m.ActorId
                    : m.ActorKind == ActorKind.Person && m.ActorId is { } p ? Actors.StateOf(p)
                    : m.Kind == MentionKind.Location && m.ActorId is { } l ? (_context.Kb.Find(l) is { Roles.Count: > 0, FromWorldTable: false } place ? place.Roles[0].ActorId : null)
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

    private void Recognise(Sentence sentence, List<Mention> mentions)
    {
        _learnt.Find(sentence, mentions);
        _collectives.Find(sentence, mentions);
        _contextReferents.Find(sentence, mentions);
        _stateNouns.Find(sentence, mentions);
        _organisations.Find(sentence, mentions);
        _titled.Find(sentence, mentions);
        _framed.Find(sentence, mentions);
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        _coreference.Find(sentence, mentions);
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        _officials.Affiliate(sentence, mentions);

        foreach (var m in mentions)
        {
            if (m.ActorId is null)
            {
                continue;
            }

            var draft = Actors.Find(m.ActorId);
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

            _context.Recent.Remove(m.ActorId);
            _context.Recent.Add(m.ActorId);
            if (draft.Kind == ActorKind.Person && m.Kind != MentionKind.Coreference)
            {
                _learnt.Learn(draft);
            }
        }
    }
}
