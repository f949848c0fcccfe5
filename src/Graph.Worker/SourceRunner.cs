using Graph.Core;
using Graph.Core.Ingestion;
using Microsoft.Extensions.Options;

namespace Graph.Worker;

/// <summary>Runs one configured source (by name) through the ingestion use case once.</summary>
public sealed class SourceRunner(ArticleIngestion ingestion, ArticleSources sources, IOptions<WorkerOptions> options)
{
    public SourceOptions Find(string name) =>
        options.Value.Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UserErrorException($"No source named {name} in Graph:Worker:Sources.");

    public async Task<IngestSummary> RunAsync(string name, bool force, IIngestObserver? observer, CancellationToken ct)
    {
        var source = Find(name);
        var expected = source.Kind is SourceKind.Folder or SourceKind.Jsonl && source.Path is { } path ? ArticleSources.Estimate(path) : null;
        var request = new IngestRequest(source.Name, "scheduled") { Force = force, Expected = expected };
        return await ingestion.RunAsync(request, sources.ReadAsync(source, ct), observer, ct);
    }
}
