namespace Graph.Core.Domain;

/// <summary>
/// One directed relationship read from one sentence: <paramref name="Source"/> does
/// <paramref name="Type"/> to <paramref name="Target"/> (actor ids of the same extraction).
/// <paramref name="Start"/> and <paramref name="End"/> are character offsets of the sentence in the article text.
/// <paramref name="SourceCode"/> and <paramref name="TargetCode"/> are the CAMEO codes of the actors as they act here,
/// where a state acts through one of its sectors ("a Turkish court": TURJUD); null where the actor's own code says it.
/// </summary>
public sealed record Relation(
    string Source,
    string Target,
    RelationType Type,
    int Polarity,
    double Score,
    double Confidence,
    string Sentence,
    int Start,
    int End,
    Modality Modality,
    string? SaidBy = null,
    DateOnly? EventDate = null,
    string? Trigger = null,
    string? SourceCode = null,
    string? TargetCode = null);
