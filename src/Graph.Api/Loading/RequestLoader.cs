using System.Collections.Concurrent;
using Graph.Core.Domain;
using Graph.Core.Queries;
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

    private readonly ConcurrentDictionary<ActorEvidenceQuery, Batch<string, IReadOnlyList<RelationshipView>>> _actorRelationships = new();

    // Keyed by the scope instance: the relationships of one list share it, so a level of the query is one read.
    private readonly ConcurrentDictionary<(EvidenceFilter Scope, int First), Batch<RelationshipKey, IReadOnlyList<Evidence>>> _strongest = new();

    public IGraphStore Store => store;

    public IDataLoaderResult<Actor?> Actor(string id) => _actors.Load(id);

    public IDataLoaderResult<StoredArticle?> Article(string id) => _articles.Load(id);

    public IDataLoaderResult<IReadOnlyList<Evidence>?> EvidenceOfArticle(string id) => _articleEvidence.Load(id);

    /// <summary>The actor's relationships from the store's sums; their sentences are read only for the ones shown.</summary>
    public IDataLoaderResult<IReadOnlyList<RelationshipView>?> RelationshipsOfActor(string actorId, ActorEvidenceQuery query) =>
        _actorRelationships.GetOrAdd(query, q => new Batch<string, IReadOnlyList<RelationshipView>>((ids, ct) => RelationshipsOfActorsAsync(ids, q, ct))).Load(actorId);

    /// <summary>The strongest evidence of a relationship built from sums: every one asked for at a level is read in one statement.</summary>
    public IDataLoaderResult<IReadOnlyList<Evidence>?> StrongestOf(RelationshipKey key, EvidenceFilter scope, int first) =>
        _strongest.GetOrAdd((scope, first), k => new Batch<RelationshipKey, IReadOnlyList<Evidence>>(async (keys, ct) =>
        {
            var found = keys.ToDictionary(x => x, _ => new List<Evidence>());
            foreach (var e in await store.GetStrongestEvidenceAsync(keys, k.Scope, k.First, ct))
            {
                if (found.TryGetValue(new RelationshipKey(e.Source, e.Target, e.Type), out var list))
                {
                    list.Add(e);
                }
            }

            return found.ToDictionary(p => p.Key, p => (IReadOnlyList<Evidence>)[.. p.Value.StrongestFirst()]);
        })).Load(key);

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<RelationshipView>>> RelationshipsOfActorsAsync(IReadOnlyCollection<string> ids, ActorEvidenceQuery query, CancellationToken ct)
    {
        var filter = query.Filter(ids);
        var rows = await store.GetRelationshipTotalsAsync(filter, ct: ct);
        var scope = filter with { ActorIds = [], SourceIds = [], TargetIds = [] };
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var byActor = ids.ToDictionary(id => id, _ => new List<RelationshipTotal>(), StringComparer.Ordinal);
        foreach (var t in rows)
        {
            if (query.Direction != Direction.Incoming && wanted.Contains(t.Source))
            {
                byActor[t.Source].Add(t);
            }

            if (query.Direction != Direction.Outgoing && wanted.Contains(t.Target) && (query.Direction == Direction.Incoming || t.Target != t.Source))
            {
                byActor[t.Target].Add(t);
            }
        }

        return byActor.ToDictionary(p => p.Key, p => RelationshipView.FromTotals(p.Value, scope), StringComparer.Ordinal);
    }
}
