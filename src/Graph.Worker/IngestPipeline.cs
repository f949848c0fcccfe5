using System.Diagnostics;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction.Reading;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Graph.Worker;

public sealed record IngestFailure(string Origin, string Error);

public sealed record IngestSummary(IReadOnlyList<IngestResult> Results, IReadOnlyList<IngestFailure> Failures, int Extracted = 0, int ClaimedElsewhere = 0)
{
    public int Count(SaveOutcome outcome) => Results.Count(r => r.Outcome == outcome);

    public bool ChangedNothing => Results.All(r => r.Outcome == SaveOutcome.Unchanged);
}

/// <summary>What a caller sees while a run goes on: each stored article and each failure.</summary>
public interface IIngestObserver
{
    void Result(IngestResult result);

    void Failure(IngestFailure failure);
}

/// <summary>
/// The one ingestion path of <c>ingest</c>, <c>reingest</c>, <c>worker</c> and the server's seeding. An article is
/// skipped when its text and the extractor are unchanged, claimed in <c>worker.db</c> so that two workers never
/// extract it both, extracted and saved in one store transaction (retried on transient errors). One article
/// that cannot be read or stored goes to the dead letters; it never stops the others. Every run is recorded.
/// </summary>
public sealed partial class IngestPipeline
{
    private readonly IExtractor _extractor;
    private readonly IGraphStore _store;
    private readonly SqliteIngestLog _log;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestPipeline> _logger;
    private readonly ResiliencePipeline _retry;

    public IngestPipeline(IExtractor extractor, IGraphStore store, SqliteIngestLog log, IOptions<WorkerOptions> options, TimeProvider time, ILogger<IngestPipeline> logger)
    {
        _extractor = extractor;
        _store = store;
        _log = log;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _retry = _options.StoreRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                    MaxRetryAttempts = _options.StoreRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = TimeSpan.FromSeconds(5),
                    OnRetry = a =>
                    {
                        Log.Retrying(_logger, a.AttemptNumber + 1, a.Outcome.Exception?.Message ?? "");
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
    }

    public string ExtractorVersion => _extractor.Version;

    /// <summary>
    /// SQLITE_BUSY / SQLITE_LOCKED, and the transient errors of a server store. The Neo4j adapter already retries
    /// its own transient errors inside each unit of work, so its exceptions that reach us are not retried twice.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is SqliteException { SqliteErrorCode: 5 or 6 } || e.GetType().Name.Contains("Transient", StringComparison.Ordinal) && !e.GetType().Name.StartsWith("Neo4j", StringComparison.Ordinal);

    /// <summary>Reads and ingests every article of <paramref name="items"/>, recording the run under <paramref name="source"/>.</summary>
    public async Task<IngestSummary> RunAsync(string source, string kind, IAsyncEnumerable<ReadResult> items, bool force = false, IIngestObserver? observer = null, int? expected = null, CancellationToken ct = default)
    {
        var runId = await _log.StartRunAsync(source, kind, ct);
        var started = _time.GetUtcNow();
        var deadLetters = (await _log.GetDeadLettersAsync(int.MaxValue, ct)).Select(d => d.Origin).ToHashSet(StringComparer.Ordinal);
        var results = new List<IngestResult>();
        var failures = new List<IngestFailure>();
        var extracted = 0;
        var claimedElsewhere = 0;
        var progress = new ProgressLog(_logger, source, expected, Stopwatch.StartNew());
        string? error = null;
        // The next article is checked, claimed and extracted (CPU) while the previous one is saved (SQLite): with two
        // cores both are busy, and results still come out in input order.
        (ReadResult Item, Task<Prepared> Work)? pending = null;
        try
        {
            await foreach (var item in items.WithCancellation(ct))
            {
                if (item.Article is not { } article)
                {
                    await FailAsync(item.Origin, item.Error ?? "unreadable");
                    continue;
                }

                var next = (item, Task.Run(() => PrepareAsync(article, force, ct), ct));
                if (pending is { } previous)
                {
                    await FinishAsync(previous.Item, previous.Work);
                }

                pending = next;
            }

            if (pending is { } last)
            {
                pending = null;
                await FinishAsync(last.Item, last.Work);
            }
        }
        catch (OperationCanceledException)
        {
            error = "cancelled";
            throw;
        }
        catch (Exception e)
        {
            // The source itself broke (a folder vanished, a file could not be opened): the run ends, recorded.
            error = e.Message;
            throw;
        }
        finally
        {
            if (pending is { } abandoned)
            {
                await AbandonAsync(abandoned.Work);
            }

            var run = new IngestRun(runId, source, kind, started, _time.GetUtcNow(), results.Count + failures.Count + claimedElsewhere,
                results.Count(r => r.Outcome == SaveOutcome.Added), results.Count(r => r.Outcome == SaveOutcome.Updated),
                results.Count(r => r.Outcome == SaveOutcome.Unchanged), extracted, failures.Count, error);
            await _log.FinishRunAsync(run, CancellationToken.None);
            progress.Done(run.Read);
        }

        return new IngestSummary(results, failures, extracted, claimedElsewhere);

        async Task FinishAsync(ReadResult item, Task<Prepared> work)
        {
            try
            {
                var outcome = await CommitAsync(await work, ct);
                if (outcome.Result is { } result)
                {
                    results.Add(result);
                    observer?.Result(result);
                    if (outcome.Extracted)
                    {
                        extracted++;
                    }

                    if (deadLetters.Remove(item.Origin))
                    {
                        await _log.RemoveDeadLetterAsync(item.Origin, ct);
                    }
                }
                else
                {
                    claimedElsewhere++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await FailAsync(item.Origin, e.Message);
            }

            progress.Advance(results.Count + failures.Count + claimedElsewhere);
        }

        async Task FailAsync(string origin, string message)
        {
            var failure = new IngestFailure(origin, message);
            failures.Add(failure);
            observer?.Failure(failure);
            await _log.AddDeadLetterAsync(source, origin, message, ct);
        }
    }

    internal readonly record struct Outcome(IngestResult? Result, bool Extracted);

    /// <summary>Null result when another live worker holds the article: it is doing the work.</summary>
    internal async Task<Outcome> IngestOneAsync(Article article, bool force, CancellationToken ct) =>
        await CommitAsync(await PrepareAsync(article, force, ct), ct);

    /// <summary>An article checked, claimed and extracted, ready to save; or, in <see cref="Done"/>, the outcome when there is nothing to save.</summary>
    internal sealed record Prepared(Article Article, Outcome? Done, ArticleExtraction? Extraction);

    private async Task<Prepared> PrepareAsync(Article article, bool force, CancellationToken ct)
    {
        if (!force && await IsCurrentAsync(article, ct))
        {
            return new Prepared(article, new Outcome(Unchanged(article), false), null);
        }

        if (!await _log.TryClaimAsync(article.Id, TimeSpan.FromSeconds(_options.ClaimLeaseSeconds), ct))
        {
            return new Prepared(article, new Outcome(null, false), null);
        }

        try
        {
            // Another worker may have stored it between our first look and our claim.
            if (!force && await IsCurrentAsync(article, ct))
            {
                await _log.ReleaseAsync(article.Id, CancellationToken.None);
                return new Prepared(article, new Outcome(Unchanged(article), false), null);
            }

            return new Prepared(article, null, _extractor.Extract(article));
        }
        catch
        {
            await _log.ReleaseAsync(article.Id, CancellationToken.None);
            throw;
        }
    }

    private async Task<Outcome> CommitAsync(Prepared prepared, CancellationToken ct)
    {
        if (prepared.Done is { } done)
        {
            return done;
        }

        var article = prepared.Article;
        try
        {
            var saved = await _retry.ExecuteAsync(async token => await _store.SaveArticleAsync(article, prepared.Extraction!, _extractor.Version, token), ct);
            return new Outcome(new IngestResult(article.Id, saved.Outcome, saved.Actors, saved.Relations, saved.RemovedRelations), true);
        }
        finally
        {
            await _log.ReleaseAsync(article.Id, CancellationToken.None);
        }
    }

    /// <summary>A prepared article the run will not save (cancelled, or the source broke): its claim is given back.</summary>
    private async Task AbandonAsync(Task<Prepared> work)
    {
        try
        {
            var prepared = await work;
            if (prepared.Done is null)
            {
                await _log.ReleaseAsync(prepared.Article.Id, CancellationToken.None);
            }
        }
        catch (Exception)
        {
            // It failed or was cancelled while preparing, and gave its claim back then.
        }
    }

    private async Task<bool> IsCurrentAsync(Article article, CancellationToken ct)
    {
        var state = await _retry.ExecuteAsync(async token => await _store.GetArticleStateAsync(article.Id, token), ct);
        return state is not null && state.ContentHash == article.ContentHash && state.ExtractorVersion == _extractor.Version;
    }

    private static IngestResult Unchanged(Article article) => new(article.Id, SaveOutcome.Unchanged, 0, 0, 0);

    /// <summary>Structured progress lines for logs (no terminal): at most one every few seconds.</summary>
    private sealed class ProgressLog(ILogger logger, string source, int? expected, Stopwatch clock)
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
        private TimeSpan _last;

        public void Advance(int done)
        {
            if (clock.Elapsed - _last < Every)
            {
                return;
            }

            _last = clock.Elapsed;
            if (!logger.IsEnabled(LogLevel.Information))
            {
                return;
            }

            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            var eta = expected is { } total && rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - done) / rate) : (TimeSpan?)null;
            var rounded = Math.Round(rate, 1);
            Log.Progress(logger, source, done, expected, rounded, eta);
        }

        public void Done(int done)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var seconds = clock.Elapsed.TotalSeconds;
                var rate = Math.Round(done / Math.Max(seconds, 1e-3), 1);
                Log.Finished(logger, source, done, seconds, rate);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Ingesting {Source}: {Done} of {Expected} articles, {ArticlesPerSecond} articles/s, ETA {Eta}")]
        public static partial void Progress(ILogger logger, string source, int done, int? expected, double articlesPerSecond, TimeSpan? eta);

        [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "Ingested {Source}: {Done} articles in {Seconds:0.0} s, {ArticlesPerSecond} articles/s")]
        public static partial void Finished(ILogger logger, string source, int done, double seconds, double articlesPerSecond);

        [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Store call failed with a transient error; attempt {Attempt}: {Error}")]
        public static partial void Retrying(ILogger logger, int attempt, string error);
    }
}
