using Graph.Core.Domain;
using Graph.Core.Storage;
using Graph.Store.Neo4j.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Graph.Store.Neo4j;

/// <summary>
/// The graph in Neo4j, over the HTTP Query API. Gives the same answers as the embedded SQLite store; what it adds
/// is a graph to look at in Neo4j Browser (see <see cref="GraphModel"/> and <c>graph-seed/neo4j/</c>).
/// Every read is one query and every article save one explicit transaction, each run through the
/// <see cref="Neo4jResilience"/> pipeline, so a save that fails midway leaves nothing behind and can be run again.
/// </summary>
public sealed partial class Neo4jGraphStore : IGraphStore, IDisposable
{
    private readonly Neo4jQueryClient _client;
    private readonly Neo4jStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim _initializing = new(1, 1);
    private volatile bool _initialized;

    public Neo4jGraphStore(Neo4jQueryClient client, IOptions<Neo4jStoreOptions> options, TimeProvider time, ILogger<Neo4jGraphStore>? logger = null)
    {
        _client = client;
        _options = options.Value;
        _time = time;
        _logger = logger ?? NullLogger<Neo4jGraphStore>.Instance;
        _pipeline = Neo4jResilience.Create(_options, time, _logger);
    }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await _initializing.WaitAsync(ct);
        try
        {
            if (_initialized)
            {
                return;
            }

            // The first statement also waits out a database that is still starting (DatabaseUnavailable is transient).
            foreach (string statement in Cypher.Schema)
            {
                await _pipeline.ExecuteAsync(async token => await _client.RunAsync(statement, ct: token), ct);
            }

            Log.Initialized(_logger, _client.QueryUri, Cypher.Schema.Count);
            _initialized = true;
        }
        finally
        {
            _initializing.Release();
        }
    }

    public async Task<SaveResult?> CheckAsync(Article article, string extractorVersion, bool skipDuplicateText = false, CancellationToken ct = default)
    {
        var result = await ReadAsync(Cypher.ArticleState, StateParameters(article, skipDuplicateText), ct);
        return Skip(result, article, extractorVersion, replace: false);
    }

    private static object StateParameters(Article article, bool skipDuplicateText) =>
        new { id = article.Id, hash = article.ContentHash, dedupe = skipDuplicateText };

    /// <summary>The store's answer to <see cref="Cypher.ArticleState"/>, decided by the one rule every store applies.</summary>
    private static SaveResult? Skip(QueryResult state, Article article, string extractorVersion, bool replace) =>
        state.Rows is [var row, ..]
            ? SaveContract.Skip(Values.String(row["contentHash"]), Values.String(row["extractorVersion"]), Values.String(row["duplicateOf"]), article.ContentHash, extractorVersion, replace)
            : null;

    public async Task<StoreStats> GetStatsAsync(CancellationToken ct = default)
    {
        var row = (await ReadAsync(Cypher.Stats, null, ct)).Rows[0];
        return new StoreStats(row["articles"].GetInt64(), row["actors"].GetInt64(), row["relationships"].GetInt64(), row["evidence"].GetInt64());
    }

    public async Task<Actor?> GetActorAsync(string id, CancellationToken ct = default)
    {
        var result = await ReadAsync(Cypher.GetActor, new { id }, ct);
        return result.Rows is [var row, ..] ? Values.Actor(row["actor"]) : null;
    }

    public async Task<IReadOnlyDictionary<string, Actor>> GetActorsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, Actor>();
        }

        var result = await ReadAsync(Cypher.GetActors, new { ids = ids.Distinct(StringComparer.Ordinal).ToList() }, ct);
        return result.Rows.Select(r => Values.Actor(r["actor"])).ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<Actor>> FindActorsByNameAsync(string name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var result = await ReadAsync(Cypher.FindActorsByName, new { name = name.Trim() }, ct);
        return [.. result.Rows.Select(r => Values.Actor(r["actor"]))];
    }

    public async Task<Page<Actor>> SearchActorsAsync(ActorSearch search, CancellationToken ct = default)
    {
        int offset = Math.Max(0, search.Offset);
        var result = await ReadAsync(Cypher.SearchActors, new
        {
            text = string.IsNullOrWhiteSpace(search.Text) ? null : search.Text.Trim(),
            kind = search.Kind is { } k ? Values.KindName(k) : null,
            offset,
            first = Math.Max(0, search.First),
        }, ct);
        var row = result.Rows[0];
        return new Page<Actor>([.. row["items"].EnumerateArray().Select(Values.Actor)], row["total"].GetInt32(), offset);
    }

    public async Task<IReadOnlyList<Evidence>> GetEvidenceAsync(EvidenceFilter filter, CancellationToken ct = default)
    {
        if (filter.Limit is <= 0)
        {
            return [];
        }

        // Enter through an index when the filter names ids; the full filter applies either way.
        string statement = filter switch
        {
            { ArticleId: not null } => Cypher.GetEvidenceOfArticle,
            { SourceIds.Count: > 0 } => Cypher.GetEvidenceFromSources,
            { TargetIds.Count: > 0 } => Cypher.GetEvidenceToTargets,
            { ActorIds.Count: > 0 } => Cypher.GetEvidenceOfActors,
            _ => Cypher.GetEvidence,
        };
        var parameters = FilterParameters(filter);
        parameters["limit"] = filter.Limit ?? int.MaxValue;
        parameters["strongest"] = filter.Order == EvidenceOrder.Strongest;
        var result = await ReadAsync(statement, parameters, ct);
        return [.. result.Rows.Select(Values.Evidence)];
    }

    public async Task<IReadOnlyList<RelationshipTotal>> GetRelationshipTotalsAsync(EvidenceFilter filter, bool perDay = false, CancellationToken ct = default)
    {
        string statement = filter switch
        {
            { ArticleId: not null } => Cypher.GetTotalsOfArticle,
            { SourceIds.Count: > 0 } => Cypher.GetTotalsFromSources,
            { TargetIds.Count: > 0 } => Cypher.GetTotalsToTargets,
            { ActorIds.Count: > 0 } => Cypher.GetTotalsOfActors,
            _ => Cypher.GetTotals,
        };
        var parameters = FilterParameters(filter);
        parameters["perDay"] = perDay;
        var result = await ReadAsync(statement, parameters, ct);
        return [.. result.Rows.Select(Values.Total)];
    }

    public async Task<IReadOnlyList<Evidence>> GetStrongestEvidenceAsync(IReadOnlyCollection<RelationshipKey> relationships, EvidenceFilter filter, int perRelationship, CancellationToken ct = default)
    {
        var keys = relationships.Distinct().ToList();
        if (keys.Count == 0 || perRelationship <= 0)
        {
            return [];
        }

        // The keys already name the relationships, so the filter's ids are not applied again.
        var parameters = FilterParameters(filter with { SourceIds = [], TargetIds = [], ActorIds = [] });
        parameters["keys"] = keys.Select(k => new { source = k.Source, target = k.Target, type = Values.TypeName(k.Type) }).ToList();
        parameters["per"] = perRelationship;
        var result = await ReadAsync(Cypher.GetStrongestEvidence, parameters, ct);
        return [.. result.Rows.Select(Values.Evidence)];
    }

    /// <summary>The parameters every evidence statement filters by, named as the statements in <see cref="Cypher"/> use them.</summary>
    private static Dictionary<string, object?> FilterParameters(EvidenceFilter filter) => new(StringComparer.Ordinal)
    {
        ["sourceIds"] = filter.SourceIds.Distinct(StringComparer.Ordinal).ToList(),
        ["targetIds"] = filter.TargetIds.Distinct(StringComparer.Ordinal).ToList(),
        ["actorIds"] = filter.ActorIds.Distinct(StringComparer.Ordinal).ToList(),
        ["types"] = filter.Types.Distinct().Select(Values.TypeName).ToList(),
        ["modalities"] = filter.Modalities.Distinct().Select(Values.ModalityName).ToList(),
        ["polarity"] = filter.Polarity,
        ["since"] = filter.Since is { } since ? Values.Day(since) : null,
        ["until"] = filter.Until is { } until ? Values.Day(until) : null,
        ["minConfidence"] = filter.MinConfidence,
        ["articleId"] = filter.ArticleId,
    };

    public async Task<IReadOnlyList<Actor>> GetAffiliatesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var result = await ReadAsync(Cypher.GetAffiliates, new { ids = distinct, needles = distinct.Select(Values.AffiliationNeedle).ToList() }, ct);
        return [.. result.Rows.Select(r => Values.Actor(r["actor"]))];
    }

    public async Task<StoredArticle?> GetArticleAsync(string id, CancellationToken ct = default)
    {
        var result = await ReadAsync(Cypher.GetArticle, new { id }, ct);
        return result.Rows is [var row, ..] ? Values.Article(row) : null;
    }

    public async Task<Page<StoredArticle>> SearchArticlesAsync(ArticleSearch search, CancellationToken ct = default)
    {
        int offset = Math.Max(0, search.Offset);
        string? words = null;
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            // Punctuation alone has no word to look for: nothing matches, as in the embedded store.
            words = FullText.MatchAllWords(search.Text);
            if (words is null)
            {
                return new Page<StoredArticle>([], 0, offset);
            }
        }

        var result = await ReadAsync(words is null ? Cypher.SearchArticles : Cypher.SearchArticlesByWords, new
        {
            words,
            since = search.Since is { } since ? Values.Day(since) : null,
            until = search.Until is { } until ? Values.Day(until) : null,
            notExtractedBy = search.NotExtractedBy,
            source = search.Source,
            offset,
            first = Math.Max(0, search.First),
        }, ct);
        var row = result.Rows[0];
        return new Page<StoredArticle>([.. row["items"].EnumerateArray().Select(Values.Article)], row["total"].GetInt32(), offset);
    }

    public void Dispose() => _initializing.Dispose();

    internal Task<QueryResult> ReadAsync(string statement, object? parameters, CancellationToken ct) => RunAsync(statement, parameters, readOnly: true, ct);

    /// <summary>One statement in its own transaction, retried whole on transient errors (the log's writes are idempotent or counted).</summary>
    internal Task<QueryResult> WriteAsync(string statement, object? parameters, CancellationToken ct) => RunAsync(statement, parameters, readOnly: false, ct);

    private async Task<QueryResult> RunAsync(string statement, object? parameters, bool readOnly, CancellationToken ct)
    {
        if (!_initialized)
        {
            await InitializeAsync(ct);
        }

        return await _pipeline.ExecuteAsync(async token => await _client.RunAsync(statement, parameters, readOnly, token), ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one explicit transaction, begun again from scratch on each retry. Anything
    /// that fails rolls it back (best effort: the server drops a failed or idle transaction on its own too).
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<Neo4jTransaction, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (!_initialized)
        {
            await InitializeAsync(ct);
        }

        return await _pipeline.ExecuteAsync(async token =>
        {
            var tx = await _client.BeginAsync(token);
            try
            {
                var result = await work(tx, token);
                await tx.CommitAsync(token);
                return result;
            }
            catch (Exception e)
            {
                await RollbackQuietlyAsync(tx, e);
                throw;
            }
        }, ct);
    }

    private async Task RollbackQuietlyAsync(Neo4jTransaction tx, Exception cause)
    {
        if (!tx.IsOpen)
        {
            return;
        }

        // A fresh token: the attempt's own may be the one that was cancelled.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await tx.RollbackAsync(cts.Token);
            Log.RolledBack(_logger, tx.Id, cause.Message);
        }
        catch (Exception e) when (e is Neo4jException or OperationCanceledException or HttpRequestException)
        {
            Log.RollbackFailed(_logger, tx.Id, e.Message);
        }
    }
}
