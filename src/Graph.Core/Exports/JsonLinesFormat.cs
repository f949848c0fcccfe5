using System.Text.Encodings.Web;
using System.Text.Json;

namespace Graph.Core.Exports;

/// <summary>The events as JSON Lines: one <see cref="EventRow"/> object per line, camelCase, nulls written out.</summary>
public sealed class JsonLinesFormat : IExportFormat
{
    /// <summary>
    /// How the rows are written, and how a reader reads them back. Quotes, accents and <c>+</c> are written as they are:
    /// the file is read as data, never pasted into HTML, where the default escaping would matter.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "jsonl";

    public string Extension => "jsonl";

    public string MediaType => "application/x-ndjson";

    public async Task WriteAsync(GraphExport export, ExportScope scope, TextWriter output, CancellationToken ct = default)
    {
        await foreach (var row in export.EventsAsync(scope, ct))
        {
            // The serializer escapes line breaks inside strings: one row is always one line.
            await output.WriteAsync(JsonSerializer.Serialize(row, Json).AsMemory(), ct);
            await output.WriteAsync('\n');
        }
    }
}
