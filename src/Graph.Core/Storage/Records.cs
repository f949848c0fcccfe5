using Graph.Core.Domain;

namespace Graph.Core.Storage;

public enum SaveOutcome
{
    Added,
    Updated,
    Unchanged,

    /// <summary>Not stored: another article already holds the same text (<see cref="SaveResult.DuplicateOf"/>).</summary>
    Duplicate,
}

/// <summary>One article to save, with what the extractor found in it.</summary>
public sealed record ArticleToSave(Article Article, ArticleExtraction Extraction)
{
    /// <summary>Write it even when its text and extractor version are those stored: a forced re-extraction.</summary>
    public bool Replace { get; init; }

    /// <summary>
    /// Skip it when another article already holds the same text, so one story under two names is stored and counted
    /// once. Ingestion asks for it; bulk loads that share text on purpose (benchmark copies) do not.
    /// </summary>
    public bool SkipDuplicateText { get; init; }
}

public sealed record SaveResult(SaveOutcome Outcome, int Actors, int Relations, int RemovedRelations)
{
    /// <summary>With <see cref="SaveOutcome.Duplicate"/>: the stored article that holds the same text.</summary>
    public string? DuplicateOf { get; init; }

    public static SaveResult Unchanged { get; } = new(SaveOutcome.Unchanged, 0, 0, 0);

    public static SaveResult DuplicateOfArticle(string articleId) => new(SaveOutcome.Duplicate, 0, 0, 0) { DuplicateOf = articleId };
}

public sealed record StoreStats(long Articles, long Actors, long Relationships, long Evidence);

/// <summary>A stored article, without its text unless the caller asked for one article.</summary>
public sealed record StoredArticle(
    string Id,
    string? Title,
    string? Url,
    string? Source,
    DateTimeOffset? PublishedAt,
    string ContentHash,
    string ExtractorVersion,
    DateTimeOffset IngestedAt,
    string? Text = null);

/// <summary>One relationship as read from one sentence of one article, with where it came from.</summary>
public sealed record Evidence(
    string Id,
    string ArticleId,
    string Source,
    string Target,
    RelationType Type,
    int Polarity,
    double Score,
    double Confidence,
    Modality Modality,
    string Sentence,
    int Start,
    int End,
    string? SaidBy,
    DateOnly? EventDate,
    DateTimeOffset? PublishedAt,
    string? ArticleTitle,
    string? ArticleUrl,
    string ExtractorVersion)
{
    /// <summary>The day the event happened when the sentence says so, else the day it was published.</summary>
    public DateOnly? Day => EventDate ?? (PublishedAt is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null);
}

/// <summary>Where a page of evidence ends, in the order <see cref="IGraphStore.GetEvidencePageAsync"/> reads it.</summary>
public sealed record EvidenceKey(string Source, string Target, RelationType Type, string Id)
{
    public static EvidenceKey Of(Evidence evidence) => new(evidence.Source, evidence.Target, evidence.Type, evidence.Id);
}

public enum Direction
{
    Outgoing,
    Incoming,
    Both,
}

/// <summary>
/// Filters evidence. Empty sets mean "any". With <see cref="Direction.Both"/>, <see cref="ActorIds"/>
/// match either end; otherwise <see cref="SourceIds"/> and <see cref="TargetIds"/> apply as given.
/// </summary>
public sealed record EvidenceFilter
{
    public IReadOnlyCollection<string> SourceIds { get; init; } = [];
    public IReadOnlyCollection<string> TargetIds { get; init; } = [];

    /// <summary>Actors at either end (used with <see cref="Direction.Both"/> for "all relationships of X").</summary>
    public IReadOnlyCollection<string> ActorIds { get; init; } = [];

    public IReadOnlyCollection<RelationType> Types { get; init; } = [];
    public IReadOnlyCollection<Modality> Modalities { get; init; } = [];
    public int? Polarity { get; init; }
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
    public double? MinConfidence { get; init; }
    public string? ArticleId { get; init; }

    /// <summary>At most this many rows; null for all.</summary>
    public int? Limit { get; init; }

    public EvidenceOrder Order { get; init; } = EvidenceOrder.Newest;
}

public enum EvidenceOrder
{
    /// <summary>Newest article first (undated last), then in reading order.</summary>
    Newest,

    /// <summary>
    /// Largest |score| x confidence first, then newest article first, then in reading order, then by id: a stance's
    /// evidence, in an order with no ties, so that pages of it meet without gap or overlap.
    /// </summary>
    Strongest,
}

public static class EvidenceOrdering
{
    /// <summary><see cref="EvidenceOrder.Strongest"/> in memory, for rows read apart (several pairs or relationships) and merged.</summary>
    public static IOrderedEnumerable<Evidence> StrongestFirst(this IEnumerable<Evidence> evidence) =>
        evidence
            .OrderByDescending(e => Math.Abs(e.Score) * e.Confidence)
            .ThenByDescending(e => e.PublishedAt)
            .ThenBy(e => e.ArticleId, StringComparer.Ordinal)
            .ThenBy(e => e.Start)
            .ThenBy(e => e.Id, StringComparer.Ordinal);
}

/// <summary>One relationship: every piece of evidence that <see cref="Source"/> did <see cref="Type"/> to <see cref="Target"/>.</summary>
public sealed record RelationshipKey(string Source, string Target, RelationType Type);

/// <summary>
/// The evidence of one relationship (source, target, type) summed, over all days or for one <see cref="Day"/>: what
/// stances, rankings and graph views need without reading every sentence. <see cref="Articles"/> counts the distinct
/// articles of each modality and polarity and adds them up, so that a store can keep it summed as it keeps the rest.
/// </summary>
public sealed record RelationshipTotal(
    string Source,
    string Target,
    RelationType Type,
    DateOnly? Day,
    int Count,
    double ConfidenceSum,
    double WeightedScoreSum,
    DateOnly? FirstSeen,
    DateOnly? LastSeen,
    int Articles);

public sealed record ActorSearch(string? Text = null, ActorKind? Kind = null, int First = 20, int Offset = 0);

public sealed record ArticleSearch(string? Text = null, DateOnly? Since = null, DateOnly? Until = null, int First = 20, int Offset = 0)
{
    /// <summary>Only articles extracted by another extractor version than this one: what a re-extraction has to do.</summary>
    public string? NotExtractedBy { get; init; }

    /// <summary>Only articles of this source (ignoring case).</summary>
    public string? Source { get; init; }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int Offset)
{
    public bool HasNextPage => Offset + Items.Count < TotalCount;
}
