using Graph.Api.Model;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Queries;
using Graph.Core.Storage;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.Api.Resolvers;

/// <summary>Fields of <c>Query</c>. Names and arguments bind to <c>schema.graphql</c>; a mismatch fails at start.</summary>
[GraphQLMetadata("Query")]
public sealed class QueryResolvers(IOptions<GraphApiOptions> options)
{
    private const int MaxDepth = 3;

    private int MaxPage => options.Value.MaxPageSize;

    public async Task<Actor?> Actor(IResolveFieldContext context, string? id, string? name)
    {
        if ((id is null) == (name is null))
        {
            throw new ExecutionError("Give exactly one of `id` and `name`.") { Code = ErrorCodes.BadUserInput };
        }

        var store = context.Loader().Store;
        return id is not null
            ? await store.GetActorAsync(id, context.CancellationToken)
            : First(await store.FindActorsByNameAsync(name!, context.CancellationToken));
    }

    public async Task<Connection<Actor>> Actors(IResolveFieldContext context, string? search, ActorKind? kind, int? first, string? after)
    {
        var page = PageRequest.From(first, after, MaxPage);
        var found = await context.Loader().Store.SearchActorsAsync(new ActorSearch(Search(search), kind, page.First, page.Offset), context.CancellationToken);
        return Connection.Of(found.Items, page.Offset, found.TotalCount);
    }

    public async Task<Connection<RelationshipView>> Relationships(IResolveFieldContext context, RelationshipFilter where, int? first, string? after)
    {
        var page = PageRequest.From(first, after, MaxPage);
        var store = context.Loader().Store;
        var ct = context.CancellationToken;
        if (where.Polarity is { } p && p is < -1 or > 1)
        {
            throw new ExecutionError($"`polarity` must be -1, 0 or 1, was {p}.") { Code = ErrorCodes.BadUserInput };
        }

        var filter = new EvidenceFilter
        {
            SourceIds = where.Source is null ? [] : [(await context.RequireActorAsync(where.Source, "where.source")).Id],
            TargetIds = where.Target is null ? [] : [(await context.RequireActorAsync(where.Target, "where.target")).Id],
            Types = [.. (where.Types ?? []).Distinct()],
            Modalities = where.Modality is { Count: > 0 } m ? [.. m.Distinct()] : Modalities.CountedAsEvidence,
            Polarity = where.Polarity,
            Since = where.Since,
            Until = where.Until,
            MinConfidence = where.MinConfidence,
        };
        return Connection.Slice(await context.Queries().RelationshipsAsync(filter, ct), page);
    }

    public async Task<StanceView?> Stance(IResolveFieldContext context, string from, string to, DateOnly? since, DateOnly? until, bool? includeAffiliates)
    {
        var a = await context.RequireActorAsync(from, "from");
        var b = await context.RequireActorAsync(to, "to");
        return await context.Queries().StanceAsync(a, b, new StanceQuery(since, until, includeAffiliates ?? false), context.CancellationToken);
    }

    public async Task<IReadOnlyList<StancePoint>> StanceTimeline(IResolveFieldContext context, string from, string to, Bucket? bucket, DateOnly? since, DateOnly? until, bool? includeAffiliates)
    {
        var a = await context.RequireActorAsync(from, "from");
        var b = await context.RequireActorAsync(to, "to");
        return await context.Queries().TimelineAsync(a, b, new StanceQuery(since, until, includeAffiliates ?? false), bucket ?? Bucket.Month, context.CancellationToken);
    }

    public async Task<IReadOnlyList<StanceView>> Supporters(IResolveFieldContext context, string of, DateOnly? since, DateOnly? until, int? first, int? minEvidence) =>
        await context.Queries().SupportersAsync(await context.RequireActorAsync(of, "of"), new StanceQuery(since, until, false), Ranking(first, minEvidence), context.CancellationToken);

    public async Task<IReadOnlyList<StanceView>> Opponents(IResolveFieldContext context, string of, DateOnly? since, DateOnly? until, int? first, int? minEvidence) =>
        await context.Queries().OpponentsAsync(await context.RequireActorAsync(of, "of"), new StanceQuery(since, until, false), Ranking(first, minEvidence), context.CancellationToken);

    private StanceRanking Ranking(int? first, int? minEvidence) =>
        new(PageRequest.Limit(first ?? 10, MaxPage, "first"), PageRequest.Limit(minEvidence ?? 1, int.MaxValue, "minEvidence"));

    public async Task<IReadOnlyList<PathView>> Path(IResolveFieldContext context, string from, string to, int? maxHops, List<RelationType>? types, int? first) =>
        (await Paths(context, from, to, maxHops, types, first)).Paths;

    public async Task<PathSearchView> Paths(IResolveFieldContext context, string from, string to, int? maxHops, List<RelationType>? types, int? first)
    {
        int hops = maxHops ?? 3;
        if (hops is < 1 or > PathQuery.MaxHopsAllowed)
        {
            throw new ExecutionError($"`maxHops` must be between 1 and {PathQuery.MaxHopsAllowed}, was {hops}.") { Code = ErrorCodes.BadUserInput };
        }

        int take = PageRequest.Limit(first ?? 10, MaxPage, "first");
        var a = await context.RequireActorAsync(from, "from");
        var b = await context.RequireActorAsync(to, "to");
        return await context.Queries().PathsAsync(a, b, new PathQuery(hops, [.. (types ?? []).Distinct()], take), context.CancellationToken);
    }

    public async Task<NeighborhoodView> Neighborhood(IResolveFieldContext context, string actor, int? depth, int? limit, List<RelationType>? types, DateOnly? since, DateOnly? until)
    {
        int hops = depth ?? 1;
        if (hops is < 0 or > MaxDepth)
        {
            throw new ExecutionError($"`depth` must be between 0 and {MaxDepth}, was {hops}.") { Code = ErrorCodes.BadUserInput };
        }

        int max = PageRequest.Limit(limit ?? 50, options.Value.MaxNeighborhoodNodes, "limit");
        var center = await context.RequireActorAsync(actor, "actor");
        return await context.Queries().NeighborhoodAsync(center, new NeighborhoodQuery(hops, Math.Max(max, 1), [.. (types ?? []).Distinct()], since, until), context.CancellationToken);
    }

    public async Task<Connection<ArticleView>> Articles(IResolveFieldContext context, string? search, DateOnly? since, DateOnly? until, int? first, string? after)
    {
        var page = PageRequest.From(first, after, MaxPage);
        var found = await context.Loader().Store.SearchArticlesAsync(new ArticleSearch(Search(search), since, until, page.First, page.Offset), context.CancellationToken);
        return Connection.Of([.. found.Items.Select(ArticleView.Of)], page.Offset, found.TotalCount);
    }

    /// <summary>
    /// The search string when it is within the limits; refused before any store is asked otherwise, so a hostile
    /// string costs one pass over its characters, never a query that outlives the request.
    /// </summary>
    private string? Search(string? search)
    {
        if (search is null)
        {
            return null;
        }

        var limits = options.Value;
        if (search.Length > limits.MaxSearchLength)
        {
            throw new ExecutionError($"`search` is {search.Length} characters long; at most {limits.MaxSearchLength} are allowed.") { Code = ErrorCodes.BadUserInput };
        }

        int words = SearchWords.Of(search).Count;
        return words <= limits.MaxSearchWords
            ? search
            : throw new ExecutionError($"`search` has {words} words; at most {limits.MaxSearchWords} are allowed.") { Code = ErrorCodes.BadUserInput };
    }

    public async Task<ArticleView?> Article(IResolveFieldContext context, string id) =>
        await context.Loader().Store.GetArticleAsync(id, context.CancellationToken) is { } a ? ArticleView.Of(a) : null;

    public async Task<StatsView> Stats(IResolveFieldContext context)
    {
        var s = await context.Loader().Store.GetStatsAsync(context.CancellationToken);
        return new StatsView(Clamp(s.Articles), Clamp(s.Actors), Clamp(s.Relationships), Clamp(s.Evidence));
    }

    public async Task<IReadOnlyList<IngestRunView>> IngestRuns(IResolveFieldContext context, int? first, string? source)
    {
        int take = PageRequest.Limit(first ?? 20, MaxPage, "first");
        var log = IngestLog(context);
        var runs = await log.GetRunsAsync(take, source, context.CancellationToken);
        if (runs.Count == 0)
        {
            return [];
        }

        // A run's failures are the dead letters of its source that last failed while it ran: read per source listed, a
        // page each (a source keeps a bounded number of letters).
        var letters = new List<DeadLetter>();
        foreach (var name in runs.Select(r => r.Source).Distinct(StringComparer.Ordinal))
        {
            letters.AddRange((await log.GetDeadLettersAsync(new DeadLetterQuery(Source: name, First: DeadLettersRead), context.CancellationToken)).Items);
        }

        var now = DateTimeOffset.UtcNow;
        return [.. runs.Select(r => IngestRunView.Of(r, letters, now))];
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLetters(IResolveFieldContext context, int? first, string? source) =>
        (await IngestLog(context).GetDeadLettersAsync(new DeadLetterQuery(Source: source, First: PageRequest.Limit(first ?? 20, MaxPage, "first")), context.CancellationToken)).Items;

    private const int DeadLettersRead = 1000;

    /// <summary>The host wires the log (Graph.Api does not know the worker); a host without one has no runs to show.</summary>
    private static IIngestLog IngestLog(IResolveFieldContext context) =>
        context.RequestServices?.GetService<IIngestLog>()
        ?? throw new ExecutionError("This server keeps no ingest log.") { Code = ErrorCodes.Unavailable };

    private static Actor? First(IReadOnlyList<Actor> actors) => actors.Count > 0 ? actors[0] : null;

    private static int Clamp(long n) => (int)Math.Min(n, int.MaxValue);
}

/// <summary>The <c>RelationshipFilter</c> input.</summary>
public sealed class RelationshipFilter
{
    public string? Source { get; set; }
    public string? Target { get; set; }
    public List<RelationType>? Types { get; set; }
    public int? Polarity { get; set; }
    public DateOnly? Since { get; set; }
    public DateOnly? Until { get; set; }
    public List<Modality>? Modality { get; set; }
    public double? MinConfidence { get; set; }
}

public sealed record StatsView(int Articles, int Actors, int Relationships, int Evidence);
