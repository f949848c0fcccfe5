using System.Globalization;
using System.Text.Json;
using Graph.Core.Domain;

namespace Graph.Extraction.Reading;

/// <summary>
/// An article as a JSON object: <c>{"id","title","text","url","publishedAt","source"}</c>, only <c>text</c> required.
/// <c>publishedAt</c> may be a date or a date and time; a missing id falls back to the file name and position.
/// </summary>
internal static class JsonArticle
{
    public static (Article?, string?) From(JsonElement element, string fallbackId)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, "expected a JSON object with a \"text\" field");
        }

        if (String(element, "text") is not { } text)
        {
            return (null, "missing \"text\" (a string)");
        }

        var published = String(element, "publishedAt") ?? String(element, "published_at") ?? String(element, "date");
        DateTimeOffset? publishedAt = null;
        if (published is not null)
        {
            if (!TryParseDate(published, out var parsed))
            {
                return (null, $"\"publishedAt\" is not a date: {published}");
            }

            publishedAt = parsed;
        }

        var id = String(element, "id") ?? fallbackId;
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return (new Article(id, text, String(element, "title"), String(element, "url"), publishedAt, String(element, "source")), null);
    }

    internal static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() :
        element.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
}
