using System.Runtime.CompilerServices;
using Graph.Core.Ingestion;
using Graph.Core.Storage;

namespace Graph.Worker;

/// <summary>What a retry of dead letters did, one run per source whose letters were read again.</summary>
public sealed record RetryReport(IReadOnlyList<IngestSummary> Runs, int StillFailing);

/// <summary>
/// <c>graph worker --retry</c>: dead letters read again from where they came from, each with the source it failed under.
/// A file (or a record of one) is read again whole, a URL fetched again in full, an article of the store extracted again
/// from its stored text. What now succeeds leaves the dead letters; what fails again stays, one attempt more.
/// </summary>
public sealed class DeadLetterRetry(IIngestLog log, ArticleIngestion ingestion, Reingestion reingestion, ArticleSources sources, IGraphStore store)
{
    private const int Page = 200;

    /// <param name="origins">The letters to retry; all of them when empty.</param>
    /// <param name="observer">Sees every article and failure of the retry runs.</param>
    /// <param name="ct">Stops between articles.</param>
    public async Task<RetryReport> RunAsync(IReadOnlyCollection<string> origins, IIngestObserver? observer, CancellationToken ct)
    {
        var letters = await LettersAsync(origins, ct);
        var runs = new List<IngestSummary>();
        foreach (var bySource in letters.GroupBy(l => l.Source, StringComparer.Ordinal))
        {
            var (reread, articles) = await SortAsync(bySource.Select(l => l.Origin), ct);
            if (reread.Count > 0)
            {
                runs.Add(await ingestion.RunAsync(new IngestRequest(bySource.Key, "retry"), ItemsAsync(bySource.Key, reread, ct), observer, ct));
            }

            if (articles.Count > 0)
            {
                runs.Add((await reingestion.RunAsync(new ReingestRequest(ArticleIds: articles), observer, ct)).Summary);
            }
        }

        var left = await log.GetDeadLettersAsync(new DeadLetterQuery(First: 0), ct);
        return new RetryReport(runs, left.TotalCount);
    }

    /// <summary>The letters named, or every letter; read before any is retried, as retrying removes them.</summary>
    private async Task<List<DeadLetter>> LettersAsync(IReadOnlyCollection<string> origins, CancellationToken ct)
    {
        var letters = new List<DeadLetter>();
        if (origins.Count > 0)
        {
            foreach (var origin in origins.Distinct(StringComparer.Ordinal))
            {
                letters.AddRange((await log.GetDeadLettersAsync(new DeadLetterQuery(Origin: origin, First: 1), ct)).Items);
            }

            return letters;
        }

        for (var offset = 0; ; offset += Page)
        {
            var page = await log.GetDeadLettersAsync(new DeadLetterQuery(First: Page, Offset: offset), ct);
            letters.AddRange(page.Items);
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return letters;
            }
        }
    }

    /// <summary>Origins to read again (files, URLs, and those gone, which fail again), and stored articles to extract again.</summary>
    private async Task<(List<string> Reread, List<string> Articles)> SortAsync(IEnumerable<string> origins, CancellationToken ct)
    {
        var (reread, articles) = (new List<string>(), new List<string>());
        foreach (var origin in origins)
        {
            var stored = !Path.Exists(Origins.FileOf(origin)) && !IsWebAddress(origin) && await store.GetArticleAsync(origin, ct) is not null;
            (stored ? articles : reread).Add(origin);
        }

        return (reread, articles);
    }

    private async IAsyncEnumerable<IngestItem> ItemsAsync(string source, IEnumerable<string> origins, [EnumeratorCancellation] CancellationToken ct)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var origin in origins)
        {
            var file = Origins.FileOf(origin);
            var items = Path.Exists(file) ? (files.Add(file) ? sources.ReadPathAsync(file, ct) : AsyncEnumerable.Empty<IngestItem>())
                : IsWebAddress(origin) ? sources.ReadPageAsync(source, origin, ct)
                : Gone(origin);
            await foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    private static bool IsWebAddress(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";

    private static async IAsyncEnumerable<IngestItem> Gone(string origin)
    {
        await Task.CompletedTask;
        yield return IngestItem.Fail(origin, "cannot be found any more: no such file, URL or stored article (drop it with --drop)");
    }
}
