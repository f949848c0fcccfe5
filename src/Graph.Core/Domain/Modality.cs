using System.Text.Json.Serialization;

namespace Graph.Core.Domain;

/// <summary>
/// How the sentence presents the event. Only <see cref="Asserted"/>, <see cref="Reported"/> and
/// <see cref="Future"/> count as evidence for a stance; negated and hypothetical readings are kept
/// for the record but never counted as if they happened.
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

public static class ModalityExtensions
{
    public static bool CountsAsEvidence(this Modality modality) =>
        modality is Modality.Asserted or Modality.Reported or Modality.Future;
}
