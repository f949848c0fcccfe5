using Graph.Core.Ingestion;

namespace Graph.TestSupport;

/// <summary>Keeps what a run reported, article by article, as a caller watching it would see it.</summary>
public sealed class Collect : IIngestObserver
{
    public List<IngestResult> Results { get; } = [];

    public List<IngestFailure> Failures { get; } = [];

    public ValueTask OnResultAsync(IngestResult result, CancellationToken ct)
    {
        Results.Add(result);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnFailureAsync(IngestFailure failure, CancellationToken ct)
    {
        Failures.Add(failure);
        return ValueTask.CompletedTask;
    }
}
