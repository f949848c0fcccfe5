using System.Globalization;
using System.Xml.Linq;

namespace Graph.TestSupport;

/// <summary>
/// What the published GraphML 1.0 and GEXF 1.3 schemas require of the files the exports write, checked element by
/// element: the schemas themselves (graphml.graphdrawing.org, gexf.net) cannot be fetched from this machine, and
/// the tests must not depend on the network. Both return the number of nodes and edges.
/// </summary>
public static class GraphFiles
{
    public const string GraphMLNs = "http://graphml.graphdrawing.org/xmlns";
    public const string GexfNs = "http://gexf.net/1.3";

    private static readonly string[] GraphMLTypes = ["boolean", "int", "long", "float", "double", "string"];
    private static readonly string[] GexfTypes = ["integer", "long", "double", "float", "boolean", "liststring", "string", "date", "anyURI"];

    public static (int Nodes, int Edges) CheckGraphML(XDocument xml)
    {
        XNamespace g = GraphMLNs;
        var root = xml.Root!;
        root.Name.ShouldBe(g + "graphml");
        root.Elements().Select(e => e.Name.LocalName).ShouldBe(root.Elements().Select(e => e.Name.LocalName).OrderBy(n => n == "graph" ? 1 : 0), "keys come before the graph");
        root.Elements().ShouldAllBe(e => e.Name == g + "key" || e.Name == g + "graph");

        var keys = root.Elements(g + "key").ToDictionary(k => Required(k, "id"), k => k);
        root.Elements(g + "key").Count().ShouldBe(keys.Count, "key ids are unique");
        foreach (var key in keys.Values)
        {
            Required(key, "for").ShouldBeOneOf("all", "graphml", "graph", "node", "edge", "hyperedge", "port", "endpoint");
            Required(key, "attr.name").ShouldNotBeEmpty();
            Required(key, "attr.type").ShouldBeOneOf(GraphMLTypes);
        }

        var graph = root.Elements(g + "graph").ShouldHaveSingleItem();
        Required(graph, "edgedefault").ShouldBeOneOf("directed", "undirected");
        graph.Elements().ShouldAllBe(e => e.Name == g + "node" || e.Name == g + "edge" || e.Name == g + "data");

        void CheckData(XElement owner, string forWhat)
        {
            foreach (var data in owner.Elements(g + "data"))
            {
                var key = keys.GetValueOrDefault(Required(data, "key")).ShouldNotBeNull($"data names an undeclared key: {data}");
                ((string)key.Attribute("for")!).ShouldBeOneOf(forWhat, "all");
                Parses((string)key.Attribute("attr.type")!, data.Value).ShouldBeTrue($"{data} is not a {key.Attribute("attr.type")}");
            }
        }

        var nodeIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Elements(g + "node"))
        {
            nodeIds.Add(Required(node, "id")).ShouldBeTrue($"node id {node.Attribute("id")} twice");
            CheckData(node, "node");
        }

        var edgeIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edge in graph.Elements(g + "edge"))
        {
            edgeIds.Add(Required(edge, "id")).ShouldBeTrue($"edge id {edge.Attribute("id")} twice");
            nodeIds.ShouldContain(Required(edge, "source"));
            nodeIds.ShouldContain(Required(edge, "target"));
            CheckData(edge, "edge");
        }

        return (nodeIds.Count, edgeIds.Count);
    }

    public static (int Nodes, int Edges) CheckGexf(XDocument xml)
    {
        XNamespace g = GexfNs;
        var root = xml.Root!;
        root.Name.ShouldBe(g + "gexf");
        Required(root, "version").ShouldBe("1.3");
        root.Elements().Select(e => e.Name.LocalName).ShouldBe(["meta", "graph"]);
        var meta = root.Element(g + "meta")!;
        DateOnly.TryParseExact(Required(meta, "lastmodifieddate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _).ShouldBeTrue();
        meta.Elements().ShouldAllBe(e => e.Name == g + "creator" || e.Name == g + "description" || e.Name == g + "keywords");

        var graph = root.Element(g + "graph")!;
        Required(graph, "defaultedgetype").ShouldBeOneOf("directed", "undirected", "mutual");
        Required(graph, "mode").ShouldBeOneOf("static", "dynamic");
        graph.Elements().Select(e => e.Name.LocalName).ShouldBe(["attributes", "attributes", "nodes", "edges"]);
        var attributes = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var declared in graph.Elements(g + "attributes"))
        {
            string forClass = Required(declared, "class");
            forClass.ShouldBeOneOf("node", "edge");
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attribute in declared.Elements())
            {
                attribute.Name.ShouldBe(g + "attribute");
                Required(attribute, "title").ShouldNotBeEmpty();
                string type = Required(attribute, "type");
                type.ShouldBeOneOf(GexfTypes);
                types.Add(Required(attribute, "id"), type);
            }

            attributes.Add(forClass, types);
        }

        void CheckValues(XElement owner, string forClass)
        {
            owner.Elements().ShouldAllBe(e => e.Name == g + "attvalues");
            foreach (var value in owner.Elements(g + "attvalues").Elements())
            {
                value.Name.ShouldBe(g + "attvalue");
                var type = attributes[forClass].GetValueOrDefault(Required(value, "for")).ShouldNotBeNull($"attvalue for an undeclared attribute: {value}");
                Parses(type, Required(value, "value")).ShouldBeTrue($"{value} is not a {type}");
            }
        }

        var nodeIds = new HashSet<string>(StringComparer.Ordinal);
        var nodes = graph.Element(g + "nodes")!;
        nodes.Elements().ShouldAllBe(e => e.Name == g + "node");
        foreach (var node in nodes.Elements())
        {
            nodeIds.Add(Required(node, "id")).ShouldBeTrue($"node id {node.Attribute("id")} twice");
            CheckValues(node, "node");
        }

        var edgeIds = new HashSet<string>(StringComparer.Ordinal);
        var edges = graph.Element(g + "edges")!;
        edges.Elements().ShouldAllBe(e => e.Name == g + "edge");
        foreach (var edge in edges.Elements())
        {
            edgeIds.Add(Required(edge, "id")).ShouldBeTrue($"edge id {edge.Attribute("id")} twice");
            nodeIds.ShouldContain(Required(edge, "source"));
            nodeIds.ShouldContain(Required(edge, "target"));
            Parses("double", (string?)edge.Attribute("weight") ?? "1").ShouldBeTrue();
            ((string?)edge.Attribute("type") ?? "directed").ShouldBeOneOf("directed", "undirected", "mutual");
            CheckValues(edge, "edge");
        }

        return (nodeIds.Count, edgeIds.Count);
    }

    private static string Required(XElement element, string attribute) =>
        ((string?)element.Attribute(attribute)).ShouldNotBeNull($"{element.Name.LocalName} needs {attribute}");

    private static bool Parses(string type, string value) => type switch
    {
        "int" or "integer" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "long" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "float" or "double" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        "boolean" => value is "true" or "false",
        _ => true,
    };
}
