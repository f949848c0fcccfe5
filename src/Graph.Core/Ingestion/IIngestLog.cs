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
    string? Error)
{
    /// <summary>Articles skipped because another article already holds the same text.</summary>
    public int Duplicates { get; init; }

    /// <summary>Stopped before its end: cancelled (SIGTERM, Ctrl+C), or its process died and a later look found it so.</summary>
    public bool Interrupted { get; init; }
}

/// <summary>
/// Something that could not be read or stored, kept until it succeeds or an operator drops it. <see cref="Count"/> is how
/// many records of <see cref="Origin"/> failed when it is a file whose records are counted together.
/// </summary>
public sealed record DeadLetter(string Origin, string Source, string Error, DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt, int Attempts)
{
    public int Count { get; init; } = 1;
}

/// <summary>The cap on a source's dead letters, and how every log names the letter that counts the failures past it.</summary>
public static class DeadLetters
{
    public const int MaxPerSource = 1000;

    public static string OverflowOrigin(string source) => $"({source}: failures past the first {MaxPerSource - 1})";

    public static string OverflowError(string origin, string error) => $"the latest: {origin}: {error}";
}

/// <summary>Which dead letters to list, one page at a time; a source or one origin narrows them.</summary>
public sealed record DeadLetterQuery(string? Source = null, string? Origin = null, int First = 100, int Offset = 0);

/// <summary>
/// Operational state of ingestion: runs and dead letters. It lives where the graph lives when that engine is shared by
/// several hosts (Neo4j), so workers on several machines see one history; the embedded store keeps it beside its file.
/// </summary>
public interface IIngestLog
{
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>Records that a run started (by this process) and returns its id.</summary>
    Task<long> StartRunAsync(string source, string kind, CancellationToken ct = default);

    /// <summary>Records the counts of a run still going, so a run that dies keeps what it did and its last sign of life.</summary>
    Task UpdateRunAsync(IngestRun run, CancellationToken ct = default);

    /// <summary>Records the end of a run with its final counts (the id and start of <paramref name="run"/> are kept).</summary>
    Task FinishRunAsync(IngestRun run, CancellationToken ct = default);

    /// <summary>
    /// The most recent runs first, only those of <paramref name="source"/> when it is given. A run whose process is gone
    /// (killed on this host, or silent for longer than any live run is) is shown, and recorded, as interrupted.
    /// </summary>
    Task<IReadOnlyList<IngestRun>> GetRunsAsync(int first = 20, string? source = null, CancellationToken ct = default);

    /// <summary>
    /// Adds the origin to the dead letters, or counts one more attempt when it is already there. A source has at most a
    /// bounded number of letters: past it, further failures are counted on one overflow letter of the source.
    /// </summary>
    Task AddDeadLetterAsync(string source, string origin, string error, int count = 1, CancellationToken ct = default);

    /// <summary>Removes these origins from the dead letters (they were ingested after all); unknown ones are ignored.</summary>
    Task ResolveDeadLettersAsync(IReadOnlyCollection<string> origins, CancellationToken ct = default);

    /// <summary>Removes the dead letters the query selects (all of a source, or one origin) and says how many.</summary>
    Task<int> DropDeadLettersAsync(DeadLetterQuery query, CancellationToken ct = default);

    /// <summary>One page of dead letters, most recent failure first, with how many there are in all.</summary>
    Task<Storage.Page<DeadLetter>> GetDeadLettersAsync(DeadLetterQuery query, CancellationToken ct = default);
}

/// <summary>
/// Claims on articles, so that two workers (threads, processes or hosts sharing a store) never extract the same article
/// both. A claim is held until released or until its lease runs out; one whose owner process on this host is gone is
/// taken over at once.
/// </summary>
public interface IArticleClaims
{
    Task<bool> TryClaimAsync(string articleId, TimeSpan lease, CancellationToken ct = default);

    Task ReleaseAsync(string articleId, CancellationToken ct = default);
}
