using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Core.Stances;

public enum StanceLabel
{
    /// <summary>No evidence at all: not the same as evidence that is neutral.</summary>
    NoEvidence,
    Hostile,
    Critical,
    Neutral,
    Supportive,
    Ally,
}

public sealed record TypeCount(RelationType Type, int Count);

/// <summary>Where <c>From</c> stands towards <c>To</c>, aggregated over every piece of evidence.</summary>
public sealed record Stance(
    string From,
    string To,
    double Score,
    StanceLabel Label,
    int EvidenceCount,
    IReadOnlyList<TypeCount> Counts,
    DateOnly? FirstSeen,
    DateOnly? LastSeen,
    IReadOnlyList<Evidence> Strongest);

/// <summary>
/// One rule for every store: the stance is the confidence-weighted mean of the evidence's PLOVER scores,
/// scaled from -10..+10 to -1..+1, over the evidence the store summed (only <see cref="Modalities.CountedAsEvidence"/>).
/// </summary>
public static class StanceCalculator
{
    /// <summary>
    /// The rule over evidence already summed by the store: no sentence is read, so <see cref="Stance.Strongest"/> is left
    /// empty for the caller to read on demand.
    /// </summary>
    public static Stance FromTotals(string from, string to, IEnumerable<RelationshipTotal> totals)
    {
        var list = totals.ToList();
        int count = list.Sum(t => t.Count);
        double weight = list.Sum(t => t.ConfidenceSum);
        double score = weight <= 0 ? 0 : Math.Clamp(list.Sum(t => t.WeightedScoreSum) / weight / 10.0, -1, 1);
        var first = list.Select(t => t.FirstSeen).OfType<DateOnly>().ToList();
        var last = list.Select(t => t.LastSeen).OfType<DateOnly>().ToList();
        return new Stance(
            from,
            to,
            Math.Round(score, 4),
            LabelOf(score, count),
            count,
            list.GroupBy(t => t.Type).Select(g => new TypeCount(g.Key, g.Sum(t => t.Count))).OrderByDescending(c => c.Count).ThenBy(c => c.Type).ToList(),
            first.Count == 0 ? null : first.Min(),
            last.Count == 0 ? null : last.Max(),
            []);
    }

    public static StanceLabel LabelOf(double score, int evidenceCount) => evidenceCount == 0 ? StanceLabel.NoEvidence : score switch
    {
        >= 0.5 => StanceLabel.Ally,
        >= 0.15 => StanceLabel.Supportive,
        > -0.15 => StanceLabel.Neutral,
        > -0.5 => StanceLabel.Critical,
        _ => StanceLabel.Hostile,
    };
}
