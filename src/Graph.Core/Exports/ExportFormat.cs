namespace Graph.Core.Exports;

/// <summary>One way to write an export: the events (one row per piece of evidence) or the graph (actors and relationships).</summary>
public interface IExportFormat
{
    /// <summary>What <c>--format</c> calls it: <c>jsonl</c>, <c>csv</c>, <c>graphml</c>, <c>gexf</c>, <c>cypher</c>.</summary>
    string Name { get; }

    /// <summary>The file extension a download gets, without the dot.</summary>
    string Extension { get; }

    string MediaType { get; }

    Task WriteAsync(GraphExport export, ExportScope scope, TextWriter output, CancellationToken ct = default);
}

public static class ExportFormats
{
    public static IReadOnlyList<IExportFormat> All { get; } = [new JsonLinesFormat(), new CsvFormat(), new GraphMLFormat(), new GexfFormat(), new CypherFormat()];

    /// <summary>The format called <paramref name="name"/> (any case), or a user error naming those there are.</summary>
    public static IExportFormat Find(string? name) =>
        All.FirstOrDefault(f => f.Name.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new UserErrorException($"format: '{name}' is not an export format; use one of {string.Join(", ", All.Select(f => f.Name))}.");
}
