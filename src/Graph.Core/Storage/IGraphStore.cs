using Graph.Core.Domain;

namespace Graph.Core.Storage;

/// <summary>
/// The storage port. The embedded SQLite store and the Neo4j store implement it; the ingestion
/// service and the GraphQL API depend only on this. Every method is safe to call concurrently.
/// </summary>
public interface IGraphStore
{
    /// <summary>Creates the schema if missing. Idempotent; called once at start.</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>
    /// Whether saving <paramref name="article"/> as extracted by <paramref name="extractorVersion"/> would write nothing,
    /// without extracting it: <see cref="SaveResult.Unchanged"/> when it is stored with the same text and version, a
    /// <see cref="SaveOutcome.Duplicate"/> when <paramref name="skipDuplicateText"/> and another article holds the same
    /// text, else null. The store is the one place that decides an article is current: saving decides the same way,
    /// again, inside its transaction.
    /// </summary>
    Task<SaveResult?> CheckAsync(Article article, string extractorVersion, bool skipDuplicateText = false, CancellationToken ct = default);

    /// <summary>
    /// <see cref="CheckAsync"/> for each of <paramref name="articles"/>, answered in order. A batch of ingestion asks once;
    /// the embedded store answers over one connection.
    /// </summary>
    async Task<IReadOnlyList<SaveResult?>> CheckManyAsync(IReadOnlyList<Article> articles, string extractorVersion, bool skipDuplicateText = false, CancellationToken ct = default)
    {
        var results = new SaveResult?[articles.Count];
        for (int i = 0; i < articles.Count; i++)
        {
            results[i] = await CheckAsync(articles[i], extractorVersion, skipDuplicateText, ct);
        }

        return results;
    }

    /// <summary>
    /// Stores the article with its extraction in one transaction: actors are merged by id, and the
    /// article's previous evidence is replaced. Either all of it is written or none of it. An article stored with the
    /// same text and extractor version is left as it is (<see cref="SaveOutcome.Unchanged"/>).
    /// </summary>
    Task<SaveResult> SaveArticleAsync(Article article, ArticleExtraction extraction, string extractorVersion, CancellationToken ct = default);

    /// <summary>
    /// Stores many articles, each as <see cref="SaveArticleAsync"/> would, with the choices of each
    /// <see cref="ArticleToSave"/> (replace it anyway, skip duplicate text). The embedded store writes the whole batch in
    /// one transaction; a server store may commit article by article.
    /// </summary>
    Task<IReadOnlyList<SaveResult>> SaveArticlesAsync(IReadOnlyList<ArticleToSave> articles, string extractorVersion, CancellationToken ct = default);

    Task<StoreStats> GetStatsAsync(CancellationToken ct = default);

    Task<Actor?> GetActorAsync(string id, CancellationToken ct = default);

    /// <summary>Batch lookup by id, for resolvers that would otherwise ask once per row.</summary>
    Task<IReadOnlyDictionary<string, Actor>> GetActorsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default);

    /// <summary>Actors whose id, name or an alias equals <paramref name="name"/>, ignoring case; best match first.</summary>
    Task<IReadOnlyList<Actor>> FindActorsByNameAsync(string name, CancellationToken ct = default);

    /// <summary>
    /// The actor <paramref name="reference"/> stands for: the one with exactly that id, else the first of
    /// <see cref="FindActorsByNameAsync"/>; null when nothing matches. Asked twice by every stance, so a store may answer
    /// it in one read.
    /// </summary>
    async Task<Actor?> ResolveActorAsync(string reference, CancellationToken ct = default) =>
        await GetActorAsync(reference, ct) ?? (await FindActorsByNameAsync(reference, ct)) switch
        {
            [var best, ..] => best,
            _ => null,
        };

    /// <summary>Actors whose name or alias contains the search text, ordered by how much evidence they have.</summary>
    Task<Page<Actor>> SearchActorsAsync(ActorSearch search, CancellationToken ct = default);

    /// <summary>Evidence rows (one per relationship per sentence) matching the filter, newest first.</summary>
    Task<IReadOnlyList<Evidence>> GetEvidenceAsync(EvidenceFilter filter, CancellationToken ct = default);

    /// <summary>
    /// Up to <paramref name="first"/> evidence rows matching the filter (its limit and order do not apply) in key order,
    /// source, target, type, then id (ordinal), starting after <paramref name="after"/> (null: from the start). Reading
    /// on from the last row's <see cref="EvidenceKey"/> until a page comes back short visits every row once, whatever the
    /// store's size: how exports stream the whole store without holding it.
    /// </summary>
    Task<IReadOnlyList<Evidence>> GetEvidencePageAsync(EvidenceFilter filter, EvidenceKey? after, int first, CancellationToken ct = default);

    /// <summary>
    /// The evidence matching the filter summed per relationship, or per relationship and day when <paramref name="perDay"/>
    /// (undated evidence in a row of its own, <c>Day</c> null). The filter's limit and order do not apply.
    /// </summary>
    Task<IReadOnlyList<RelationshipTotal>> GetRelationshipTotalsAsync(EvidenceFilter filter, bool perDay = false, CancellationToken ct = default);

    /// <summary>
    /// The strongest evidence (<see cref="EvidenceOrder.Strongest"/>) of each relationship, at most
    /// <paramref name="perRelationship"/> rows each, under the filter's other conditions (its ids, order and limit do
    /// not apply): what a page of relationships shows, in one read.
    /// </summary>
    Task<IReadOnlyList<Evidence>> GetStrongestEvidenceAsync(IReadOnlyCollection<RelationshipKey> relationships, EvidenceFilter filter, int perRelationship, CancellationToken ct = default);

    /// <summary>Actors with an affiliation (in force or not) to any of <paramref name="ids"/>, other than those actors themselves.</summary>
    Task<IReadOnlyList<Actor>> GetAffiliatesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default);

    Task<StoredArticle?> GetArticleAsync(string id, CancellationToken ct = default);

    /// <summary>
    /// Articles newest first (narrowed by the search's dates, source and extractor version). A search text keeps those whose title or text holds every one of its <see cref="SearchWords"/>
    /// in any order, case and accents ignored, the last word as a prefix (it may be half typed); a text with no word finds nothing.
    /// </summary>
    Task<Page<StoredArticle>> SearchArticlesAsync(ArticleSearch search, CancellationToken ct = default);
}
