using System.Net;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Graph.Store.Neo4j.Http;

/// <summary>
/// A small client of Neo4j's HTTP Query API (5.19+): implicit transactions on <c>POST /db/{db}/query/v2</c> and
/// explicit ones under <c>/db/{db}/query/v2/tx</c>. It does not retry: a retry must repeat a whole unit of work
/// (a transaction is gone once one of its statements failed), so that is the store's job.
/// </summary>
public sealed class Neo4jQueryClient
{
    public const string AffinityHeader = "neo4j-cluster-affinity";

    // Nulls are kept: a Cypher parameter that is null must still be sent.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly HashSet<HttpStatusCode> TransientStatuses =
        [HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout, HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests];

    private readonly HttpClient _http;
    private readonly Uri _queryUri;
    private readonly AuthenticationHeaderValue? _auth;

    public Neo4jQueryClient(HttpClient http, IOptions<Neo4jStoreOptions> options)
    {
        _http = http;
        var o = options.Value;
        var server = new Uri(o.Uri.EndsWith('/') ? o.Uri : o.Uri + "/");
        _queryUri = new Uri(server, $"db/{Uri.EscapeDataString(o.Database)}/query/v2");
        _auth = string.IsNullOrEmpty(o.User)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.User}:{o.Password}")));
    }

    /// <summary>Where implicit-transaction queries go, e.g. <c>http://localhost:7474/db/neo4j/query/v2</c>.</summary>
    public Uri QueryUri => _queryUri;

    /// <summary>Runs one statement in its own (implicit) transaction.</summary>
    public async Task<QueryResult> RunAsync(string statement, object? parameters = null, bool readOnly = false, CancellationToken ct = default)
    {
        var body = new QueryRequest(statement, parameters, IncludeCounters: !readOnly, AccessMode: readOnly ? "Read" : null);
        var (root, _) = await SendAsync(HttpMethod.Post, _queryUri, body, affinity: null, ct);
        return ParseResult(root);
    }

    /// <summary>Opens an explicit transaction; commit or roll it back (disposing an open one rolls it back).</summary>
    public async Task<Neo4jTransaction> BeginAsync(CancellationToken ct = default)
    {
        var (root, affinity) = await SendAsync(HttpMethod.Post, new Uri(_queryUri + "/tx"), new { }, affinity: null, ct);
        if (!root.TryGetProperty("transaction", out var tx) || !tx.TryGetProperty("id", out var id))
        {
            throw new Neo4jException($"Neo4j answered the begin of a transaction without a transaction id: {Shorten(root.GetRawText())}");
        }

        string txId = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
        return new Neo4jTransaction(this, new Uri($"{_queryUri}/tx/{Uri.EscapeDataString(txId)}"), txId, affinity);
    }

    internal async Task<QueryResult> RunInTransactionAsync(Uri txUri, string statement, object? parameters, string? affinity, CancellationToken ct)
    {
        var (root, _) = await SendAsync(HttpMethod.Post, txUri, new QueryRequest(statement, parameters, IncludeCounters: true), affinity, ct);
        return ParseResult(root);
    }

    internal async Task CommitAsync(Uri txUri, string? affinity, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, new Uri(txUri + "/commit"), new { }, affinity, ct);

    internal async Task RollbackAsync(Uri txUri, string? affinity, CancellationToken ct) =>
        await SendAsync(HttpMethod.Delete, txUri, body: null, affinity, ct);

    private async Task<(JsonElement Root, string? Affinity)> SendAsync(HttpMethod method, Uri uri, object? body, string? affinity, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypeNames.Application.Json));
        request.Headers.Authorization = _auth;
        if (affinity is not null)
        {
            request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, MediaTypeNames.Application.Json);
        }

        HttpStatusCode status;
        string? reason;
        string text;
        string? responseAffinity;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            status = response.StatusCode;
            reason = response.ReasonPhrase;
            text = await response.Content.ReadAsStringAsync(ct);
            responseAffinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // Refused, reset, unreachable: the server may be starting or restarting.
            throw new Neo4jTransientException($"Cannot reach Neo4j at {uri.GetLeftPart(UriPartial.Authority)}: {e.Message}", inner: e);
        }

        JsonElement root = TryParse(text);

        if (FirstError(root) is { } error)
        {
            throw Classify(error.Code, error.Message, status);
        }

        if (status == HttpStatusCode.Unauthorized)
        {
            throw new Neo4jAuthException("Neo4j refused the credentials (HTTP 401): check Graph:Neo4j:User and Graph:Neo4j:Password.", statusCode: status);
        }

        if (TransientStatuses.Contains(status))
        {
            throw new Neo4jTransientException($"Neo4j answered HTTP {(int)status} {reason}.", statusCode: status);
        }

        if ((int)status is < 200 or > 299)
        {
            // 404 without a Neo4j error code: no Query API at that address (Neo4j before 5.19, or not Neo4j at all).
            string hint = status == HttpStatusCode.NotFound ? " (the Query API needs Neo4j 5.19 or later at Graph:Neo4j:Uri)" : "";
            throw new Neo4jClientException($"Neo4j answered HTTP {(int)status} {reason} to {method} {uri.AbsolutePath}{hint}: {Shorten(text)}", statusCode: status);
        }

        return (root, responseAffinity ?? affinity);
    }

    /// <summary>
    /// The drivers' rule: every <c>Neo.TransientError</c> may be retried except the two that mean someone
    /// stopped the transaction on purpose (newer servers class them as client errors anyway).
    /// </summary>
    internal static Neo4jException Classify(string code, string message, HttpStatusCode status)
    {
        string text = $"{code}: {message}";
        return code switch
        {
            "Neo.TransientError.Transaction.Terminated" or "Neo.TransientError.Transaction.LockClientStopped" => new Neo4jClientException(text, code, status),
            _ when code.StartsWith("Neo.TransientError.", StringComparison.Ordinal) => new Neo4jTransientException(text, code, status),
            _ when code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) || status == HttpStatusCode.Unauthorized => new Neo4jAuthException(text, code, status),
            _ when code.StartsWith("Neo.ClientError.", StringComparison.Ordinal) => new Neo4jClientException(text, code, status),
            _ => new Neo4jException(text, code, status),
        };
    }

    private static (string Code, string Message)? FirstError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            return null;
        }

        var first = errors[0];
        string code = first.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "Neo.DatabaseError.General.UnknownError";
        string message = first.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        return (code, message);
    }

    private static JsonElement TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            // A proxy's HTML error page, say: the status code decides.
            return default;
        }
    }

    private static QueryResult ParseResult(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new Neo4jException("Neo4j answered a query with something that is not a Query API response (no JSON object).");
        }

        if (!root.TryGetProperty("data", out var data))
        {
            return QueryResult.Empty;
        }

        var fields = data.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
            : [];
        var values = data.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(row => row.EnumerateArray().ToArray()).ToList()
            : [];
        var counters = new Dictionary<string, long>();
        if (root.TryGetProperty("counters", out var cs) && cs.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in cs.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out long n))
                {
                    counters[p.Name] = n;
                }
            }
        }

        return new QueryResult(fields, values, counters);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed record QueryRequest(
        string Statement,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Parameters,
        bool IncludeCounters = false,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AccessMode = null);
}
