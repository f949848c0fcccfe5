using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Graph.Store.Neo4j.Http;

namespace Graph.Store.Neo4j.Tests;

/// <summary>One HTTP request as the server received it.</summary>
public sealed record Received(
    HttpMethod Method, string Path, string? Statement, JsonElement Parameters, AuthenticationHeaderValue? Authorization, string? Affinity, string? AccessMode, CancellationToken Aborted);

/// <summary>What the fake server answers: a status, a body and maybe a cluster-affinity header.</summary>
public sealed record Reply(HttpStatusCode Status, string Body = "", string? Affinity = null)
{
    public static Reply Ok(string body) => new(HttpStatusCode.Accepted, body);

    public static Reply Recorded(string file, HttpStatusCode status = HttpStatusCode.Accepted) =>
        new(status, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Responses", file)));

    public static Reply Rows(string[] fields, params object?[][] rows) =>
        Ok(JsonSerializer.Serialize(new { data = new { fields, values = rows } }));
}

/// <summary>
/// A stand-in for Neo4j's HTTP endpoint at the transport level: it records every request and answers with
/// <see cref="Respond"/> (recorded bodies, or rows computed from the request like a server would).
/// </summary>
public sealed class FakeNeo4j : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<Received> _requests = [];

    public Func<Received, Task<Reply>> Respond { get; set; } = r => Task.FromResult(Default(r));

    public IReadOnlyList<Received> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<string> Statements => [.. Requests.Where(r => r.Statement is not null).Select(r => r.Statement!)];

    public static Neo4jStoreOptions Options(Action<Neo4jStoreOptions>? configure = null)
    {
        var o = new Neo4jStoreOptions
        {
            Uri = "http://neo4j.test:7474",
            User = "neo4j",
            Password = "secret-password",
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryAttempts = 3,
            Timeout = TimeSpan.FromSeconds(10),
            CircuitBreakerMinimumThroughput = 1000,
        };
        configure?.Invoke(o);
        return o;
    }

    public Neo4jQueryClient Client(Neo4jStoreOptions? options = null) =>
        new(new HttpClient(this, disposeHandler: false), Microsoft.Extensions.Options.Options.Create(options ?? Options()));

    public Neo4jGraphStore Store(Neo4jStoreOptions? options = null, TimeProvider? time = null)
    {
        options ??= Options();
        return new Neo4jGraphStore(Client(options), Microsoft.Extensions.Options.Options.Create(options), time ?? TimeProvider.System);
    }

    /// <summary>Answers like an empty, healthy server: transactions open and commit, queries return no rows.</summary>
    public static Reply Default(Received r) => r switch
    {
        { Method.Method: "POST", Path: var p } when p.EndsWith("/query/v2/tx", StringComparison.Ordinal) => Reply.Recorded("begin.json") with { Affinity = "server-7" },
        { Path: var p } when p.EndsWith("/commit", StringComparison.Ordinal) => Reply.Recorded("commit.json"),
        { Method.Method: "DELETE" } => Reply.Ok("{}"),
        _ => Reply.Ok("""{"data":{"fields":[],"values":[]}}"""),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        string? statement = null;
        JsonElement parameters = default;
        string? accessMode = null;
        if (body.Length > 0)
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            statement = root.TryGetProperty("statement", out var s) ? s.GetString() : null;
            parameters = root.TryGetProperty("parameters", out var p) ? p.Clone() : default;
            accessMode = root.TryGetProperty("accessMode", out var m) ? m.GetString() : null;
        }

        var received = new Received(
            request.Method,
            request.RequestUri!.AbsolutePath,
            statement,
            parameters,
            request.Headers.Authorization,
            request.Headers.TryGetValues(Neo4jQueryClient.AffinityHeader, out var values) ? values.First() : null,
            accessMode,
            cancellationToken);
        lock (_lock)
        {
            _requests.Add(received);
        }

        var reply = await Respond(received);
        var response = new HttpResponseMessage(reply.Status)
        {
            Content = new StringContent(reply.Body, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
        if (reply.Affinity is not null)
        {
            response.Headers.TryAddWithoutValidation(Neo4jQueryClient.AffinityHeader, reply.Affinity);
        }

        return response;
    }
}
