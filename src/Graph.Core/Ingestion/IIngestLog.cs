namespace Graph.Core.Ingestion;

/// <summary>One ingestion run: what it read from which source and how it ended.</summary>
public sealed record IngestRun(
    long Id,
    string Source,
    string Kind,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int Read,
    int Added,
    int Updated,
    int Unchanged,
    int Extracted,
    int Failed,
    string? Error);

/// <summary>An article that could not be read or stored, kept until it succeeds or an operator removes it.</summary>
public sealed record DeadLetter(string Origin, string Source, string Error, DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt, int Attempts);

/// <summary>
/// Operational state of ingestion (runs and dead letters). Kept in the embedded database whatever the graph
/// store is, so a Neo4j deployment still knows what its worker did.
/// </summary>
public interface IIngestLog
{
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>Records that a run started and returns its id.</summary>
    Task<long> StartRunAsync(string source, string kind, CancellationToken ct = default);

    /// <summary>Records the end of a run with its final counts (the id and start of <paramref name="run"/> are kept).</summary>
    Task FinishRunAsync(IngestRun run, CancellationToken ct = default);

    /// <summary>The most recent runs first.</summary>
    Task<IReadOnlyList<IngestRun>> GetRunsAsync(int first = 20, CancellationToken ct = default);

    /// <summary>The most recent runs first, only those of <paramref name="source"/> when it is given.</summary>
    Task<IReadOnlyList<IngestRun>> GetRunsAsync(int first, string? source, CancellationToken ct = default);

    /// <summary>Adds the origin to the dead letters, or counts one more attempt when it is already there.</summary>
    Task AddDeadLetterAsync(string source, string origin, string error, CancellationToken ct = default);

    /// <summary>Removes the origin from the dead letters (it was ingested after all).</summary>
    Task RemoveDeadLetterAsync(string origin, CancellationToken ct = default);

    Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int first = 100, CancellationToken ct = default);
}
