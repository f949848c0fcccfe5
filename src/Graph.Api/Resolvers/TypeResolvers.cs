using Graph.Api.Loading;
using Graph.Api.Model;
using Graph.Core.Domain;
using Graph.Core.Queries;
using Graph.Core.Storage;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.Extensions.Options;

namespace Graph.Api.Resolvers;

public sealed record ActorCodes(string? Cameo, string? Iso3);

/// <summary>Fields of <c>Actor</c> that are more than a property of <see cref="Core.Domain.Actor"/>.</summary>
[GraphQLMetadata("Actor")]
public sealed class ActorResolvers(IOptions<GraphApiOptions> options)
{
    public ActorCodes Codes([FromSource] Actor actor) => new(Code(actor, "cameo"), Code(actor, "iso3") ?? Code(actor, "iso"));

    private static string? Code(Actor actor, string key) =>
        actor.Codes.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Batched: one store read for every actor of the level that asks with the same arguments.</summary>
    public IDataLoaderResult<Connection<RelationshipView>> Relationships(
        IResolveFieldContext context, [FromSource] Actor actor, Direction? direction, List<RelationType>? types, DateOnly? since, DateOnly? until, double? minConfidence, int? first, string? after)
    {
        var page = PageRequest.From(first, after, options.Value.MaxPageSize);
        var query = ActorEvidenceQuery.Of(direction ?? Direction.Both, types, Modalities.CountedAsEvidence, since, until, minConfidence);
        return context.Loader().RelationshipsOfActor(actor.Id, query)
            .Then(relationships => Connection.Slice(relationships ?? [], page));
    }
}

[GraphQLMetadata("Affiliation")]
public sealed class AffiliationResolvers
{
    public IDataLoaderResult<Actor?> Actor(IResolveFieldContext context, [FromSource] Affiliation affiliation) =>
        context.Loader().Actor(affiliation.ActorId);
}

[GraphQLMetadata("Relationship")]
public sealed class RelationshipResolvers(IOptions<GraphApiOptions> options)
{
    public IDataLoaderResult<Actor?> Source(IResolveFieldContext context, [FromSource] RelationshipView relationship) =>
        context.Loader().Actor(relationship.Source);

    public IDataLoaderResult<Actor?> Target(IResolveFieldContext context, [FromSource] RelationshipView relationship) =>
        context.Loader().Actor(relationship.Target);

    /// <summary>From memory when the relationship was built from its evidence; else batched: one store read per level.</summary>
    public IDataLoaderResult<IEnumerable<Evidence>> Evidence(IResolveFieldContext context, [FromSource] RelationshipView relationship, int? first)
    {
        int take = PageRequest.Limit(first ?? 5, options.Value.MaxPageSize, "first");
        return relationship.Loaded is not null || take == 0
            ? new Ready<IEnumerable<Evidence>>(relationship.Strongest.Take(take))
            : context.Loader().StrongestOf(new RelationshipKey(relationship.Source, relationship.Target, relationship.Type), relationship.Scope, take)
                .Then(rows => (rows ?? []).AsEnumerable());
    }

    /// <summary>Pages of the evidence in <see cref="Evidence"/>'s order: a page reads the strongest rows up to its end and skips the earlier pages.</summary>
    public IDataLoaderResult<Connection<Evidence>> EvidencePage(IResolveFieldContext context, [FromSource] RelationshipView relationship, int? first, string? after)
    {
        var page = PageRequest.From(first, after, options.Value.MaxPageSize);
        if (relationship.Loaded is not null)
        {
            return new Ready<Connection<Evidence>>(Connection.Slice([.. relationship.Strongest], page));
        }

        if (page.First == 0 || page.Offset >= relationship.Count)
        {
            return new Ready<Connection<Evidence>>(Connection.Of<Evidence>([], page.Offset, relationship.Count));
        }

        return context.Loader().StrongestOf(new RelationshipKey(relationship.Source, relationship.Target, relationship.Type), relationship.Scope, page.Offset + page.First)
            .Then(rows => Connection.Of((rows ?? []).Skip(page.Offset).ToList(), page.Offset, relationship.Count));
    }
}

[GraphQLMetadata("Evidence")]
public sealed class EvidenceResolvers
{
    public IDataLoaderResult<Actor?> Source(IResolveFieldContext context, [FromSource] Evidence evidence) =>
        context.Loader().Actor(evidence.Source);

    public IDataLoaderResult<Actor?> Target(IResolveFieldContext context, [FromSource] Evidence evidence) =>
        context.Loader().Actor(evidence.Target);

    public IDataLoaderResult<Actor?>? SaidBy(IResolveFieldContext context, [FromSource] Evidence evidence) =>
        evidence.SaidBy is null ? null : context.Loader().Actor(evidence.SaidBy);

    public ArticleView Article([FromSource] Evidence evidence) => ArticleView.Of(evidence);
}

[GraphQLMetadata("Stance")]
public sealed class StanceResolvers(IOptions<GraphApiOptions> options)
{
    public Actor From([FromSource] StanceView stance) => stance.From;

    public Actor To([FromSource] StanceView stance) => stance.To;

    public double Score([FromSource] StanceView stance) => stance.Stance.Score;

    public Core.Stances.StanceLabel Label([FromSource] StanceView stance) => stance.Stance.Label;

    public double Mean([FromSource] StanceView stance) => stance.Stance.Measure.Mean;

    public double Low([FromSource] StanceView stance) => stance.Stance.Measure.Low;

    public double High([FromSource] StanceView stance) => stance.Stance.Measure.High;

    public double Certainty([FromSource] StanceView stance) => stance.Stance.Measure.Certainty;

    public int EvidenceCount([FromSource] StanceView stance) => stance.Stance.EvidenceCount;

    public int ArticleCount([FromSource] StanceView stance) => stance.Stance.ArticleCount;

    public IReadOnlyList<Core.Stances.TypeCount> Counts([FromSource] StanceView stance) => stance.Stance.Counts;

    public DateOnly? FirstSeen([FromSource] StanceView stance) => stance.Stance.FirstSeen;

    public DateOnly? LastSeen([FromSource] StanceView stance) => stance.Stance.LastSeen;

    public Task<IReadOnlyList<Evidence>> Evidence(IResolveFieldContext context, [FromSource] StanceView stance, int? first) =>
        context.Queries().StrongestAsync(stance, PageRequest.Limit(first ?? 3, options.Value.MaxPageSize, "first"), context.CancellationToken);

    /// <summary>Pages of the evidence in <see cref="Evidence"/>'s order: a page reads the strongest rows up to its end and skips the earlier pages.</summary>
    public async Task<Connection<Evidence>> EvidencePage(IResolveFieldContext context, [FromSource] StanceView stance, int? first, string? after)
    {
        var page = PageRequest.From(first, after, options.Value.MaxPageSize);
        int total = stance.Stance.EvidenceCount;
        var rows = page.First == 0 || page.Offset >= total
            ? []
            : await context.Queries().StrongestAsync(stance, page.Offset + page.First, context.CancellationToken);
        return Connection.Of(rows.Skip(page.Offset).ToList(), page.Offset, total);
    }

    public Task<StanceView> Reverse(IResolveFieldContext context, [FromSource] StanceView stance) =>
        context.Queries().StanceAsync(stance.To, stance.From, stance.Query, context.CancellationToken);
}

[GraphQLMetadata("Path")]
public sealed class PathResolvers
{
    public async Task<IEnumerable<Actor>> Nodes(IResolveFieldContext context, [FromSource] PathView path)
    {
        var actors = await context.Loader().Store.GetActorsAsync(path.NodeIds, context.CancellationToken);
        return path.NodeIds.Where(actors.ContainsKey).Select(id => actors[id]);
    }
}

/// <summary>The totals of a neighbourhood, counted when one of them is asked for and once for all three.</summary>
[GraphQLMetadata("Neighborhood")]
public sealed class NeighborhoodResolvers
{
    public async Task<int> TotalNodes([FromSource] NeighborhoodView hood) => (await hood.Totals.Value).Nodes;

    public async Task<int> TotalEdges([FromSource] NeighborhoodView hood) => (await hood.Totals.Value).Edges;

    public async Task<bool> Truncated([FromSource] NeighborhoodView hood)
    {
        var totals = await hood.Totals.Value;
        return totals.Nodes > hood.Nodes.Count || totals.Edges > hood.Edges.Count;
    }
}

[GraphQLMetadata("Article")]
public sealed class ArticleResolvers
{
    public IDataLoaderResult<string?> Source(IResolveFieldContext context, [FromSource] ArticleView article) =>
        Stored(context, article).Then(a => a?.Source);

    public IDataLoaderResult<DateTimeOffset?> IngestedAt(IResolveFieldContext context, [FromSource] ArticleView article) =>
        Stored(context, article).Then(a => a?.IngestedAt);

    public IDataLoaderResult<string?> ExtractorVersion(IResolveFieldContext context, [FromSource] ArticleView article) =>
        Stored(context, article).Then(a => a?.ExtractorVersion);

    public IDataLoaderResult<string?> Text(IResolveFieldContext context, [FromSource] ArticleView article) =>
        WithText(context, article).Then(a => a?.Text);

    public IDataLoaderResult<string> Headline(IResolveFieldContext context, [FromSource] ArticleView article) =>
        !string.IsNullOrWhiteSpace(article.Title)
            ? new Ready<string>(article.Title)
            : WithText(context, article).Then(a => ArticleText.FirstSentence(a?.Text) ?? article.Id);

    public IDataLoaderResult<string?> Snippet(IResolveFieldContext context, [FromSource] ArticleView article, string? search, int? length) =>
        WithText(context, article).Then(a => a?.Text is not { } text ? null
            : ArticleText.Snippet(text, search, Math.Clamp(length ?? 240, 40, 1000), string.IsNullOrWhiteSpace(article.Title) ? ArticleText.AfterFirstSentence(text) : 0));

    public IDataLoaderResult<IEnumerable<Actor>> Actors(IResolveFieldContext context, [FromSource] ArticleView article) =>
        new ActorsOfArticle(context.Loader(), article.Id);

    public IDataLoaderResult<IReadOnlyList<RelationshipView>> Relationships(IResolveFieldContext context, [FromSource] ArticleView article) =>
        context.Loader().EvidenceOfArticle(article.Id).Then(rows => RelationshipView.Aggregate(rows ?? []));

    public IDataLoaderResult<IEnumerable<Evidence>> Evidence(IResolveFieldContext context, [FromSource] ArticleView article) =>
        context.Loader().EvidenceOfArticle(article.Id).Then(rows => (rows ?? []).OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal).AsEnumerable());

    private static IDataLoaderResult<StoredArticle?> Stored(IResolveFieldContext context, ArticleView article) =>
        article.Stored is { } s ? new Ready<StoredArticle?>(s) : context.Loader().Article(article.Id);

    /// <summary>The stored article with its text: article lists are read without it.</summary>
    private static IDataLoaderResult<StoredArticle?> WithText(IResolveFieldContext context, ArticleView article) =>
        article.Stored is { Text: not null } s ? new Ready<StoredArticle?>(s) : context.Loader().Article(article.Id);

    /// <summary>The actors an article's evidence names, in order of first mention.</summary>
    private sealed class ActorsOfArticle(RequestLoader loader, string articleId) : IDataLoaderResult<IEnumerable<Actor>>
    {
        public async Task<IEnumerable<Actor>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var rows = await loader.EvidenceOfArticle(articleId).GetResultAsync(cancellationToken) ?? [];
            var ids = rows.OrderBy(e => e.Start).SelectMany(e => new[] { e.Source, e.Target, e.SaidBy }).OfType<string>().Distinct().ToList();
            var actors = await loader.Store.GetActorsAsync(ids, cancellationToken);
            return ids.Where(actors.ContainsKey).Select(id => actors[id]);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

internal sealed class Ready<T>(T value) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
}
