using Microsoft.Extensions.Options;

namespace Graph.Worker;

/// <summary>Runs one configured source (by name) through the pipeline once.</summary>
public sealed class SourceRunner(IngestPipeline pipeline, ArticleSources sources, SqliteIngestLog log, IOptions<WorkerOptions> options)
{
    public SourceOptions Find(string name) =>
        options.Value.Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No source named {name} in Graph:Worker:Sources.");

    public async Task<IngestSummary> RunAsync(string name, bool force, IIngestObserver? observer, CancellationToken ct)
    {
        var source = Find(name);
        var retry = (await log.GetDeadLettersAsync(int.MaxValue, ct)).Where(d => d.Source == source.Name).Select(d => d.Origin).ToHashSet(StringComparer.Ordinal);
        var expected = source.Kind is SourceKind.Folder or SourceKind.Jsonl && source.Path is { } path ? ArticleSources.Estimate(path) : null;
        return await pipeline.RunAsync(source.Name, "scheduled", sources.ReadAsync(source, retry, ct), force, observer, expected, ct);
    }
}
