using System.Text;
using Graph.Core.Domain;

namespace Graph.Core.Exports;

/// <summary>
/// The graph as Cypher that loads it into an empty Neo4j (cypher-shell, or Neo4j Browser with multi-statement
/// editing): a uniqueness constraint, then the actors and the relationships in batches, named as the Neo4j store names
/// them (<see cref="GraphNames"/>). Every statement is one line ending in <c>;</c>, values are literals (escaped, so
/// any text loads as written), and MERGE makes a second load change nothing.
/// </summary>
public sealed class CypherFormat : IExportFormat
{
    /// <summary>Rows per UNWIND statement: large enough to load quickly, small enough for any transaction.</summary>
    public const int BatchSize = 500;

    public string Name => "cypher";

    public string Extension => "cypher";

    public string MediaType => "application/x-cypher-query";

    public async Task WriteAsync(GraphExport export, ExportScope scope, TextWriter output, CancellationToken ct = default)
    {
        var graph = await export.GraphAsync(scope, ct);
        await output.WriteAsync($"// Graph export: {graph.Nodes.Count} actors, {graph.Edges.Count} relationships. Load with: cypher-shell -f FILE\n".AsMemory(), ct);
        await output.WriteAsync("CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n".AsMemory(), ct);
        foreach (var kind in graph.Nodes.GroupBy(a => a.Kind).OrderBy(g => g.Key))
        {
            // Labels cannot be parameters: one statement per kind, its label from our own names, never from data.
            string label = GraphNames.KindLabels[kind.Key];
            foreach (var batch in kind.Chunk(BatchSize))
            {
                string rows = string.Join(", ", batch.Select(a => Map(ActorProperties(a))));
                await output.WriteAsync($"UNWIND [{rows}] AS row MERGE (a:Actor {{id: row.id}}) SET a += row, a:{label};\n".AsMemory(), ct);
            }
        }

        foreach (var type in graph.Edges.GroupBy(e => e.Type).OrderBy(g => g.Key))
        {
            string edge = GraphNames.EdgeTypes[type.Key];
            foreach (var batch in type.Chunk(BatchSize))
            {
                string rows = string.Join(", ", batch.Select(e => Map([("source", Literal(e.Source)), ("target", Literal(e.Target)), ("props", Map(EdgeProperties(e)))])));
                await output.WriteAsync(
                    $"UNWIND [{rows}] AS row MATCH (s:Actor {{id: row.source}}) MATCH (t:Actor {{id: row.target}}) MERGE (s)-[r:{edge}]->(t) SET r += row.props;\n".AsMemory(), ct);
            }
        }
    }

    private static IEnumerable<(string Key, string Value)> ActorProperties(Actor a)
    {
        yield return ("id", Literal(a.Id));
        yield return ("name", Literal(a.Name));
        yield return ("kind", Literal(Invariant.Of(a.Kind)));
        if (a.Aliases.Count > 0)
        {
            yield return ("aliases", "[" + string.Join(", ", a.Aliases.Select(Literal)) + "]");
        }

        foreach (var (code, value) in a.Codes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            yield return (GraphNames.CodePrefix + code, Literal(value));
        }
    }

    private static IEnumerable<(string Key, string Value)> EdgeProperties(GraphEdge e)
    {
        yield return ("type", Literal(Plover.Of(e.Type).Name));
        yield return ("cameoRoot", Literal(e.CameoRoot));
        yield return ("evidence", Invariant.Of(e.Evidence));
        yield return ("counted", Invariant.Of(e.Counted));
        yield return ("score", Float(e.Score));
        yield return ("confidence", Float(e.Confidence));
        yield return ("polarity", Invariant.Of(e.Polarity));
        if (e.FirstSeen is { } first)
        {
            yield return ("firstSeen", $"date({Literal(Invariant.Of(first)!)})");
        }

        if (e.LastSeen is { } last)
        {
            yield return ("lastSeen", $"date({Literal(Invariant.Of(last)!)})");
        }
    }

    private static string Map(IEnumerable<(string Key, string Value)> properties) =>
        "{" + string.Join(", ", properties.Select(p => $"{Key(p.Key)}: {p.Value}")) + "}";

    /// <summary>A property name in backticks (a code's name comes from data), its backticks doubled.</summary>
    private static string Key(string key) => "`" + key.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>A float literal, never read back as an integer.</summary>
    private static string Float(double value)
    {
        string text = Invariant.Of(value);
        return text.AsSpan().IndexOfAny(".Ee") >= 0 ? text : text + ".0";
    }

    /// <summary>
    /// A single-quoted Cypher string: backslashes and quotes escaped, every control or line-separating character and
    /// every unpaired surrogate written as <c>\uXXXX</c> (a lone surrogate as U+FFFD), so a statement stays on one line.
    /// </summary>
    public static string Literal(string text)
    {
        var s = new StringBuilder(text.Length + 2).Append('\'');
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\\':
                    s.Append(@"\\");
                    break;
                case '\'':
                    s.Append(@"\'");
                    break;
                case < ' ' or '\u007f' or '\u0085' or '\u2028' or '\u2029':
                    s.Append(@"\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case var _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]):
                    s.Append(c).Append(text[++i]);
                    break;
                case var _ when char.IsSurrogate(c):
                    s.Append(@"\uFFFD");
                    break;
                default:
                    s.Append(c);
                    break;
            }
        }

        return s.Append('\'').ToString();
    }
}
