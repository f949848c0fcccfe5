using System.Collections.Concurrent;
using Graph.Core.Domain;
using Graph.Core.Storage;
using GraphQL.DataLoader;

namespace Graph.Api.Loading;

/// <summary>What <c>Actor.relationships</c> asks the store for, apart from the actor: equal queries share one batch.</summary>
internal sealed record ActorEvidenceQuery(Direction Direction, string Types, string Modalities, DateOnly? Since, DateOnly? Until, double? MinConfidence)
{
    public static ActorEvidenceQuery Of(Direction direction, IEnumerable<RelationType>? types, IEnumerable<Modality> modalities, DateOnly? since, DateOnly? until, double? minConfidence) =>
        new(direction, Key(types), Key(modalities), since, until, minConfidence);

    public EvidenceFilter Filter(IReadOnlyCollection<string> actorIds) => new()
    {
        ActorIds = Direction == Direction.Both ? actorIds : [],
        SourceIds = Direction == Direction.Outgoing ? actorIds : [],
        TargetIds = Direction == Direction.Incoming ? actorIds : [],
        Types = Parse<RelationType>(Types),
        Modalities = Parse<Modality>(Modalities),
        Since = Since,
        Until = Until,
        MinConfidence = MinConfidence,
    };

    private static string Key<T>(IEnumerable<T>? values) where T : struct, Enum =>
        string.Join(',', (values ?? []).Distinct().Order());

    private static T[] Parse<T>(string key) where T : struct, Enum =>
        key.Length == 0 ? [] : [.. key.Split(',').Select(Enum.Parse<T>)];
}

/// <summary>
/// Per-request batching and caching of store reads, so that nested fields ask the store once per level of the
/// query rather than once per row (no N+1).
/// </summary>
internal sealed class RequestLoader(IGraphStore store)
{
    private readonly Batch<string, Actor> _actors = new(store.GetActorsAsync);
    private readonly Batch<string, StoredArticle> _articles = new(async (ids, ct) =>
    {
        // The store has no batch read for articles; these are few (one per distinct article), and cached.
        var found = new Dictionary<string, StoredArticle>();
        foreach (var id in ids)
        {
            if (await store.GetArticleAsync(id, ct) is { } article)
            {
                found[id] = article;
            }
        }

        return found;
    });

    private readonly Batch<string, IReadOnlyList<Evidence>> _articleEvidence = new(async (ids, ct) =>
    {
        var found = new Dictionary<string, IReadOnlyList<Evidence>>();
        foreach (var id in ids)
        {
            found[id] = await store.GetEvidenceAsync(new EvidenceFilter { ArticleId = id }, ct);
        }

        return found;
    });

    private readonly ConcurrentDictionary<ActorEvidenceQuery, Batch<string, IReadOnlyList<Evidence>>> _actorEvidence = new();

    public IGraphStore Store => store;

    public IDataLoaderResult<Actor?> Actor(string id) => _actors.Load(id);

    public IDataLoaderResult<StoredArticle?> Article(string id) => _articles.Load(id);

    public IDataLoaderResult<IReadOnlyList<Evidence>?> EvidenceOfArticle(string id) => _articleEvidence.Load(id);

    public IDataLoaderResult<IReadOnlyList<Evidence>?> EvidenceOfActor(string actorId, ActorEvidenceQuery query) =>
        _actorEvidence.GetOrAdd(query, q => new Batch<string, IReadOnlyList<Evidence>>((ids, ct) => EvidenceOfActorsAsync(ids, q, ct))).Load(actorId);

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<Evidence>>> EvidenceOfActorsAsync(IReadOnlyCollection<string> ids, ActorEvidenceQuery query, CancellationToken ct)
    {
        var rows = await store.GetEvidenceAsync(query.Filter(ids), ct);
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var byActor = ids.ToDictionary(id => id, _ => new List<Evidence>(), StringComparer.Ordinal);
        foreach (var e in rows)
        {
            if (query.Direction != Direction.Incoming && wanted.Contains(e.Source))
            {
                byActor[e.Source].Add(e);
            }

            if (query.Direction != Direction.Outgoing && wanted.Contains(e.Target) && (query.Direction == Direction.Incoming || e.Target != e.Source))
            {
                byActor[e.Target].Add(e);
            }
        }

        return byActor.ToDictionary(p => p.Key, p => (IReadOnlyList<Evidence>)p.Value, StringComparer.Ordinal);
    }
}
