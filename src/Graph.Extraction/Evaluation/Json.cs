using System.Text.Json;

namespace Graph.Extraction.Evaluation;

/// <summary>
/// Lenient reads of gold and extracted JSON: a missing or null field is empty, as <c>dict.get</c> makes it in
/// score.py, so that files other tools wrote score the same here as there.
/// </summary>
internal static class Json
{
    public static JsonDocument Parse(string where, string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not valid JSON: {e.Message}", e);
        }
    }

    public static JsonElement? Field(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>A string field as is; a number as written (ids such as <c>42</c>); anything else null.</summary>
    public static string? Text(JsonElement e, string name) => Field(e, name) is { } v ? Scalar(v) : null;

    public static string? Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        // Python's str(True), which is what score.py folds.
        JsonValueKind.True => "True",
        _ => null,
    };

    public static IReadOnlyList<string> Texts(JsonElement e, string name) =>
        Field(e, name) is { ValueKind: JsonValueKind.Array } a
            ? [.. a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    public static IEnumerable<JsonElement> Objects(JsonElement e, string name) =>
        Field(e, name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object) : [];

    /// <summary>Python truthiness of a flag: <c>true</c>, a non-zero number or a non-empty string.</summary>
    public static bool Truthy(JsonElement e, string name) => Field(e, name) is { } v && Truthy(v);

    /// <summary>Python truthiness of a value: <c>true</c>, a non-zero number, a non-empty string, array or object.</summary>
    public static bool Truthy(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => v.GetDouble() != 0,
        JsonValueKind.String => v.GetString()!.Length > 0,
        JsonValueKind.Array => v.GetArrayLength() > 0,
        JsonValueKind.Object => v.EnumerateObject().Any(),
        _ => false,
    };

    /// <summary>A number field; anything else is 0, as a missing polarity is in score.py.</summary>
    public static double Number(JsonElement e, string name) =>
        Field(e, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : 0;
}
