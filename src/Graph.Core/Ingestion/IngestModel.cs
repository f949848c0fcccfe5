using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Core.Ingestion;

/// <summary>One thing a source yielded: an article, or why one could not be read from <see cref="Origin"/>.</summary>
public sealed record IngestItem(string Origin, Article? Article, string? Error = null)
{
    public static IngestItem Ok(string origin, Article article) => new(origin, article);

    public static IngestItem Fail(string origin, string error) => new(origin, null, error);
}

/// <summary>What a run ingests and how: <see cref="Source"/> and <see cref="Kind"/> are what the run log records.</summary>
public sealed record IngestRequest(string Source, string Kind)
{
    /// <summary>Extract and store again even articles stored with the same text and extractor version.</summary>
    public bool Force { get; init; }

    /// <summary>Skip an article whose text another article already holds (on for new input; off when re-extracting stored articles).</summary>
    public bool SkipDuplicateText { get; init; } = true;

    /// <summary>How many articles the source is expected to yield, for progress and ETA; null when unknown.</summary>
    public int? Expected { get; init; }
}

/// <summary>Settings of ingestion that hosts take from configuration.</summary>
public sealed record IngestionOptions
{
    /// <summary>How long a claim on an article holds before another worker may take it over.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>What became of one article.</summary>
public sealed record IngestResult(string ArticleId, SaveOutcome Outcome, int Actors, int Relations, int RemovedRelations)
{
    /// <summary>With <see cref="SaveOutcome.Duplicate"/>: the stored article that holds the same text.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>Where it came from (file, line, URL), as the source named it.</summary>
    public string Origin { get; init; } = ArticleId;
}

/// <summary>
/// Something that could not be ingested, and why. <see cref="Count"/> is above 1 when it stands for several records of
/// one file, which are reported (and dead-lettered) together.
/// </summary>
public sealed record IngestFailure(string Origin, string Error)
{
    public int Count { get; init; } = 1;
}

/// <summary>What a run did, counted. The failures are listed up to <see cref="ArticleIngestion.FailuresListed"/>; <see cref="Failed"/> counts them all.</summary>
public sealed record IngestSummary(long RunId, int Added, int Updated, int Unchanged, int Duplicates, int Extracted, int ClaimedElsewhere, int Failed, int Relations)
{
    public IReadOnlyList<IngestFailure> Failures { get; init; } = [];

    /// <summary>Articles read, whatever became of them.</summary>
    public int Read => Added + Updated + Unchanged + Duplicates + ClaimedElsewhere + Failed;

    /// <summary>Articles saved or found current: everything read but the failures and those another worker took.</summary>
    public int Stored => Added + Updated + Unchanged + Duplicates;

    public int Count(SaveOutcome outcome) => outcome switch
    {
        SaveOutcome.Added => Added,
        SaveOutcome.Updated => Updated,
        SaveOutcome.Unchanged => Unchanged,
        _ => Duplicates,
    };
}

/// <summary>What a caller sees while a run goes on: each article's outcome and each failure, in input order.</summary>
public interface IIngestObserver
{
    ValueTask OnResultAsync(IngestResult result, CancellationToken ct);

    ValueTask OnFailureAsync(IngestFailure failure, CancellationToken ct);
}
