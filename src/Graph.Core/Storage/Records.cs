using Graph.Core.Domain;

namespace Graph.Core.Storage;

public sealed record ArticleState(string ArticleId, string ContentHash, string ExtractorVersion);

public enum SaveOutcome
{
    Added,
    Updated,
    Unchanged,
}

/// <summary>One article of a bulk save, with what the extractor found in it.</summary>
public sealed record ArticleToSave(Article Article, ArticleExtraction Extraction);

public sealed record SaveResult(SaveOutcome Outcome, int Actors, int Relations, int RemovedRelations);

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

    /// <summary>Largest |score| x confidence first, then newest article first, then in reading order: a stance's evidence.</summary>
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
            .ThenBy(e => e.Start);
}

/// <summary>One relationship: every piece of evidence that <see cref="Source"/> did <see cref="Type"/> to <see cref="Target"/>.</summary>
public sealed record RelationshipKey(string Source, string Target, RelationType Type);

/// <summary>
/// The evidence of one relationship (source, target, type) summed, over all days or for one <see cref="Day"/>: what
/// stances, rankings and graph views need without reading every sentence.
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
    DateOnly? LastSeen);

public sealed record ActorSearch(string? Text = null, ActorKind? Kind = null, int First = 20, int Offset = 0);

public sealed record ArticleSearch(string? Text = null, DateOnly? Since = null, DateOnly? Until = null, int First = 20, int Offset = 0);

public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int Offset)
{
    public bool HasNextPage => Offset + Items.Count < TotalCount;
}
