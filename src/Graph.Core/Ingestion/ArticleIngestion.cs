using System.Diagnostics;
using System.Globalization;
using Graph.Core.Corrections;
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
/// Articles go through in batches: the next batch is checked, claimed and extracted (CPU, on every core) while the previous
/// one is saved in one store call (I/O); results still come out in input order.
/// </summary>
public sealed partial class ArticleIngestion
{
    /// <summary>How many failures a summary lists; the run counts them all and the dead letters keep them.</summary>
    public const int FailuresListed = 100;

    /// <summary>
    /// Articles saved together, in one store transaction: a bulk load pays one commit (and one claim and one check) per
    /// batch instead of per article. A killed run loses at most its batch in progress, which the next run redoes.
    /// </summary>
    private const int BatchArticles = 64;

    /// <summary>Characters of text a batch holds at most, so that two batches in flight stay small beside 16 MB articles.</summary>
    private const long BatchChars = 4_000_000;

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
    private readonly ICorrectionLog? _corrections;

    /// <summary>With <c>corrections</c>, every article saved has the analysts' corrections in force applied to it.</summary>
    public ArticleIngestion(
        IExtractor extractor, IGraphStore store, IArticleClaims claims, IIngestLog log, IngestionOptions options, TimeProvider time, ILogger<ArticleIngestion>? logger = null, ICorrectionLog? corrections = null)
    {
        _extractor = extractor;
        _store = store;
        _claims = claims;
        _log = log;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<ArticleIngestion>.Instance;
        _corrections = corrections;
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
        // Prepared ahead (checked, claimed, extracted) while the batch before it is saved.
        (List<IngestItem> Items, Task<Prepared[]> Work)? pending = null;
        var batch = new List<IngestItem>();
        long chars = 0;
        // Batches start at one article and double: the first results come at once, and a run cancelled early stops
        // after a few articles, while a long run soon saves BatchArticles at a time.
        int size = 1;
        bool ended = false;

        async Task AdvanceAsync()
        {
            var next = batch;
            batch = [];
            chars = 0;
            size = Math.Min(BatchArticles, size * 2);
            var articles = next.Where(i => i.Article is not null).Select(i => i.Article!).ToList();
            var work = Task.Run(() => PrepareAsync(articles, run.Request, ct), ct);
            if (pending is { } previous)
            {
                // Until it is pending, the batch just started is the one to give back if this fails.
                pending = (next, work);
                await state.FinishAsync(previous.Items, previous.Work);
            }

            pending = (next, work);
        }

        try
        {
            await foreach (var item in items.WithCancellation(ct))
            {
                // Every way in is checked here too: a blank id, a text with nothing to read or a NUL is refused whoever read it.
                var entry = item.Article is { } article && ArticleCheck.Problem(article.Id, article.Text) is { } refused
                    ? item with { Article = null, Error = refused }
                    : item;
                batch.Add(entry);
                chars += entry.Article?.Text.Length ?? 0;
                if (batch.Count >= size || chars >= BatchChars)
                {
                    await AdvanceAsync();
                }
            }

            if (batch.Count > 0)
            {
                await AdvanceAsync();
            }

            if (pending is { } last)
            {
                pending = null;
                await state.FinishAsync(last.Items, last.Work);
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

    /// <summary>
    /// An article checked, claimed and extracted, ready to save; or, in <see cref="Done"/>, what became of it when there is
    /// nothing to save; or, in <see cref="Error"/>, why it failed.
    /// </summary>
    private sealed record Prepared(Article Article, SaveResult? Done, ArticleExtraction? Extraction, bool ClaimedElsewhere = false)
    {
        public Exception? Error { get; init; }

        public bool ToSave => Extraction is not null && Error is null;
    }

    /// <summary>
    /// Checks, claims and extracts a batch, asking the store and the claims once each. Should the store fail on the batch
    /// (one article it cannot look up), the articles are prepared again one by one, so that only that one fails, with
    /// its reason.
    /// </summary>
    private async Task<Prepared[]> PrepareAsync(List<Article> articles, IngestRequest request, CancellationToken ct)
    {
        try
        {
            return await PrepareTogetherAsync(articles, request, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not StorageFullException and not OutOfMemoryException)
        {
            var prepared = new Prepared[articles.Count];
            for (int i = 0; i < articles.Count; i++)
            {
                try
                {
                    prepared[i] = await PrepareTogetherAsync([articles[i]], request, ct) is [var one] ? one : throw new InvalidOperationException("One article prepared as none.");
                }
                catch (Exception x) when (x is not OperationCanceledException and not StorageFullException and not OutOfMemoryException)
                {
                    prepared[i] = new Prepared(articles[i], null, null) { Error = x };
                }
            }

            return prepared;
        }
    }

    private async Task<Prepared[]> PrepareTogetherAsync(List<Article> articles, IngestRequest request, CancellationToken ct)
    {
        string version = _extractor.Version;
        var prepared = new Prepared?[articles.Count];
        var open = await CurrentAsync(articles, Enumerable.Range(0, articles.Count).ToList(), prepared, request, ct);
        var claimed = await _claims.TryClaimManyAsync([.. open.Select(i => articles[i].Id).Distinct(StringComparer.Ordinal)], _options.ClaimLease, ct);
        var mine = new List<int>(open.Count);
        foreach (int i in open)
        {
            if (claimed.Contains(articles[i].Id))
            {
                mine.Add(i);
            }
            else
            {
                prepared[i] = new Prepared(articles[i], null, null, ClaimedElsewhere: true);
            }
        }

        var release = new List<string>();
        try
        {
            // Another worker may have stored some between our first look and our claim.
            var toExtract = await CurrentAsync(articles, mine, prepared, request, ct);
            release.AddRange(mine.Except(toExtract).Select(i => articles[i].Id));

            // The extractor is pure and thread-safe: the batch is extracted on every core.
            Parallel.ForEach(toExtract, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                try
                {
                    prepared[i] = new Prepared(articles[i], null, Extract(articles[i]));
                }
                catch (ExtractionFailedException e)
                {
                    prepared[i] = new Prepared(articles[i], null, null) { Error = e };
                }
            });
            release.AddRange(toExtract.Where(i => prepared[i]!.Error is not null).Select(i => articles[i].Id));
        }
        catch
        {
            release = [.. mine.Select(i => articles[i].Id)];
            throw;
        }
        finally
        {
            if (release.Count > 0)
            {
                await _claims.ReleaseManyAsync(release, CancellationToken.None);
            }
        }

        return [.. prepared.Select(p => p!)];
    }

    /// <summary>Marks done the articles of <paramref name="indexes"/> the store says are current, and returns the others.</summary>
    private async Task<List<int>> CurrentAsync(List<Article> articles, List<int> indexes, Prepared?[] prepared, IngestRequest request, CancellationToken ct)
    {
        if (request.Force || indexes.Count == 0)
        {
            return indexes;
        }

        var checks = await _store.CheckManyAsync([.. indexes.Select(i => articles[i])], _extractor.Version, request.SkipDuplicateText, ct);
        var open = new List<int>(indexes.Count);
        for (int k = 0; k < indexes.Count; k++)
        {
            int i = indexes[k];
            if (checks[k] is { } current)
            {
                prepared[i] = new Prepared(articles[i], current, null);
            }
            else
            {
                open.Add(i);
            }
        }

        return open;
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

    /// <summary>
    /// Saves the extracted articles of a batch in one store call (one transaction in the embedded store), in input order,
    /// and gives their claims back. Should the store refuse the batch, it is saved again one article at a time, so that
    /// only the article at fault fails. Each result is a <see cref="SaveResult"/> or the exception that article failed with.
    /// </summary>
    private async Task<object[]> SaveAsync(IReadOnlyList<Prepared> batch, IngestRequest request, CancellationToken ct)
    {
        try
        {
            // Read at the last moment, so a correction made while the batch was extracted applies to it too.
            var corrections = _corrections is null ? [] : await _corrections.GetCorrectionsAsync(activeOnly: true, ct);
            var toSave = batch
                .Select(p => new ArticleToSave(p.Article, CorrectionRules.Apply(p.Extraction!, corrections)) { Replace = request.Force, SkipDuplicateText = request.SkipDuplicateText })
                .ToList();

            try
            {
                return [.. await _store.SaveArticlesAsync(toSave, _extractor.Version, ct)];
            }
            catch (Exception e) when (e is not OperationCanceledException and not StorageFullException and not OutOfMemoryException)
            {
                var results = new object[toSave.Count];
                for (int i = 0; i < toSave.Count; i++)
                {
                    try
                    {
                        results[i] = (await _store.SaveArticlesAsync([toSave[i]], _extractor.Version, ct))[0];
                    }
                    catch (Exception x) when (x is not OperationCanceledException and not StorageFullException and not OutOfMemoryException)
                    {
                        results[i] = x;
                    }
                }

                return results;
            }
        }
        finally
        {
            await _claims.ReleaseManyAsync([.. batch.Select(p => p.Article.Id).Distinct(StringComparer.Ordinal)], CancellationToken.None);
        }
    }

    /// <summary>A prepared batch the run will not save (cancelled, or the source broke): its claims are given back.</summary>
    private async Task AbandonAsync(Task<Prepared[]> work)
    {
        try
        {
            var prepared = await work;
            var claimed = prepared.Where(p => p.ToSave).Select(p => p.Article.Id).Distinct(StringComparer.Ordinal).ToList();
            if (claimed.Count > 0)
            {
                await _claims.ReleaseManyAsync(claimed, CancellationToken.None);
            }
        }
        catch (Exception)
        {
            // It failed or was cancelled while preparing, and gave its claims back then.
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

        /// <summary>Saves a prepared batch and records each of its items, in input order.</summary>
        public async Task FinishAsync(List<IngestItem> items, Task<Prepared[]> work)
        {
            var prepared = await work;
            var toSave = prepared.Where(p => p.ToSave).ToList();
            var saved = toSave.Count == 0 ? [] : await owner.SaveAsync(toSave, run.Request, ct);
            int next = 0, nextSaved = 0;
            foreach (var item in items)
            {
                // Only now, with the previous item done, does its file end: its failures are all counted.
                await EnterAsync(item.Origin);
                if (item.Article is null)
                {
                    await FailAsync(new IngestFailure(item.Origin, item.Error ?? "unreadable"));
                    continue;
                }

                var p = prepared[next++];
                var outcome = p.ToSave ? saved[nextSaved++] : (object?)p.Error ?? p.Done;
                if (p.ClaimedElsewhere)
                {
                    _claimedElsewhere++;
                    await ProgressAsync();
                }
                else if (outcome is SaveResult result)
                {
                    if (p.Extraction is not null)
                    {
                        _extracted++;
                    }

                    await ResultAsync(item, p.Article, result);
                    await ProgressAsync();
                }
                else
                {
                    await FailAsync(new IngestFailure(item.Origin, Reason((Exception)outcome!)));
                }
            }
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
