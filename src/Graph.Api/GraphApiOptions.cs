namespace Graph.Api;

/// <summary>Limits and secrets of the GraphQL endpoint (configuration section <c>Graph:Api</c>).</summary>
public sealed class GraphApiOptions
{
    public const string SectionName = "Graph:Api";

    /// <summary>Deepest field nesting a query may have.</summary>
    public int MaxDepth { get; set; } = 10;

    /// <summary>Cost ceiling: every field costs 1, multiplied by the <c>first</c> of the connections above it.</summary>
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>Largest <c>first</c> a connection or list accepts.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Largest <c>limit</c> of <c>neighborhood</c>: drawings of a few hundred nodes are still readable.</summary>
    public int MaxNeighborhoodNodes { get; set; } = 500;

    /// <summary>Most aliased fields in one document: aliases let one request run a field hundreds of times.</summary>
    public int MaxAliases { get; set; } = 15;

    /// <summary>Most fields in one selection set.</summary>
    public int MaxFieldsPerSelection { get; set; } = 50;

    /// <summary>
    /// Most fields in one document, checked before validation: some validation rules take time quadratic in the
    /// number of fields, so a large document must be refused before they run.
    /// </summary>
    public int MaxFields { get; set; } = 1_000;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 1_048_576;

    /// <summary>
    /// Longest <c>search</c> string, in characters. Actor search matches the string anywhere in names, a cost that grows
    /// with its length (a 900 KB pattern was "too complex" for SQLite); a real name or headline is far shorter.
    /// </summary>
    public int MaxSearchLength { get; set; } = 200;

    /// <summary>Most words in an article <c>search</c>: each word is one more index lookup, and 50,000 of them took seconds.</summary>
    public int MaxSearchWords { get; set; } = 16;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Key that mutations require (header <c>X-Api-Key</c> or <c>Authorization: Bearer</c>); null refuses every mutation.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// More keys, by name (<c>Graph:Api:ApiKeys:alice</c>): each one works as <see cref="ApiKey"/> does, and a correction
    /// records the name of the key it was made with (<see cref="ApiKey"/> is named <c>default</c>).
    /// </summary>
    public Dictionary<string, string> ApiKeys { get; set; } = [];

    /// <summary>Every key a mutation may present, by name.</summary>
    internal IReadOnlyList<(string Name, string Key)> NamedKeys() =>
    [
        .. ApiKey is { Length: > 0 } key ? [("default", key)] : Array.Empty<(string, string)>(),
        .. ApiKeys.Where(k => k.Value is { Length: > 0 }).Select(k => (k.Key, k.Value)),
    ];

    /// <summary>Stack traces in errors: for development only.</summary>
    public bool ExposeExceptions { get; set; }

    internal IEnumerable<string> Problems()
    {
        if (MaxDepth < 2)
        {
            yield return $"{SectionName}:MaxDepth must be at least 2 (is {MaxDepth}).";
        }

        if (MaxComplexity < 1)
        {
            yield return $"{SectionName}:MaxComplexity must be positive (is {MaxComplexity}).";
        }

        if (MaxPageSize is < 1 or > 10_000)
        {
            yield return $"{SectionName}:MaxPageSize must be between 1 and 10000 (is {MaxPageSize}).";
        }

        if (MaxNeighborhoodNodes < 1)
        {
            yield return $"{SectionName}:MaxNeighborhoodNodes must be positive (is {MaxNeighborhoodNodes}).";
        }

        if (MaxAliases < 0)
        {
            yield return $"{SectionName}:MaxAliases must not be negative (is {MaxAliases}).";
        }

        if (MaxFieldsPerSelection < 1)
        {
            yield return $"{SectionName}:MaxFieldsPerSelection must be positive (is {MaxFieldsPerSelection}).";
        }

        if (MaxFields < MaxFieldsPerSelection)
        {
            yield return $"{SectionName}:MaxFields must be at least MaxFieldsPerSelection (is {MaxFields}).";
        }

        if (MaxRequestBytes < 1024)
        {
            yield return $"{SectionName}:MaxRequestBytes must be at least 1024 (is {MaxRequestBytes}).";
        }

        if (MaxSearchLength < 1 || MaxSearchWords < 1)
        {
            yield return $"{SectionName}:MaxSearchLength and MaxSearchWords must be positive (are {MaxSearchLength} and {MaxSearchWords}).";
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:Timeout must be positive (is {Timeout}).";
        }

        if (ApiKey is { Length: > 0 and < 16 })
        {
            yield return $"{SectionName}:ApiKey must be at least 16 characters when set.";
        }

        foreach (string name in ApiKeys.Where(k => k.Value is { Length: > 0 and < 16 }).Select(k => k.Key))
        {
            yield return $"{SectionName}:ApiKeys:{name} must be at least 16 characters when set.";
        }
    }
}
