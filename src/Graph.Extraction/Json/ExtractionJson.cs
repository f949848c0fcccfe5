using System.Text.Encodings.Web;
using System.Text.Json;
using Graph.Core.Domain;

namespace Graph.Extraction.Json;

/// <summary>
/// The public <c>extract</c> contract: one JSON object per article, camelCase, enums as documented in the README
/// (<c>"type": "SUPPORT"</c>, <c>"kind": "armed_group"</c>, <c>"modality": "asserted"</c>). Keep it stable.
/// </summary>
public static class ExtractionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Sentences are quoted as they are: apostrophes and accents stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Serialize(ArticleExtraction extraction) => JsonSerializer.Serialize(extraction, Options);

    public static ArticleExtraction? Deserialize(string line) => JsonSerializer.Deserialize<ArticleExtraction>(line, Options);
}
