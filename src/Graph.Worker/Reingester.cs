using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Worker;

/// <summary>How the evidence between two actors changed when an article was extracted again.</summary>
public sealed record PairChange(string Source, string Target, int Added, int Changed, int Removed);

public sealed record ReingestReport(int Considered, int Reextracted, int ClaimedElsewhere, IReadOnlyList<PairChange> Pairs, IReadOnlyList<IngestFailure> Failures);

/// <summary>
/// <c>reingest</c>: extracts stored articles again from their stored text when they were extracted by another
/// extractor version (or always, with <c>all</c>), and reports per actor pair what was added, changed and removed.
/// </summary>
public sealed class Reingester(IGraphStore store, IngestPipeline pipeline, SqliteIngestLog log, TimeProvider time)
{
    private const int PageSize = 500;

    /// <param name="since">Only articles published on or after this day.</param>
    /// <param name="source">Only articles whose source is this name (ignoring case).</param>
    /// <param name="all">Re-extract even articles already extracted by the current version.</param>
    /// <param name="ct">Stops between articles.</param>
    public async Task<ReingestReport> RunAsync(DateOnly? since, string? source, bool all, CancellationToken ct = default)
    {
        // Ids first: saving re-orders nothing we page over, but the list must not shift under us either way.
        var stored = new List<StoredArticle>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await store.SearchArticlesAsync(new ArticleSearch(Since: since, First: PageSize, Offset: offset), ct);
            stored.AddRange(page.Items);
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                break;
            }
        }

        var runId = await log.StartRunAsync(source ?? "(all)", "reingest", ct);
        var started = time.GetUtcNow();
        var pairs = new Dictionary<(string, string), PairChange>();
        var failures = new List<IngestFailure>();
        int considered = 0, reextracted = 0, claimed = 0, added = 0, updated = 0, unchanged = 0;
        foreach (var header in stored)
        {
            ct.ThrowIfCancellationRequested();
            if (source is not null && !string.Equals(header.Source, source, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            considered++;
            if (!all && header.ExtractorVersion == pipeline.ExtractorVersion)
            {
                unchanged++;
                continue;
            }

            try
            {
                var full = await store.GetArticleAsync(header.Id, ct);
                if (full?.Text is null)
                {
                    continue;
                }

                var before = await store.GetEvidenceAsync(new EvidenceFilter { ArticleId = header.Id }, ct);
                var article = new Article(full.Id, full.Text, full.Title, full.Url, full.PublishedAt, full.Source);
                var outcome = await pipeline.IngestOneAsync(article, force: true, ct);
                if (outcome.Result is null)
                {
                    claimed++;
                    continue;
                }

                reextracted++;
                if (outcome.Result.Outcome == Core.Storage.SaveOutcome.Unchanged)
                {
                    unchanged++;
                }
                else
                {
                    updated++;
                }

                var after = await store.GetEvidenceAsync(new EvidenceFilter { ArticleId = header.Id }, ct);
                foreach (var change in Diff(before, after))
                {
                    var key = (change.Source, change.Target);
                    pairs[key] = pairs.TryGetValue(key, out var sum)
                        ? sum with { Added = sum.Added + change.Added, Changed = sum.Changed + change.Changed, Removed = sum.Removed + change.Removed }
                        : change;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new IngestFailure(header.Id, e.Message));
                await log.AddDeadLetterAsync(source ?? "reingest", header.Id, e.Message, ct);
            }
        }

        await log.FinishRunAsync(new Core.Ingestion.IngestRun(runId, source ?? "(all)", "reingest", started, time.GetUtcNow(),
            considered, added, updated, unchanged, reextracted, failures.Count, null), CancellationToken.None);
        var ordered = pairs.Values.OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Target, StringComparer.Ordinal).ToList();
        return new ReingestReport(considered, reextracted, claimed, ordered, failures);
    }

    /// <summary>
    /// Evidence is matched by what it says where: pair, type and offsets. Same place with another polarity, score,
    /// confidence or modality is a change; a place only before is removed, only after is added.
    /// </summary>
    public static IEnumerable<PairChange> Diff(IReadOnlyList<Evidence> before, IReadOnlyList<Evidence> after)
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
