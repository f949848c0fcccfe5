using System.Globalization;
using System.Text.Json;
using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Store.Sqlite;

/// <summary>How values are written as text in the database: the same spellings as the public JSON.</summary>
internal static class Text
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string DayFormat = "yyyy-MM-dd";

    public static readonly EnumText<ActorKind> Kind = new(JsonNamingPolicy.SnakeCaseLower);
    public static readonly EnumText<Modality> Modality = new(JsonNamingPolicy.SnakeCaseLower);
    public static readonly EnumText<RelationType> Type = new(JsonNamingPolicy.SnakeCaseUpper);

    public static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string value) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(value, InstantFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc));

    public static string Day(DateOnly value) => value.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string value) => DateOnly.ParseExact(value, DayFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// An FTS5 query that needs every word of <paramref name="search"/>, the last as a prefix (it may be half typed),
    /// or null when the search has no word. Each word is quoted, so nothing the user typed is read as FTS5 syntax
    /// (NEAR, *, ^, AND, column filters); the tokenizer folds case and accents on both sides.
    /// </summary>
    public static string? MatchAllWords(string search)
    {
        var words = SearchWords.Of(search);
        return words.Count == 0 ? null : string.Join(' ', words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "*";
    }

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with its own % and _ taken literally (ESCAPE '\').</summary>
    public static string Contains(string text) =>
        "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}

internal sealed class EnumText<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _names;
    private readonly Dictionary<string, T> _values;

    public EnumText(JsonNamingPolicy policy)
    {
        _names = Enum.GetValues<T>().ToDictionary(v => v, v => policy.ConvertName(v.ToString()));
        _values = _names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }

    public string Of(T value) => _names[value];

    public T Parse(string text) => _values.TryGetValue(text, out var value)
        ? value
        : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{text}' in the database.");
}
