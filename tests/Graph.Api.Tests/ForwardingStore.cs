using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Api.Tests;

/// <summary>Passes every call to the real store; tests override what they observe or disturb.</summary>
internal class ForwardingStore(IGraphStore inner) : IGraphStore
{
    public virtual Task InitializeAsync(CancellationToken ct = default) => inner.InitializeAsync(ct);

    public virtual Task<SaveResult?> CheckAsync(Article article, string extractorVersion, bool skipDuplicateText = false, CancellationToken ct = default) =>
        inner.CheckAsync(article, extractorVersion, skipDuplicateText, ct);

    public virtual Task<SaveResult> SaveArticleAsync(Article article, ArticleExtraction extraction, string extractorVersion, CancellationToken ct = default) =>
        inner.SaveArticleAsync(article, extraction, extractorVersion, ct);

    public virtual Task<IReadOnlyList<SaveResult>> SaveArticlesAsync(IReadOnlyList<ArticleToSave> articles, string extractorVersion, CancellationToken ct = default) =>
        inner.SaveArticlesAsync(articles, extractorVersion, ct);

    public virtual Task<StoreStats> GetStatsAsync(CancellationToken ct = default) => inner.GetStatsAsync(ct);

    public virtual Task<Actor?> GetActorAsync(string id, CancellationToken ct = default) => inner.GetActorAsync(id, ct);

    public virtual Task<IReadOnlyDictionary<string, Actor>> GetActorsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) => inner.GetActorsAsync(ids, ct);

    public virtual Task<IReadOnlyList<Actor>> FindActorsByNameAsync(string name, CancellationToken ct = default) => inner.FindActorsByNameAsync(name, ct);

    public virtual Task<Actor?> ResolveActorAsync(string reference, CancellationToken ct = default) => inner.ResolveActorAsync(reference, ct);

    public virtual Task<Page<Actor>> SearchActorsAsync(ActorSearch search, CancellationToken ct = default) => inner.SearchActorsAsync(search, ct);

    public virtual Task<IReadOnlyList<Evidence>> GetEvidenceAsync(EvidenceFilter filter, CancellationToken ct = default) => inner.GetEvidenceAsync(filter, ct);

    public virtual Task<IReadOnlyList<Evidence>> GetEvidencePageAsync(EvidenceFilter filter, EvidenceKey? after, int first, CancellationToken ct = default) =>
        inner.GetEvidencePageAsync(filter, after, first, ct);

    public virtual Task<IReadOnlyList<RelationshipTotal>> GetRelationshipTotalsAsync(EvidenceFilter filter, bool perDay = false, CancellationToken ct = default) =>
        inner.GetRelationshipTotalsAsync(filter, perDay, ct);

    public virtual Task<IReadOnlyList<Evidence>> GetStrongestEvidenceAsync(IReadOnlyCollection<RelationshipKey> relationships, EvidenceFilter filter, int perRelationship, CancellationToken ct = default) =>
        inner.GetStrongestEvidenceAsync(relationships, filter, perRelationship, ct);

    public virtual Task<IReadOnlyList<Actor>> GetAffiliatesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) => inner.GetAffiliatesAsync(ids, ct);

    public virtual Task<StoredArticle?> GetArticleAsync(string id, CancellationToken ct = default) => inner.GetArticleAsync(id, ct);

    public virtual Task<Page<StoredArticle>> SearchArticlesAsync(ArticleSearch search, CancellationToken ct = default) => inner.SearchArticlesAsync(search, ct);
}
