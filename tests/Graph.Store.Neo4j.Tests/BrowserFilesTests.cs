using System.Text.RegularExpressions;

namespace Graph.Store.Neo4j.Tests;

/// <summary>What ships for Neo4j Browser users in <c>graph-seed/neo4j</c> must match the graph the store writes.</summary>
public sealed partial class BrowserFilesTests
{
    /// <summary>The shipped file, copied next to the tests at build.</summary>
    private static string SeedFile(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "graph-seed", "neo4j", name));

    [Fact]
    public void The_style_captions_actors_by_name_and_colours_every_kind_and_relationship_type()
    {
        string grass = SeedFile("graph.grass");

        foreach (string label in GraphModel.KindLabels.Values)
        {
            Block(grass, $"node.{label}").ShouldContain("caption: '{name}';");
            Block(grass, $"node.{label}").ShouldContain("color: #");
        }

        foreach (string edge in GraphModel.EdgeTypes.Values)
        {
            Block(grass, $"relationship.{edge}").ShouldContain("color: #");
        }

        grass.ShouldNotContain("/*", customMessage: "Browser's style parser takes no comments");
    }

    [Fact]
    public void The_sample_queries_use_only_labels_and_relationship_types_the_store_writes()
    {
        string queries = SeedFile("sample-queries.cypher");
        var written = GraphModel.EdgeTypes.Values.Concat(["AFFILIATED_WITH", "HAS_EVIDENCE", "FROM", "TO"]).ToHashSet();
        var labels = GraphModel.KindLabels.Values.Concat(["Actor", "Article", "Evidence"]).ToHashSet();

        var code = string.Join('\n', queries.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        RelationshipTypes().Count(code).ShouldBeGreaterThan(5);
        NodeLabels().Count(code).ShouldBeGreaterThan(10);
        foreach (Match m in RelationshipTypes().Matches(code))
        {
            foreach (string type in m.Groups[1].Value.Split('|'))
            {
                written.ShouldContain(type);
            }
        }

        foreach (Match m in NodeLabels().Matches(code))
        {
            labels.ShouldContain(m.Groups[1].Value);
        }

        code.ShouldContain("actor_names", customMessage: "the full-text index is shown to users");
    }

    private static string Block(string grass, string selector)
    {
        int at = grass.IndexOf(selector + " {", StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"{selector} has no style");
        return grass[at..grass.IndexOf("\n}", at, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"\[[a-z]*:([A-Z_|]+)")]
    private static partial Regex RelationshipTypes();

    [GeneratedRegex(@"\([a-z]*:([A-Z][A-Za-z]+)")]
    private static partial Regex NodeLabels();
}
