using System.Diagnostics;
using System.Globalization;
using Graph.Core.Domain;
using Graph.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graph.Core.Ingestion;

/// <summary>
/// The one ingestion use case, behind <c>ingest</c>, <c>reingest</c>, the worker, the server's seeding and the GraphQL
/// mutations: for each article, <b>check</b> (the store says whether it is current), <b>claim</b> (so that no other worker
/// extracts it too), <b>extract</b>, <b>save</b> (one store transaction, which decides again) and <b>record</b> (the run,
/// and a dead letter for whatever failed). One article that cannot be read, extracted or stored never stops the others.
/// The next article is checked, claimed and extracted (CPU) while the previous one is saved (I/O); results still come out
/// in input order.
/// </summary>
public sealed partial class ArticleIngestion
{
    /// <summary>How many failures a summary lists; the run counts them all and the dead letters keep them.</summary>
    public const int FailuresListed = 100;

    /// <summary>Dead letters of origins read fine again are cleared in batches of this many.</summary>
    private const int ResolveBatch = 256;

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    private readonly IExtractor _extractor;
    private readonly IGraphStore _store;
    private readonly IArticleClaims _claims;
    private readonly IIngestLog _log;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ArticleIngestion(IExtractor extractor, IGraphStore store, IArticleClaims claims, IIngestLog log, IngestionOptions options, TimeProvider time, ILogger<ArticleIngestion>? logger = null)
    {
        _extractor = extractor;
        _store = store;
        _claims = claims;
        _log = log;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<ArticleIngestion>.Instance;
    }

    /// <summary>The version stored with every article this ingests: what tells a current article from a stale one.</summary>
    public string ExtractorVersion => _extractor.Version;

    /// <summary>Records the start of a run, so a caller can hand out its id before the work is done.</summary>
    public async Task<StartedRun> StartAsync(IngestRequest request, CancellationToken ct = default)
    {
        var id = await _log.StartRunAsync(request.Source, request.Kind, ct);
        return new StartedRun(id, request, _time.GetUtcNow());
    }

    /// <summary>Ingests every item of <paramref name="items"/> as one recorded run.</summary>
    public async Task<IngestSummary> RunAsync(IngestRequest request, IAsyncEnumerable<IngestItem> items, IIngestObserver? observer = null, CancellationToken ct = default) =>
        await RunAsync(await StartAsync(request, ct), items, observer, ct);

    /// <summary>Ingests every item of <paramref name="items"/> in the run <paramref name="run"/> started.</summary>
    public async Task<IngestSummary> RunAsync(StartedRun run, IAsyncEnumerable<IngestItem> items, IIngestObserver? observer = null, CancellationToken ct = default)
    {
        var state = new RunState(this, run, observer, ct);
        // Prepared ahead (checked, claimed, extracted) while the previous article is saved.
        (IngestItem Item, Task<Prepared> Work)? pending = null;
        bool ended = false;
        try
        {
            await foreach (var item in items.WithCancellation(ct))
            {
                // Every way in is checked here too: a blank id, a text with nothing to read or a NUL is refused whoever read it.
                var article = item.Article;
                var refused = article is null ? item.Error ?? "unreadable" : ArticleCheck.Problem(article.Id, article.Text);
                var work = refused is null ? Task.Run(() => PrepareAsync(article!, run.Request, ct), ct) : null;
                if (pending is { } previous)
                {
                    // Until it is pending, the article just started is the one to give back if this fails.
                    pending = work is null ? null : (item, work);
                    await state.FinishAsync(previous.Item, previous.Work);
                    pending = null;
                }

                // Only now, with the previous article done, does its file end: its failures are all counted.
                await state.EnterAsync(item.Origin);
                if (work is null)
                {
                    await state.FailAsync(new IngestFailure(item.Origin, refused!));
                    continue;
                }

                pending = (item, work);
            }

            if (pending is { } last)
            {
                pending = null;
                await state.FinishAsync(last.Item, last.Work);
            }

            await state.CloseAsync();
            ended = true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            state.Stop("stopped before the end (cancelled)", interrupted: true);
            throw;
        }
        catch (StorageFullException e)
        {
            state.Stop(e.Message, interrupted: false);
            throw;
        }
        catch (Exception e)
        {
            // The source itself broke (a folder vanished, a file could not be opened): the run ends, recorded.
            state.Stop(e.Message, interrupted: false);
            throw;
        }
        finally
        {
            if (pending is { } abandoned)
            {
                await AbandonAsync(abandoned.Work);
            }

            await state.RecordEndAsync(throwIfFull: ended);
        }

        return state.Summary();
    }

    /// <summary>An article checked, claimed and extracted, ready to save; or, in <see cref="Done"/>, what became of it when there is nothing to save.</summary>
    private sealed record Prepared(Article Article, SaveResult? Done, ArticleExtraction? Extraction, bool ClaimedElsewhere = false);

    private async Task<Prepared> PrepareAsync(Article article, IngestRequest request, CancellationToken ct)
    {
        if (!request.Force && await _store.CheckAsync(article, _extractor.Version, request.SkipDuplicateText, ct) is { } current)
        {
            return new Prepared(article, current, null);
        }

        if (!await _claims.TryClaimAsync(article.Id, _options.ClaimLease, ct))
        {
            return new Prepared(article, null, null, ClaimedElsewhere: true);
        }

        try
        {
            // Another worker may have stored it between our first look and our claim.
            if (!request.Force && await _store.CheckAsync(article, _extractor.Version, request.SkipDuplicateText, ct) is { } stored)
            {
                await _claims.ReleaseAsync(article.Id, CancellationToken.None);
                return new Prepared(article, stored, null);
            }

            return new Prepared(article, null, Extract(article));
        }
        catch
        {
            await _claims.ReleaseAsync(article.Id, CancellationToken.None);
            throw;
        }
    }

    private ArticleExtraction Extract(Article article)
    {
        try
        {
            return _extractor.Extract(article);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new ExtractionFailedException(e);
        }
    }

    private async Task<SaveResult> SaveAsync(Prepared prepared, IngestRequest request, CancellationToken ct)
    {
        try
        {
            var toSave = new ArticleToSave(prepared.Article, prepared.Extraction!) { Replace = request.Force, SkipDuplicateText = request.SkipDuplicateText };
            return (await _store.SaveArticlesAsync([toSave], _extractor.Version, ct))[0];
        }
        finally
        {
            await _claims.ReleaseAsync(prepared.Article.Id, CancellationToken.None);
        }
    }

    /// <summary>A prepared article the run will not save (cancelled, or the source broke): its claim is given back.</summary>
    private async Task AbandonAsync(Task<Prepared> work)
    {
        try
        {
            var prepared = await work;
            if (prepared.Extraction is not null)
            {
                await _claims.ReleaseAsync(prepared.Article.Id, CancellationToken.None);
            }
        }
        catch (Exception)
        {
            // It failed or was cancelled while preparing, and gave its claim back then.
        }
    }

    /// <summary>Why an article could not be ingested, in words for the run log and the dead letters.</summary>
    private static string Reason(Exception e) => e switch
    {
        ExtractionFailedException x => $"the extractor failed: {x.InnerException!.GetType().Name}: {x.InnerException.Message}",
        ArgumentException => $"not stored: {e.Message}",
        _ => $"not stored: {e.GetType().Name}: {e.Message}",
    };

    /// <summary>One run in progress: its counts, its file-by-file failures, and the dead letters it clears.</summary>
    private sealed class RunState(ArticleIngestion owner, StartedRun run, IIngestObserver? observer, CancellationToken ct)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly FileFailures _files = new();
        private readonly List<IngestFailure> _listed = [];
        private readonly List<string> _resolved = [];
        private int _added, _updated, _unchanged, _duplicates, _extracted, _claimedElsewhere, _failed, _relations;
        private TimeSpan _lastProgress;
        private string? _error;
        private bool _interrupted;

        private int Done => _added + _updated + _unchanged + _duplicates + _claimedElsewhere + _failed;

        /// <summary>Moves on to the item's file; a file that just ended reports its failures as one, or clears its old dead letter.</summary>
        public async Task EnterAsync(string origin)
        {
            if (_files.Enter(origin) is { } ended)
            {
                await EndFileAsync(ended);
            }
        }

        public async Task FinishAsync(IngestItem item, Task<Prepared> work)
        {
            try
            {
                var prepared = await work;
                if (prepared.ClaimedElsewhere)
                {
                    _claimedElsewhere++;
                }
                else
                {
                    var saved = prepared.Done ?? await owner.SaveAsync(prepared, run.Request, ct);
                    if (prepared.Extraction is not null)
                    {
                        _extracted++;
                    }

                    await ResultAsync(item, prepared.Article, saved);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not StorageFullException)
            {
                await FailAsync(new IngestFailure(item.Origin, Reason(e)));
            }

            await ProgressAsync();
        }

        public async Task FailAsync(IngestFailure failure)
        {
            _failed += failure.Count;
            _files.Add(failure);
            await ProgressAsync();
        }

        public async Task CloseAsync()
        {
            if (_files.Close() is { } ended)
            {
                await EndFileAsync(ended);
            }

            await ResolveAsync(all: true);
        }

        public void Stop(string error, bool interrupted)
        {
            _error = error;
            _interrupted = interrupted;
        }

        /// <summary>Records the end of the run. Only a run that otherwise succeeded fails when the disk is too full for that.</summary>
        public async Task RecordEndAsync(bool throwIfFull)
        {
            try
            {
                await owner._log.FinishRunAsync(Snapshot(owner._time.GetUtcNow()), CancellationToken.None);
            }
            catch (StorageFullException) when (!throwIfFull)
            {
                // The run is already ending with an error of its own; that is the one to report.
            }

            var logger = owner._logger;
            if (logger.IsEnabled(LogLevel.Debug))
            {
                int done = Done;
                var seconds = _clock.Elapsed.TotalSeconds;
                var source = run.Request.Source;
                var perSecond = Math.Round(done / Math.Max(seconds, 1e-3), 1);
                Log.Finished(logger, source, done, seconds, perSecond);
            }
        }

        public IngestSummary Summary() =>
            new(run.Id, _added, _updated, _unchanged, _duplicates, _extracted, _claimedElsewhere, _failed, _relations) { Failures = [.. _listed] };

        private async Task ResultAsync(IngestItem item, Article article, SaveResult saved)
        {
            switch (saved.Outcome)
            {
                case SaveOutcome.Added: _added++; break;
                case SaveOutcome.Updated: _updated++; break;
                case SaveOutcome.Unchanged: _unchanged++; break;
                default: _duplicates++; break;
            }

            _relations += saved.Relations;
            _resolved.Add(item.Origin);
            await ResolveAsync(all: false);
            if (observer is not null)
            {
                await observer.OnResultAsync(
                    new IngestResult(article.Id, saved.Outcome, saved.Actors, saved.Relations, saved.RemovedRelations) { DuplicateOf = saved.DuplicateOf, Origin = item.Origin },
                    ct);
            }
        }

        private async Task EndFileAsync((string File, IngestFailure? Failure) ended)
        {
            if (ended.Failure is not { } failure)
            {
                _resolved.Add(ended.File);
                return;
            }

            if (failure.Origin != ended.File)
            {
                // One record failed: it has its own letter, and the file's letter of an earlier run is out of date.
                _resolved.Add(ended.File);
            }

            if (_listed.Count < FailuresListed)
            {
                _listed.Add(failure);
            }

            await owner._log.AddDeadLetterAsync(run.Request.Source, failure.Origin, failure.Error, failure.Count, ct);
            if (observer is not null)
            {
                await observer.OnFailureAsync(failure, ct);
            }
        }

        private async Task ResolveAsync(bool all)
        {
            if (_resolved.Count >= ResolveBatch || (all && _resolved.Count > 0))
            {
                await owner._log.ResolveDeadLettersAsync([.. _resolved], ct);
                _resolved.Clear();
            }
        }

        /// <summary>At most every few seconds: a progress line for logs, and the counts so far in the run log (its sign of life).</summary>
        private async Task ProgressAsync()
        {
            if (_clock.Elapsed - _lastProgress < ProgressEvery)
            {
                return;
            }

            _lastProgress = _clock.Elapsed;
            await owner._log.UpdateRunAsync(Snapshot(null), ct);
            var logger = owner._logger;
            if (logger.IsEnabled(LogLevel.Information))
            {
                int done = Done;
                var rate = done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
                var eta = run.Request.Expected is { } total && rate > 0 ? Durations.Human(TimeSpan.FromSeconds(Math.Max(0, total - done) / rate)) : "unknown";
                var expected = run.Request.Expected?.ToString(CultureInfo.InvariantCulture) ?? "?";
                var source = run.Request.Source;
                var rounded = Math.Round(rate, 1);
                Log.Progress(logger, source, done, expected, rounded, eta);
            }
        }

        private IngestRun Snapshot(DateTimeOffset? endedAt) =>
            new(run.Id, run.Request.Source, run.Request.Kind, run.StartedAt, endedAt, Done, _added, _updated, _unchanged, _extracted, _failed, _error)
            {
                Duplicates = _duplicates,
                Interrupted = _interrupted,
            };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Ingesting {Source}: {Done} of {Expected} articles, {ArticlesPerSecond} articles/s, ETA {Eta}")]
        public static partial void Progress(ILogger logger, string source, int done, string expected, double articlesPerSecond, string eta);

        [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "Ingested {Source}: {Done} articles in {Seconds:0.0} s, {ArticlesPerSecond} articles/s")]
        public static partial void Finished(ILogger logger, string source, int done, double seconds, double articlesPerSecond);
    }
}

/// <summary>A run whose start is recorded: its id is what callers hand out while it goes on.</summary>
public sealed record StartedRun(long Id, IngestRequest Request, DateTimeOffset StartedAt);

/// <summary>The extractor threw on an article: the article fails with the reason, the run goes on.</summary>
public sealed class ExtractionFailedException(Exception inner) : Exception("The extractor failed on the article.", inner);
