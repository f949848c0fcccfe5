using System.ComponentModel.DataAnnotations;

namespace Graph.Store.Neo4j;

/// <summary>
/// The <c>Graph:Neo4j</c> configuration section (<c>Graph__Neo4j__Uri</c>, <c>Graph__Neo4j__Password</c>... in the environment).
/// </summary>
public sealed class Neo4jStoreOptions : IValidatableObject
{
    public const string Section = "Graph:Neo4j";

    /// <summary>The server's HTTP address (Browser and the Query API share it), e.g. <c>http://localhost:7474</c>.</summary>
    [Required(ErrorMessage = "Graph:Neo4j:Uri is required, e.g. http://localhost:7474.")]
    public string Uri { get; set; } = "http://localhost:7474";

    /// <summary>Empty user means no <c>Authorization</c> header (a server started with <c>NEO4J_AUTH=none</c>).</summary>
    public string User { get; set; } = "neo4j";

    public string Password { get; set; } = "";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9.-]{0,62}$", ErrorMessage = "Graph:Neo4j:Database must be a Neo4j database name.")]
    public string Database { get; set; } = "neo4j";

    /// <summary>How long one attempt (one query, or one whole article transaction) may take before it is abandoned and retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows per <c>UNWIND</c> request when writing actors and evidence.</summary>
    [Range(1, 50_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Retries after the first attempt, on transient errors only.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Attempts seen before the breaker may open (it opens when half of them failed within 30 s).</summary>
    [Range(2, 10_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>How long the breaker stays open (calls fail at once) before it lets one call through to test the server.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            yield return new ValidationResult($"Graph:Neo4j:Uri must be an absolute http(s) address such as http://localhost:7474, not '{Uri}'.", [nameof(Uri)]);
        }
    }
}
