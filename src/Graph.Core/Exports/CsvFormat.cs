using System.Text;

namespace Graph.Core.Exports;

/// <summary>
/// The events as CSV (RFC 4180): a header of <see cref="EventRow.Columns"/>, CRLF line ends, and a field quoted (its
/// quotes doubled) when it holds a comma, a quote or a line break, or starts or ends with a space. Empty means null.
/// </summary>
public sealed class CsvFormat : IExportFormat
{
    public string Name => "csv";

    public string Extension => "csv";

    public string MediaType => "text/csv";

    public async Task WriteAsync(GraphExport export, ExportScope scope, TextWriter output, CancellationToken ct = default)
    {
        var line = new StringBuilder();
        await output.WriteAsync(Line(line, EventRow.Columns).AsMemory(), ct);
        await foreach (var row in export.EventsAsync(scope, ct))
        {
            await output.WriteAsync(Line(line, row.Values()).AsMemory(), ct);
        }
    }

    private static string Line(StringBuilder line, IEnumerable<string?> fields)
    {
        line.Clear();
        bool first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            first = false;
            Append(line, field);
        }

        return line.Append("\r\n").ToString();
    }

    private static void Append(StringBuilder line, string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return;
        }

        bool quote = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field[0] == ' ' || field[^1] == ' ';
        if (!quote)
        {
            line.Append(field);
            return;
        }

        line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
