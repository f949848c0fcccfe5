using System.Text.Json;

namespace Graph.Store.Neo4j.Http;

/// <summary>The rows of one statement, in the Query API's plain JSON: temporal values are ISO-8601 strings.</summary>
public sealed class QueryResult(IReadOnlyList<string> fields, IReadOnlyList<JsonElement[]> values, IReadOnlyDictionary<string, long> counters)
{
    public static readonly QueryResult Empty = new([], [], new Dictionary<string, long>());

    public IReadOnlyList<string> Fields { get; } = fields;

    /// <summary>Update counters (<c>nodesCreated</c>, <c>relationshipsDeleted</c>...), when the request asked for them.</summary>
    public IReadOnlyDictionary<string, long> Counters { get; } = counters;

    public IReadOnlyList<QueryRow> Rows { get; } = [.. values.Select(v => new QueryRow(fields, v))];
}

/// <summary>One row; values are looked up by the name given in the statement's <c>RETURN</c>.</summary>
public sealed class QueryRow(IReadOnlyList<string> fields, JsonElement[] values)
{
    public JsonElement this[string field]
    {
        get
        {
            for (int i = 0; i < fields.Count; i++)
            {
                if (fields[i] == field)
                {
                    return values[i];
                }
            }

            throw new KeyNotFoundException($"The result has no field '{field}' (it has {string.Join(", ", fields)}).");
        }
    }
}
