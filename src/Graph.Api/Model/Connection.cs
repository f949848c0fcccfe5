using System.Text;
using GraphQL;

namespace Graph.Api.Model;

public sealed record PageInfo(bool HasNextPage, string? EndCursor);

public sealed record Edge<T>(string Cursor, T Node);

/// <summary>A Relay connection over one page of a list whose full length is known.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int TotalCount);

public static class Connection
{
    public static Connection<T> Of<T>(IReadOnlyList<T> page, int offset, int totalCount)
    {
        var edges = page.Select((node, i) => new Edge<T>(Cursors.Encode(offset + i), node)).ToList();
        return new Connection<T>(edges, new PageInfo(offset + page.Count < totalCount, edges.Count == 0 ? null : edges[^1].Cursor), totalCount);
    }

    /// <summary>Pages a list that is already complete in memory.</summary>
    public static Connection<T> Slice<T>(IReadOnlyList<T> all, PageRequest page) =>
        Of(all.Skip(page.Offset).Take(page.First).ToList(), page.Offset, all.Count);
}

/// <summary>Where a page starts and how long it is, from <c>first</c> and <c>after</c>.</summary>
public readonly record struct PageRequest(int Offset, int First)
{
    public static PageRequest From(int? first, string? after, int maxPageSize, int defaultSize = 20) =>
        new(after is null ? 0 : Cursors.Decode(after) + 1, Limit(first ?? defaultSize, maxPageSize, "first"));

    public static int Limit(int value, int max, string argument) => value >= 0 && value <= max
        ? value
        : throw new ExecutionError($"`{argument}` must be between 0 and {max}, was {value}.") { Code = ErrorCodes.BadUserInput };
}

/// <summary>Cursors are opaque to clients; inside they are the item's position.</summary>
public static class Cursors
{
    private const string Prefix = "offset:";

    public static string Encode(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + index));

    public static int Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(text.AsSpan(Prefix.Length), out int index) && index >= 0)
            {
                return index;
            }
        }
        catch (FormatException)
        {
        }

        throw new ExecutionError($"`after` is not a cursor this API issued: '{cursor}'.") { Code = ErrorCodes.BadUserInput };
    }
}

/// <summary>The <c>extensions.code</c> values our errors carry.</summary>
public static class ErrorCodes
{
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string NotFound = "NOT_FOUND";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string TooManyAliases = "MAX_ALIASES_EXCEEDED";
    public const string TooManyFields = "MAX_FIELDS_EXCEEDED";
    public const string Unavailable = "UNAVAILABLE";
    public const string IngestFailed = "INGEST_FAILED";
}
