using System.Xml;

namespace Graph.Core.Exports;

/// <summary>
/// The graph as GEXF 1.3 (gexf.net), Gephi's own format: nodes by actor id and name, directed edges whose <c>kind</c>
/// is the PLOVER type (so Gephi keeps the parallel edges of a pair apart) and whose weight is the evidence count.
/// </summary>
public sealed class GexfFormat(TimeProvider? time = null) : IExportFormat
{
    private const string Ns = "http://gexf.net/1.3";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Name => "gexf";

    public string Extension => "gexf";

    public string MediaType => "application/gexf+xml";

    public async Task WriteAsync(GraphExport export, ExportScope scope, TextWriter output, CancellationToken ct = default)
    {
        var graph = await export.GraphAsync(scope, ct);
        await using var xml = XmlWriter.Create(output, XmlExport.Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "gexf", Ns);
        await xml.WriteAttributeStringAsync("xmlns", "xsi", null, XmlExport.Xsi);
        await xml.WriteAttributeStringAsync("xsi", "schemaLocation", XmlExport.Xsi, $"{Ns} {Ns}/gexf.xsd");
        await xml.WriteAttributeStringAsync(null, "version", null, "1.3");

        await xml.WriteStartElementAsync(null, "meta", Ns);
        await xml.WriteAttributeStringAsync(null, "lastmodifieddate", null, Invariant.Of(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime)));
        await xml.WriteElementStringAsync(null, "creator", Ns, "Graph");
        await xml.WriteElementStringAsync(null, "description", Ns, "Actors and their PLOVER relationships, read from news articles");
        await xml.WriteEndElementAsync();

        await xml.WriteStartElementAsync(null, "graph", Ns);
        await xml.WriteAttributeStringAsync(null, "defaultedgetype", null, "directed");
        await xml.WriteAttributeStringAsync(null, "mode", null, "static");
        await WriteAttributesAsync(xml, "node", GraphColumns.Node.Select(c => (c.Name, c.Type)));
        await WriteAttributesAsync(xml, "edge", GraphColumns.Edge.Select(c => (c.Name, c.Type)));

        await xml.WriteStartElementAsync(null, "nodes", Ns);
        foreach (var actor in graph.Nodes)
        {
            ct.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "node", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, XmlExport.Clean(actor.Id));
            await xml.WriteAttributeStringAsync(null, "label", null, XmlExport.Clean(GraphColumns.Label(actor)));
            await WriteValuesAsync(xml, GraphColumns.Node.Select(c => (c.Name, c.Value(actor))));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteStartElementAsync(null, "edges", Ns);
        int edgeId = 0;
        foreach (var edge in graph.Edges)
        {
            ct.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "edge", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, Invariant.Of(edgeId++));
            await xml.WriteAttributeStringAsync(null, "source", null, XmlExport.Clean(edge.Source));
            await xml.WriteAttributeStringAsync(null, "target", null, XmlExport.Clean(edge.Target));
            await xml.WriteAttributeStringAsync(null, "label", null, GraphColumns.Label(edge));
            await xml.WriteAttributeStringAsync(null, "kind", null, GraphColumns.Label(edge));
            await xml.WriteAttributeStringAsync(null, "weight", null, Invariant.Of((double)edge.Evidence));
            await WriteValuesAsync(xml, GraphColumns.Edge.Select(c => (c.Name, c.Value(edge))));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    /// <summary>GEXF's attribute types by the XML Schema names the columns use.</summary>
    private static string GexfType(string type) => type == "int" ? "integer" : type;

    private static async Task WriteAttributesAsync(XmlWriter xml, string forClass, IEnumerable<(string Name, string Type)> columns)
    {
        await xml.WriteStartElementAsync(null, "attributes", Ns);
        await xml.WriteAttributeStringAsync(null, "class", null, forClass);
        foreach (var (name, type) in columns)
        {
            await xml.WriteStartElementAsync(null, "attribute", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, name);
            await xml.WriteAttributeStringAsync(null, "title", null, name);
            await xml.WriteAttributeStringAsync(null, "type", null, GexfType(type));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    private static async Task WriteValuesAsync(XmlWriter xml, IEnumerable<(string Name, string? Value)> values)
    {
        await xml.WriteStartElementAsync(null, "attvalues", Ns);
        foreach (var (name, value) in values.Where(v => v.Value is not null))
        {
            await xml.WriteStartElementAsync(null, "attvalue", Ns);
            await xml.WriteAttributeStringAsync(null, "for", null, name);
            await xml.WriteAttributeStringAsync(null, "value", null, XmlExport.Clean(value!));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }
}
