using System.Globalization;
using System.Text.Json;
using Graph.Core.Domain;

namespace Graph.Core.Exports;

/// <summary>Values as every export writes them, whatever the machine's culture: the forms JSON uses.</summary>
internal static class Invariant
{
    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shortest text that reads back as the same double.</summary>
    public static string Of(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string? Of(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with the offset, fractions of a second only when there are some (as System.Text.Json writes it).</summary>
    public static string? Of(DateTimeOffset? instant) => instant?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static string Of(Modality modality) => JsonNamingPolicy.SnakeCaseLower.ConvertName(modality.ToString());

    public static string Of(ActorKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}
