using System.Runtime.CompilerServices;
using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Core.Ingestion;

/// <summary>
/// Which stored articles to extract again: those named, or those published since a day (of one source); only the ones
/// the store holds as extracted by another extractor version unless <see cref="All"/> (or ids) ask for every one.
/// </summary>
public sealed record ReingestRequest(DateOnly? Since = null, string? Source = null, bool All = false, IReadOnlyList<string>? ArticleIds = null)
{
    /// <summary>What the run log calls the run's source.</summary>
    public string RunSource => Source ?? (ArticleIds is { Count: > 0 } ? "(articles)" : "(all)");
}

/// <summary>How the evidence between two actors changed when articles were extracted again.</summary>
public sealed record PairChange(string Source, string Target, int Added, int Changed, int Removed);

public sealed record ReingestReport(IngestSummary Summary, IReadOnlyList<PairChange> Pairs, IReadOnlyList<string> Missing)
{
    /// <summary>Articles that were up for re-extraction (the missing ones aside).</summary>
    public int Considered => Summary.Read;
}

/// <summary>
/// <c>reingest</c>: stored articles extracted again from their stored text through <see cref="ArticleIngestion"/> (so
/// claims, dead letters and the run log apply as to any ingestion), with what changed per actor pair.
/// </summary>
public sealed class Reingestion(ArticleIngestion ingestion, IGraphStore store)
{
    private const int PageSize = 500;

    public Task<StartedRun> StartAsync(ReingestRequest request, CancellationToken ct = default) =>
        ingestion.StartAsync(Ingest(request), ct);

    public async Task<ReingestReport> RunAsync(ReingestRequest request, IIngestObserver? observer = null, CancellationToken ct = default) =>
        await RunAsync(await StartAsync(request, ct), request, observer, ct);

    public async Task<ReingestReport> RunAsync(StartedRun run, ReingestRequest request, IIngestObserver? observer = null, CancellationToken ct = default)
    {
        var missing = new List<string>();
        var diff = new PairDiff(store, observer);
        var summary = await ingestion.RunAsync(run, ItemsAsync(request, missing, diff, ct), diff, ct);
        return new ReingestReport(summary, diff.Pairs(), missing);
    }

    /// <summary>Named articles are extracted again whatever their version; the others only when the store holds them as stale.</summary>
    private IngestRequest Ingest(ReingestRequest request) =>
        new(request.RunSource, "reingest") { Force = request.All || request.ArticleIds is { Count: > 0 }, SkipDuplicateText = false };

    private async IAsyncEnumerable<IngestItem> ItemsAsync(ReingestRequest request, List<string> missing, PairDiff diff, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var id in await IdsAsync(request, ct))
        {
            if (await store.GetArticleAsync(id, ct) is not { Text: { } text } stored)
            {
                missing.Add(id);
                continue;
            }

            await diff.BeforeAsync(id, ct);
            yield return IngestItem.Ok(id, new Article(stored.Id, text, stored.Title, stored.Url, stored.PublishedAt, stored.Source));
        }
    }

    /// <summary>Ids first: the articles re-extracted leave the stale ones, so paging over them as they change would skip some.</summary>
    private async Task<IReadOnlyList<string>> IdsAsync(ReingestRequest request, CancellationToken ct)
    {
        if (request.ArticleIds is { Count: > 0 } named)
        {
            return [.. named.Distinct(StringComparer.Ordinal)];
        }

        var search = new ArticleSearch(Since: request.Since, First: PageSize)
        {
            NotExtractedBy = request.All ? null : ingestion.ExtractorVersion,
            Source = request.Source,
        };
        var ids = new List<string>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await store.SearchArticlesAsync(search with { Offset = offset }, ct);
            ids.AddRange(page.Items.Select(a => a.Id));
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return ids;
            }
        }
    }

    /// <summary>The evidence of each article read before and after it is saved again, summed per actor pair.</summary>
    private sealed class PairDiff(IGraphStore store, IIngestObserver? inner) : IIngestObserver
    {
        // Only the few articles in flight (read ahead, not yet saved) are held.
        private readonly Dictionary<string, IReadOnlyList<Evidence>> _before = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string), PairChange> _pairs = [];

        public async Task BeforeAsync(string articleId, CancellationToken ct) =>
            _before[articleId] = await store.GetEvidenceAsync(new EvidenceFilter { ArticleId = articleId }, ct);

        public async ValueTask OnResultAsync(IngestResult result, CancellationToken ct)
        {
            if (_before.Remove(result.ArticleId, out var before) && result.Outcome != SaveOutcome.Unchanged)
            {
                var after = await store.GetEvidenceAsync(new EvidenceFilter { ArticleId = result.ArticleId }, ct);
                foreach (var change in EvidenceDiff.Between(before, after))
                {
                    var key = (change.Source, change.Target);
                    _pairs[key] = _pairs.TryGetValue(key, out var sum)
                        ? sum with { Added = sum.Added + change.Added, Changed = sum.Changed + change.Changed, Removed = sum.Removed + change.Removed }
                        : change;
                }
            }

            if (inner is not null)
            {
                await inner.OnResultAsync(result, ct);
            }
        }

        public async ValueTask OnFailureAsync(IngestFailure failure, CancellationToken ct)
        {
            _before.Remove(failure.Origin);
            if (inner is not null)
            {
                await inner.OnFailureAsync(failure, ct);
            }
        }

        public IReadOnlyList<PairChange> Pairs() =>
            [.. _pairs.Values.OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Target, StringComparer.Ordinal)];
    }
}

/// <summary>What changed in an article's evidence when it was extracted again.</summary>
public static class EvidenceDiff
{
    /// <summary>
    /// Evidence is matched by what it says where: pair, type and offsets. Same place with another polarity, score,
    /// confidence or modality is a change; a place only before is removed, only after is added.
    /// </summary>
    public static IEnumerable<PairChange> Between(IReadOnlyList<Evidence> before, IReadOnlyList<Evidence> after)
    {
        static (string, string, RelationType, int, int) Key(Evidence e) => (e.Source, e.Target, e.Type, e.Start, e.End);
        var old = before.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var now = after.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var changes = new Dictionary<(string, string), (int Added, int Changed, int Removed)>();
        foreach (var (key, e) in now)
        {
            var c = changes.GetValueOrDefault((key.Item1, key.Item2));
            if (!old.TryGetValue(key, out var o))
            {
                c.Added++;
            }
            else if (o.Polarity != e.Polarity || o.Score != e.Score || o.Confidence != e.Confidence || o.Modality != e.Modality)
            {
                c.Changed++;
            }
            else
            {
                continue;
            }

            changes[(key.Item1, key.Item2)] = c;
        }

        foreach (var key in old.Keys.Where(k => !now.ContainsKey(k)))
        {
            var c = changes.GetValueOrDefault((key.Item1, key.Item2));
            c.Removed++;
            changes[(key.Item1, key.Item2)] = c;
        }

        return changes.Select(kv => new PairChange(kv.Key.Item1, kv.Key.Item2, kv.Value.Added, kv.Value.Changed, kv.Value.Removed));
    }
}
