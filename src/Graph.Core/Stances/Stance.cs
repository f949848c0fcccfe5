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

/// <summary>
/// A stance weighed by its evidence, each -1..+1: <see cref="Mean"/> the confidence-weighted mean of the scores,
/// <see cref="Score"/> that mean shrunk towards 0 by the prior, <see cref="Low"/>..<see cref="High"/> where it would
/// be had the prior's sentences all said the opposite or all agreed, and <see cref="Certainty"/> (0..1) the share of
/// the weight that is evidence.
/// </summary>
public sealed record StanceMeasure(double Score, double Mean, double Low, double High, double Certainty)
{
    /// <summary>No evidence: neutral, with the whole range open.</summary>
    public static StanceMeasure None { get; } = new(0, 0, -1, 1, 0);
}

/// <summary>Where <c>From</c> stands towards <c>To</c>, aggregated over every piece of evidence.</summary>
public sealed record Stance(
    string From,
    string To,
    StanceMeasure Measure,
    StanceLabel Label,
    int EvidenceCount,
    int ArticleCount,
    IReadOnlyList<TypeCount> Counts,
    DateOnly? FirstSeen,
    DateOnly? LastSeen,
    IReadOnlyList<Evidence> Strongest)
{
    public double Score => Measure.Score;

    public double Low => Measure.Low;

    public double High => Measure.High;
}

/// <summary>
/// One rule for every store, over the evidence the store summed (only <see cref="Modalities.CountedAsEvidence"/>): the
/// confidence-weighted mean of the evidence's PLOVER scores, scaled from -10..+10 to -1..+1, shrunk towards 0 by the
/// <see cref="StancePolicy.Prior"/> (see <see cref="Weigh"/>).
/// </summary>
public static class StanceCalculator
{
    /// <summary>
    /// The rule over evidence already summed by the store: no sentence is read, so <see cref="Stance.Strongest"/> is left
    /// empty for the caller to read on demand.
    /// </summary>
    public static Stance FromTotals(string from, string to, IEnumerable<RelationshipTotal> totals, StancePolicy policy)
    {
        var list = totals.ToList();
        int count = list.Sum(t => t.Count);
        int articles = ArticlesOf(count, list.Sum(t => t.Articles));
        var measure = Weigh(count, articles, list.Sum(t => t.ConfidenceSum), list.Sum(t => t.WeightedScoreSum), policy);
        var first = list.Select(t => t.FirstSeen).OfType<DateOnly>().ToList();
        var last = list.Select(t => t.LastSeen).OfType<DateOnly>().ToList();
        return new Stance(
            from,
            to,
            measure,
            LabelOf(measure.Score, count, policy),
            count,
            articles,
            list.GroupBy(t => t.Type).Select(g => new TypeCount(g.Key, g.Sum(t => t.Count))).OrderByDescending(c => c.Count).ThenBy(c => c.Type).ToList(),
            first.Count == 0 ? null : first.Min(),
            last.Count == 0 ? null : last.Max(),
            []);
    }

    /// <summary>
    /// Summed per relationship type (and modality), an article with two kinds of reading counts twice: never more
    /// articles than sentences, and at least one for any sentence.
    /// </summary>
    private static int ArticlesOf(int count, int summed) => count == 0 ? 0 : Math.Clamp(summed, 1, count);

    /// <summary>
    /// The evidence's weight is its mean confidence times its sentences, where the first sentence of an article counts
    /// whole and each further one <see cref="StancePolicy.SameArticleWeight"/> (an article repeating itself is not a
    /// second witness). The prior adds <see cref="StancePolicy.Prior"/> sentences of full confidence: at 0 for the
    /// score, at -1 for the low end, at +1 for the high end. More evidence, narrower range, surer stance.
    /// </summary>
    public static StanceMeasure Weigh(int count, int articles, double confidenceSum, double weightedScoreSum, StancePolicy policy)
    {
        if (count == 0 || confidenceSum <= 0)
        {
            return StanceMeasure.None;
        }

        double mean = Math.Clamp(weightedScoreSum / confidenceSum / 10.0, -1, 1);
        double weight = confidenceSum / count * (articles + (policy.SameArticleWeight * (count - articles)));
        double total = weight + policy.Prior;
        return new StanceMeasure(
            Math.Round(mean * weight / total, 4),
            Math.Round(mean, 4),
            Math.Round(((mean * weight) - policy.Prior) / total, 4),
            Math.Round(((mean * weight) + policy.Prior) / total, 4),
            Math.Round(weight / total, 4));
    }

    public static StanceLabel LabelOf(double score, int evidenceCount, StancePolicy policy) => evidenceCount == 0 ? StanceLabel.NoEvidence : score switch
    {
        _ when score >= policy.Ally => StanceLabel.Ally,
        _ when score >= policy.Supportive => StanceLabel.Supportive,
        _ when score > policy.Critical => StanceLabel.Neutral,
        _ when score > policy.Hostile => StanceLabel.Critical,
        _ => StanceLabel.Hostile,
    };
}
