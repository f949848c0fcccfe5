using System.Text.Json.Serialization;

namespace Graph.Core.Domain;

/// <summary>
/// How the sentence presents the event. Only those of <see cref="Modalities.CountedAsEvidence"/> count as evidence for a
/// stance; negated and hypothetical readings are kept for the record but never counted as if they happened.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Modality>))]
public enum Modality
{
    Asserted,
    Negated,
    Hypothetical,
    Future,
    Reported,
}

/// <summary>Which modalities count as evidence of a stance: the one place every query and store takes it from.</summary>
public static class Modalities
{
    /// <summary>Readings that say the event happened, was reported, or will happen.</summary>
    public static IReadOnlyList<Modality> CountedAsEvidence { get; } = [Modality.Asserted, Modality.Reported, Modality.Future];

    public static bool CountsAsEvidence(this Modality modality) => CountedAsEvidence.Contains(modality);
}
