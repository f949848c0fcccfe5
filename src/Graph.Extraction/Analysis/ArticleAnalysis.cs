using Graph.Core.Domain;
using Graph.Extraction.Events;
using Graph.Extraction.Mentions;
using Graph.Extraction.Pipeline;
using Graph.Extraction.Text;

namespace Graph.Extraction.Analysis;

/// <summary>
/// Everything learnt from one article while it is read: sentences, actor mentions, relations. One instance per article
/// keeps <see cref="RuleExtractor"/> itself stateless and thread-safe.
/// </summary>
internal sealed partial class ArticleAnalysis : IActorBook
{
    private readonly ExtractorData _data;
    private readonly ActorKnowledge _kb;
    private readonly Article _article;
    private readonly DateOnly? _day;
    private readonly List<Sentence> _sentences;
    private readonly MentionFinder _mentionFinder;
    private readonly ArticleActors _actors;

    public ArticleAnalysis(ExtractorData data, Article article)
    {
        _data = data;
        _kb = data.Kb;
        _article = article;
        _day = article.PublishedDay;
        _sentences = Segmenter.Split(article.Text ?? string.Empty, data.Page);
        _mentionFinder = new MentionFinder(data, _sentences, _day);
        _actors = _mentionFinder.Actors;
    }

    public ArticleExtraction Run()
    {
        var mentions = _mentionFinder.FindAll();
        var relations = new List<Relation>();
        for (int s = 0; s < _sentences.Count; s++)
        {
            FindEvents(_sentences[s], mentions[s], relations);
        }

        var drafted = _actors.Drafted;
        var used = new HashSet<string>(relations.SelectMany(r => new[] { r.Source, r.Target }), StringComparer.Ordinal);
        var chosen = drafted.Values
            .Where(a => a.Kind != ActorKind.Location && (used.Contains(a.Id) || (a.Named && a.Kind != ActorKind.Group)))
            .ToList();

        // Whom the chosen people speak for ("opposition figure" -> the Syrian opposition) is part of the picture too.
        var affiliated = chosen.Where(a => a.Kind == ActorKind.Person)
            .SelectMany(a => a.Affiliations.Where(f => f.IsInForceOn(_day)).Select(f => f.ActorId))
            .Where(id => drafted.TryGetValue(id, out var d) && d.Kind != ActorKind.Location && !chosen.Contains(d))
            .Distinct(StringComparer.Ordinal)
            .Select(id => drafted[id])
            .ToList();
        var actors = chosen.Concat(affiliated).Select(a => a.ToActor()).ToList();
        return new ArticleExtraction(ArticleInfo.From(_article), actors, relations);
    }

    // The event stage dates each sentence's events with it.
    private EventDates EventDates => _data.Dates;

    private ActorDraft? Draft(string id) => _actors.Find(id);

    private ActorDraft Ensure(string id, string name, ActorKind kind) => _actors.Ensure(id, name, kind);
}
