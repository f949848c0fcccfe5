using System.Globalization;
using System.Text.Json;
using Graph.Core.Domain;
using Graph.Core.Storage;
using Graph.Store.Neo4j.Http;

namespace Graph.Store.Neo4j;

/// <summary>How domain values are spelled in the graph (the public JSON spellings) and read back from Query API rows.</summary>
internal static class Values
{
    private static readonly Dictionary<ActorKind, string> Kinds = Names<ActorKind>(JsonNamingPolicy.SnakeCaseLower);
    private static readonly Dictionary<Modality, string> Modalities = Names<Modality>(JsonNamingPolicy.SnakeCaseLower);
    private static readonly Dictionary<RelationType, string> Types = Names<RelationType>(JsonNamingPolicy.SnakeCaseUpper);

    /// <summary>Modalities that count towards a stance (<see cref="Modalities.CountedAsEvidence"/>), as stored.</summary>
    public static readonly IReadOnlyList<string> Counting = [.. Graph.Core.Domain.Modalities.CountedAsEvidence.Select(ModalityName)];

    public static string KindName(ActorKind kind) => Kinds[kind];

    public static string ModalityName(Modality modality) => Modalities[modality];

    public static string TypeName(RelationType type) => Types[type];

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>UTC with all seven fractional digits, so a stored instant reads back to the tick.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string? String(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    public static string? String(JsonElement map, string name) =>
        map.ValueKind == JsonValueKind.Object && map.TryGetProperty(name, out var v) ? String(v) : null;

    /// <summary>Neo4j prints datetimes its own way (<c>2024-03-01T09:30Z</c>, nine fractional digits, maybe a zone id): read them all as UTC instants.</summary>
    public static DateTimeOffset? ParseInstant(string? text)
    {
        if (text is null)
        {
            return null;
        }

        int zone = text.IndexOf('[', StringComparison.Ordinal);
        string plain = zone < 0 ? text : text[..zone];
        return DateTimeOffset.Parse(plain, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
    }

    public static DateOnly? ParseDay(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static T Parse<T>(Dictionary<T, string> names, string? text)
        where T : struct, Enum
    {
        foreach (var (value, name) in names)
        {
            if (name == text)
            {
                return value;
            }
        }

        throw new InvalidOperationException($"Unknown {typeof(T).Name} '{text}' in the Neo4j database.");
    }

    /// <summary>The node properties of an actor (see <see cref="ActorProperties"/>).</summary>
    public static Actor Actor(JsonElement p)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in p.EnumerateObject())
        {
            if (property.Name.StartsWith(GraphModel.CodePrefix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                codes[property.Name[GraphModel.CodePrefix.Length..]] = property.Value.GetString()!;
            }
        }

        return new Actor(
            String(p, "id")!,
            String(p, "name") ?? String(p, "id")!,
            Parse(Kinds, String(p, "kind")),
            Strings(p, "aliases"),
            [.. Strings(p, "affiliations").Select(json => JsonSerializer.Deserialize<StoredAffiliation>(json, Neo4jQueryClient.Json)!.ToAffiliation())],
            codes);
    }

    /// <summary>
    /// What an actor node holds: codes flattened to <c>code_*</c> properties (Browser shows them, and stale ones go
    /// when the map replaces the node's properties), affiliations as canonical JSON strings so lists merge by equality.
    /// Empty lists are left out, since Neo4j cannot tell an empty list's element type.
    /// </summary>
    public static Dictionary<string, object?> ActorProperties(Actor a)
    {
        var p = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = a.Id,
            ["name"] = a.Name,
            ["kind"] = KindName(a.Kind),
            ["aliases"] = a.Aliases.Count == 0 ? null : a.Aliases,
            ["aliasText"] = a.Aliases.Count == 0 ? null : string.Join(" | ", a.Aliases),
            ["affiliations"] = a.Affiliations.Count == 0 ? null : a.Affiliations.Select(AffiliationJson).ToList(),
        };
        foreach (var (key, value) in a.Codes)
        {
            p[GraphModel.CodePrefix + key] = value;
        }

        return p;
    }

    private static string AffiliationJson(Affiliation f) =>
        JsonSerializer.Serialize(new StoredAffiliation(f.ActorId, f.Role, f.From is { } from ? Day(from) : null, f.Until is { } until ? Day(until) : null), Neo4jQueryClient.Json);

    public static Evidence Evidence(QueryRow r) => new(
        Id: String(r["id"])!,
        ArticleId: String(r["articleId"])!,
        Source: String(r["source"])!,
        Target: String(r["target"])!,
        Type: Parse(Types, String(r["type"])),
        Polarity: r["polarity"].GetInt32(),
        Score: r["score"].GetDouble(),
        Confidence: r["confidence"].GetDouble(),
        Modality: Parse(Modalities, String(r["modality"])),
        Sentence: String(r["sentence"])!,
        Start: r["start"].GetInt32(),
        End: r["end"].GetInt32(),
        SaidBy: String(r["saidBy"]),
        EventDate: ParseDay(String(r["eventDate"])),
        PublishedAt: ParseInstant(String(r["publishedAt"])),
        ArticleTitle: String(r["articleTitle"]),
        ArticleUrl: String(r["articleUrl"]),
        ExtractorVersion: String(r["extractorVersion"])!);

    public static RelationshipTotal Total(QueryRow r) => new(
        Source: String(r["source"])!,
        Target: String(r["target"])!,
        Type: Parse(Types, String(r["type"])),
        Day: ParseDay(String(r["day"])),
        Count: r["count"].GetInt32(),
        ConfidenceSum: r["confidenceSum"].GetDouble(),
        WeightedScoreSum: r["weightedSum"].GetDouble(),
        FirstSeen: ParseDay(String(r["firstSeen"])),
        LastSeen: ParseDay(String(r["lastSeen"])),
        Articles: r["articles"].GetInt32());

    /// <summary>What an affiliation to <paramref name="actorId"/> contains, as <see cref="AffiliationJson"/> writes it.</summary>
    public static string AffiliationNeedle(string actorId) =>
        "\"actorId\":" + JsonSerializer.Serialize(actorId, Neo4jQueryClient.Json) + ",";

    public static StoredArticle Article(QueryRow r) => new(
        Id: String(r["id"])!,
        Title: String(r["title"]),
        Url: String(r["url"]),
        Source: String(r["source"]),
        PublishedAt: ParseInstant(String(r["publishedAt"])),
        ContentHash: String(r["contentHash"])!,
        ExtractorVersion: String(r["extractorVersion"])!,
        IngestedAt: ParseInstant(String(r["ingestedAt"]))!.Value,
        Text: String(r["text"]));

    /// <summary>A search row: the same fields as a map, without the text.</summary>
    public static StoredArticle Article(JsonElement m) => new(
        Id: String(m, "id")!,
        Title: String(m, "title"),
        Url: String(m, "url"),
        Source: String(m, "source"),
        PublishedAt: ParseInstant(String(m, "publishedAt")),
        ContentHash: String(m, "contentHash")!,
        ExtractorVersion: String(m, "extractorVersion")!,
        IngestedAt: ParseInstant(String(m, "ingestedAt"))!.Value);

    private static List<string> Strings(JsonElement map, string name) =>
        map.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    private static Dictionary<T, string> Names<T>(JsonNamingPolicy policy)
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => v, v => policy.ConvertName(v.ToString()));

    private sealed record StoredAffiliation(string ActorId, string Role, string? From, string? Until)
    {
        public Affiliation ToAffiliation() => new(ActorId, Role, ParseDay(From), ParseDay(Until));
    }
}
