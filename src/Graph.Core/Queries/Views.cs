using Graph.Core.Domain;
using Graph.Core.Stances;
using Graph.Core.Storage;

namespace Graph.Core.Queries;

/// <summary>
/// All the evidence that <see cref="Source"/> did <see cref="Type"/> to <see cref="Target"/>: one edge of the graph, as
/// sums (from the store's totals, or from evidence already read). Its sentences are either <see cref="Loaded"/> or read
/// on demand under <see cref="Scope"/>.
/// </summary>
public sealed record RelationshipView(
    string Source, string Target, RelationType Type, int Count, double ConfidenceSum, double WeightedScoreSum, DateOnly? FirstSeen, DateOnly? LastSeen)
{
    /// <summary>The evidence, when the view was aggregated from it.</summary>
    public IReadOnlyList<Evidence>? Loaded { get; init; }

    /// <summary>The filter the sums were read under: the strongest evidence is read with it when not <see cref="Loaded"/>.</summary>
    public EvidenceFilter Scope { get; init; } = new();

    public string CameoRoot => Plover.Of(Type).CameoRoot;

    /// <summary>Mean confidence of the evidence.</summary>
    public double Confidence => Count == 0 ? 0 : Math.Round(ConfidenceSum / Count, 4);

    /// <summary>Confidence-weighted mean of the evidence scores (PLOVER -10..+10).</summary>
    public double Score => ConfidenceSum <= 0 ? 0 : Math.Round(WeightedScoreSum / ConfidenceSum, 4);

    public int Polarity => Math.Sign(Score);

    public IEnumerable<Evidence> Strongest => (Loaded ?? []).OrderByDescending(e => Math.Abs(e.Score) * e.Confidence).ThenByDescending(e => e.PublishedAt).ThenBy(e => e.Id, StringComparer.Ordinal);

    /// <summary>Groups evidence rows into relationships, the best attested first.</summary>
    public static IReadOnlyList<RelationshipView> Aggregate(IEnumerable<Evidence> evidence) =>
        Ranked(evidence
            .GroupBy(e => (e.Source, e.Target, e.Type))
            .Select(g => new RelationshipView(
                g.Key.Source, g.Key.Target, g.Key.Type, g.Count(), g.Sum(e => e.Confidence), g.Sum(e => e.Score * e.Confidence),
                g.Select(e => e.Day).Min(), g.Select(e => e.Day).Max())
            { Loaded = [.. g] }));

    /// <summary>Relationships from the store's sums (per day rows are added up), the best attested first.</summary>
    public static IReadOnlyList<RelationshipView> FromTotals(IEnumerable<RelationshipTotal> totals, EvidenceFilter scope) =>
        Ranked(totals
            .GroupBy(t => (t.Source, t.Target, t.Type))
            .Select(g => new RelationshipView(
                g.Key.Source, g.Key.Target, g.Key.Type, g.Sum(t => t.Count), g.Sum(t => t.ConfidenceSum), g.Sum(t => t.WeightedScoreSum),
                g.Select(t => t.FirstSeen).Min(), g.Select(t => t.LastSeen).Max())
            { Scope = scope }));

    private static IReadOnlyList<RelationshipView> Ranked(IEnumerable<RelationshipView> relationships) =>
        [.. relationships
            .OrderByDescending(r => r.Count)
            .ThenByDescending(r => r.LastSeen)
            .ThenBy(r => r.Source, StringComparer.Ordinal)
            .ThenBy(r => r.Target, StringComparer.Ordinal)
            .ThenBy(r => r.Type)];
}

/// <summary>The filters a stance was computed under, so that <c>reverse</c> uses the same.</summary>
public sealed record StanceQuery(DateOnly? Since, DateOnly? Until, bool IncludeAffiliates);

/// <summary>How many supporters or opponents to list, and how many sentences each must rest on at least.</summary>
public sealed record StanceRanking(int First, int MinEvidence = 1);

public sealed record StanceView(Actor From, Actor To, Stance Stance, StanceQuery Query)
{
    /// <summary>Who speaks for each side, when affiliates were included: kept so the evidence is read for the same actors.</summary>
    public StanceSides? Sides { get; init; }
}

/// <summary>
/// The actors whose evidence counts for each side of a stance: the actor itself and, with affiliates, whoever is
/// affiliated with it (Putin for Russia), each only on days the affiliation was in force.
/// </summary>
public sealed record StanceSides(IReadOnlyDictionary<string, Actor> From, IReadOnlyDictionary<string, Actor> To);

public enum Bucket
{
    Day,
    Week,
    Month,
}

/// <summary>The stance over one bucket of time, by the same rule as the whole.</summary>
public sealed record StancePoint(DateOnly Start, Stance Stance)
{
    public double Score => Stance.Score;

    public StanceLabel Label => Stance.Label;

    public double Mean => Stance.Measure.Mean;

    public double Low => Stance.Measure.Low;

    public double High => Stance.Measure.High;

    public double Certainty => Stance.Measure.Certainty;

    public int EvidenceCount => Stance.EvidenceCount;

    public int ArticleCount => Stance.ArticleCount;
}

/// <summary>The first shortest paths found within <see cref="MaxHops"/>, and how many shortest paths there are in all.</summary>
public sealed record PathSearchView(IReadOnlyList<PathView> Paths, int TotalCount, int MaxHops)
{
    public bool Truncated => Paths.Count < TotalCount;

    public int MaxHopsAllowed => PathQuery.MaxHopsAllowed;
}

/// <summary>One chain of relationships from one actor to another, in order: <c>Edges[i]</c> links <c>NodeIds[i]</c> and <c>NodeIds[i + 1]</c>.</summary>
public sealed record PathView(IReadOnlyList<string> NodeIds, IReadOnlyList<RelationshipView> Edges)
{
    public int Length => Edges.Count;
}

/// <summary>An actor, its neighbours (best connected first) and every relationship among them: ready to draw.</summary>
public sealed record NeighborhoodView(Actor Center, IReadOnlyList<Actor> Nodes, IReadOnlyList<RelationshipView> Edges)
{
    /// <summary>
    /// How many actors are within reach and how many relationships among them, before the limit: read once, when first
    /// asked (free when the limit cut nothing).
    /// </summary>
    public required Lazy<Task<NeighborhoodTotals>> Totals { get; init; }
}

/// <summary>Every actor within a neighbourhood's reach and every relationship among them, whatever its limit.</summary>
public sealed record NeighborhoodTotals(int Nodes, int Edges);

/// <summary>Which paths to look for: at most <see cref="MaxHops"/> long, over relationships of <see cref="Types"/> (any when empty), the <see cref="First"/> shortest.</summary>
public sealed record PathQuery(int MaxHops, IReadOnlyCollection<RelationType> Types, int First)
{
    /// <summary>The longest search offered: each hop is one more store read over a frontier that grows fast.</summary>
    public const int MaxHopsAllowed = 6;
}

/// <summary>Which neighbourhood to draw: out to <see cref="Depth"/> hops, at most <see cref="Limit"/> actors, over the types and days given.</summary>
public sealed record NeighborhoodQuery(int Depth, int Limit, IReadOnlyCollection<RelationType> Types, DateOnly? Since = null, DateOnly? Until = null);

