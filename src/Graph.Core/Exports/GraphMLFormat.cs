using System.Xml;

namespace Graph.Core.Exports;

/// <summary>
/// The graph as GraphML 1.0 (graphml.graphdrawing.org), for yEd, Gephi, NetworkX and igraph: a directed graph whose
/// nodes are <c>n0</c>, <c>n1</c>… (actor ids need not be XML names; each carries its own as <c>actorId</c>) and whose
/// parallel edges differ by <c>type</c>. <c>weight</c> is the evidence count, which Gephi reads as the edge weight.
/// </summary>
public sealed class GraphMLFormat : IExportFormat
{
    private const string Ns = "http://graphml.graphdrawing.org/xmlns";

    public string Name => "graphml";

    public string Extension => "graphml";

    public string MediaType => "application/graphml+xml";

    public async Task WriteAsync(GraphExport export, ExportScope scope, TextWriter output, CancellationToken ct = default)
    {
        var graph = await export.GraphAsync(scope, ct);
        await using var xml = XmlWriter.Create(output, XmlExport.Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "graphml", Ns);
        await xml.WriteAttributeStringAsync("xmlns", "xsi", null, XmlExport.Xsi);
        await xml.WriteAttributeStringAsync("xsi", "schemaLocation", XmlExport.Xsi, $"{Ns} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        await WriteKeyAsync(xml, "n_label", "node", "label", "string");
        foreach (var column in GraphColumns.Node)
        {
            await WriteKeyAsync(xml, $"n_{column.Name}", "node", column.Name, column.Type);
        }

        await WriteKeyAsync(xml, "e_label", "edge", "label", "string");
        foreach (var column in GraphColumns.Edge)
        {
            await WriteKeyAsync(xml, $"e_{column.Name}", "edge", column.Name, column.Type);
        }

        await WriteKeyAsync(xml, "e_weight", "edge", "weight", "double");
        await xml.WriteStartElementAsync(null, "graph", Ns);
        await xml.WriteAttributeStringAsync(null, "id", null, "G");
        await xml.WriteAttributeStringAsync(null, "edgedefault", null, "directed");
        var nodeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var actor in graph.Nodes)
        {
            ct.ThrowIfCancellationRequested();
            string id = nodeIds[actor.Id] = $"n{nodeIds.Count}";
            await xml.WriteStartElementAsync(null, "node", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, id);
            await WriteDataAsync(xml, "n_label", GraphColumns.Label(actor));
            foreach (var column in GraphColumns.Node)
            {
                await WriteDataAsync(xml, $"n_{column.Name}", column.Value(actor));
            }

            await xml.WriteEndElementAsync();
        }

        int edgeId = 0;
        foreach (var edge in graph.Edges)
        {
            ct.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "edge", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, $"e{edgeId++}");
            await xml.WriteAttributeStringAsync(null, "source", null, nodeIds[edge.Source]);
            await xml.WriteAttributeStringAsync(null, "target", null, nodeIds[edge.Target]);
            await WriteDataAsync(xml, "e_label", GraphColumns.Label(edge));
            foreach (var column in GraphColumns.Edge)
            {
                await WriteDataAsync(xml, $"e_{column.Name}", column.Value(edge));
            }

            await WriteDataAsync(xml, "e_weight", Invariant.Of(edge.Evidence));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task WriteKeyAsync(XmlWriter xml, string id, string forWhat, string name, string type)
    {
        await xml.WriteStartElementAsync(null, "key", Ns);
        await xml.WriteAttributeStringAsync(null, "id", null, id);
        await xml.WriteAttributeStringAsync(null, "for", null, forWhat);
        await xml.WriteAttributeStringAsync(null, "attr.name", null, name);
        await xml.WriteAttributeStringAsync(null, "attr.type", null, type);
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteDataAsync(XmlWriter xml, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        await xml.WriteStartElementAsync(null, "data", Ns);
        await xml.WriteAttributeStringAsync(null, "key", null, key);
        await xml.WriteStringAsync(XmlExport.Clean(value));
        await xml.WriteEndElementAsync();
    }
}
