using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction.Reading;

namespace Graph.Cli.Hosting;

public sealed record IngestFailure(string Origin, string Error);

public sealed record IngestSummary(IReadOnlyList<IngestResult> Results, IReadOnlyList<IngestFailure> Failures)
{
    public int Count(SaveOutcome outcome) => Results.Count(r => r.Outcome == outcome);

    public bool ChangedNothing => Results.All(r => r.Outcome == SaveOutcome.Unchanged);
}

/// <summary>
/// Reads every article under a path and ingests it. One article that cannot be read or stored is recorded
/// and skipped; it never stops the others, and what is already stored stays as it was.
/// </summary>
public sealed class IngestRun(ArticleReader reader, Ingestor ingestor)
{
    public async Task<IngestSummary> RunAsync(string path, bool force, Action<IngestResult>? onResult = null, Action<IngestFailure>? onFailure = null, CancellationToken ct = default)
    {
        var results = new List<IngestResult>();
        var failures = new List<IngestFailure>();
        await foreach (var item in reader.ReadAsync(path, ct))
        {
            if (item.Article is null)
            {
                Fail(new IngestFailure(item.Origin, item.Error ?? "unreadable"));
                continue;
            }

            try
            {
                var result = await ingestor.IngestAsync(item.Article, force, ct);
                results.Add(result);
                onResult?.Invoke(result);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Fail(new IngestFailure(item.Origin, e.Message));
            }
        }

        return new IngestSummary(results, failures);

        void Fail(IngestFailure failure)
        {
            failures.Add(failure);
            onFailure?.Invoke(failure);
        }
    }
}
