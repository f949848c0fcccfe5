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

        try
        {
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
        catch (InvalidFieldException e)
        {
            return (null, e.Message);
        }
    }

    internal static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    private static string? String(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        try
        {
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            // A \ud800 escape alone is valid JSON but no character: the string cannot become text.
            throw new InvalidFieldException($"\"{name}\" is not valid Unicode text: it holds a lone surrogate escape such as \\ud800");
        }
    }

    private sealed class InvalidFieldException(string message) : Exception(message);
}
