using System.ComponentModel.DataAnnotations;

namespace Graph.Cli.Hosting;

/// <summary>The <c>Graph</c> configuration section (appsettings.json, <c>Graph__*</c> environment variables, command-line flags).</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary><c>Sqlite</c> (embedded, the default) or <c>Neo4j</c>.</summary>
    [Required]
    [RegularExpression("^(?i:sqlite|neo4j)$", ErrorMessage = "Graph:Store must be Sqlite or Neo4j.")]
    public string Store { get; set; } = "Sqlite";

    public bool IsNeo4j => Store.Equals("neo4j", StringComparison.OrdinalIgnoreCase);

    /// <summary>Folder of the embedded store (<c>--data</c>, <c>GRAPH_DATA</c>).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Articles ingested by <c>serve</c> when the store is empty; defaults to <c>graph-seed/articles</c>.</summary>
    public string? SeedPath { get; set; }

    /// <summary>An edited copy of the actor knowledge base (<c>graph-seed/actors</c>); the built-in one when unset.</summary>
    public string? ActorsPath { get; set; }

    /// <summary>An edited copy of the relation lexicon (<c>graph-seed/lexicon</c>); the built-in one when unset.</summary>
    public string? LexiconPath { get; set; }

    /// <summary>The largest single article accepted, in bytes.</summary>
    [Range(1024, 1L << 31)]
    public long MaxArticleBytes { get; set; } = 16 * 1024 * 1024;
}
