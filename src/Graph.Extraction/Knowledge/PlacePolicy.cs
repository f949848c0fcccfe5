using System.Text.Json;

namespace Graph.Extraction;

/// <summary>
/// Which cities of the world table become places (graph-seed/lexicon/places.json). Every key is required and each has an
/// "about"; an unknown key is refused, so that a misspelt one cannot quietly turn a rule off.
/// </summary>
/// <param name="MinPopulation">A city with fewer people is not a place unless the knowledge base names it.</param>
/// <param name="AmbiguousNameMinPopulation">
/// A city named like a first name or surname ("Victoria", "Jackson") or only with common words ("Olive Branch") needs this many.
/// </param>
/// <param name="NotPlaces">Names, as written, that are never places from the table.</param>
internal sealed record PlacePolicy(long MinPopulation, long AmbiguousNameMinPopulation, IReadOnlySet<string> NotPlaces)
{
    private const string File = "places.json";

    public static PlacePolicy Read(JsonElement root)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "about", "minPopulation", "ambiguousNameMinPopulation", "notPlaces" };
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{File} must hold an object");
        }

        foreach (var key in root.EnumerateObject().Where(p => !keys.Contains(p.Name)))
        {
            throw new InvalidDataException($"{File}: unknown key '{key.Name}'");
        }

        var notPlaces = Body(root, "notPlaces", "words");
        return new PlacePolicy(
            Population(root, "minPopulation"),
            Population(root, "ambiguousNameMinPopulation"),
            notPlaces.ValueKind == JsonValueKind.Array && notPlaces.EnumerateArray().All(w => w.ValueKind == JsonValueKind.String && w.GetString()!.Trim().Length > 0)
                ? notPlaces.EnumerateArray().Select(w => w.GetString()!.Trim()).ToHashSet(StringComparer.Ordinal)
                : throw new InvalidDataException($"{File}, key 'notPlaces': 'words' must be a list of names"));
    }

    private static long Population(JsonElement root, string key) =>
        Body(root, key, "value") is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out long n) && n > 0
            ? n
            : throw new InvalidDataException($"{File}, key '{key}': 'value' must be a whole number of people above 0");

    // {"about": "why", "<field>": ...}: the value of a key, which must say what it is for.
    private static JsonElement Body(JsonElement root, string key, string field)
    {
        if (!root.TryGetProperty(key, out var body))
        {
            throw new InvalidDataException($"{File}: the key '{key}' is missing");
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("about", out var about) || about.GetString() is not { Length: > 0 }
            || body.EnumerateObject().Any(p => p.Name != "about" && p.Name != field))
        {
            throw new InvalidDataException($"{File}, key '{key}': it must be an object with an 'about' and a '{field}'");
        }

        return body.TryGetProperty(field, out var value) ? value : throw new InvalidDataException($"{File}, key '{key}': it has no '{field}'");
    }
}
