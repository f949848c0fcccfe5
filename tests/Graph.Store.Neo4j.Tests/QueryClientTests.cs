using System.Net;
using Graph.Store.Neo4j.Http;

namespace Graph.Store.Neo4j.Tests;

public sealed class QueryClientTests
{
    private readonly FakeNeo4j _server = new();

    [Fact]
    public async Task A_query_is_posted_to_the_databases_query_endpoint_with_basic_auth_and_its_parameters()
    {
        _server.Respond = _ => Task.FromResult(Reply.Recorded("query-success.json"));
        var client = _server.Client(FakeNeo4j.Options(o => o.Database = "graph"));

        await client.RunAsync("MATCH (a:Actor {id: $id}) RETURN a.name AS name", new { id = "RUS" }, ct: TestContext.Current.CancellationToken);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe(HttpMethod.Post);
        request.Path.ShouldBe("/db/graph/query/v2");
        request.Authorization!.Scheme.ShouldBe("Basic");
        request.Authorization.Parameter.ShouldBe(Convert.ToBase64String("neo4j:secret-password"u8.ToArray()));
        request.Statement.ShouldBe("MATCH (a:Actor {id: $id}) RETURN a.name AS name");
        request.Parameters.GetProperty("id").GetString().ShouldBe("RUS");
        request.AccessMode.ShouldBeNull();
    }

    [Fact]
    public async Task Reads_are_sent_in_read_mode()
    {
        var client = _server.Client();

        await client.RunAsync("RETURN 1 AS one", readOnly: true, ct: TestContext.Current.CancellationToken);

        _server.Requests.ShouldHaveSingleItem().AccessMode.ShouldBe("Read");
    }

    [Fact]
    public async Task Rows_come_back_by_field_name_with_their_json_types_and_the_update_counters()
    {
        _server.Respond = _ => Task.FromResult(Reply.Recorded("query-success.json"));

        var result = await _server.Client().RunAsync("UNWIND $rows AS r CREATE (p:Person) SET p = r RETURN p.name AS name", ct: TestContext.Current.CancellationToken);

        result.Fields.ShouldBe(["name", "age", "born", "tags"]);
        result.Rows.Count.ShouldBe(2);
        result.Rows[0]["name"].GetString().ShouldBe("Alice");
        result.Rows[0]["age"].GetInt64().ShouldBe(42);
        result.Rows[0]["born"].GetString().ShouldBe("1982-05-01");
        result.Rows[0]["tags"].EnumerateArray().Select(t => t.GetString()).ShouldBe(["a", "b"]);
        result.Rows[1]["age"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        result.Counters["nodesCreated"].ShouldBe(2);
        result.Counters.ShouldNotContainKey("containsUpdates");
        Should.Throw<KeyNotFoundException>(() => result.Rows[0]["missing"]);
    }

    [Fact]
    public async Task Nodes_relationships_and_temporal_values_keep_the_plain_json_shapes()
    {
        _server.Respond = _ => Task.FromResult(Reply.Recorded("graph-values.json"));

        var row = (await _server.Client().RunAsync("MATCH (a)-[r]->() RETURN a, r, a.at AS at, r.score AS score", ct: TestContext.Current.CancellationToken)).Rows.ShouldHaveSingleItem();

        row["a"].GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["Actor", "Country"]);
        row["a"].GetProperty("properties").GetProperty("name").GetString().ShouldBe("Russia");
        row["r"].GetProperty("type").GetString().ShouldBe("SUPPORTS");
        row["r"].GetProperty("properties").GetProperty("count").GetInt32().ShouldBe(2);
        row["at"].GetString().ShouldBe("2024-03-01T09:30Z");
        row["score"].GetDouble().ShouldBe(0.5);
    }

    [Theory]
    [InlineData("error-syntax.json", HttpStatusCode.Accepted, typeof(Neo4jClientException), "Neo.ClientError.Statement.SyntaxError")]
    [InlineData("error-syntax.json", HttpStatusCode.BadRequest, typeof(Neo4jClientException), "Neo.ClientError.Statement.SyntaxError")]
    [InlineData("error-deadlock.json", HttpStatusCode.Accepted, typeof(Neo4jTransientException), "Neo.TransientError.Transaction.DeadlockDetected")]
    [InlineData("error-database-unavailable.json", HttpStatusCode.ServiceUnavailable, typeof(Neo4jTransientException), "Neo.TransientError.General.DatabaseUnavailable")]
    [InlineData("error-terminated.json", HttpStatusCode.Accepted, typeof(Neo4jClientException), "Neo.TransientError.Transaction.Terminated")]
    [InlineData("error-lock-client-stopped.json", HttpStatusCode.Accepted, typeof(Neo4jClientException), "Neo.TransientError.Transaction.LockClientStopped")]
    [InlineData("error-database.json", HttpStatusCode.InternalServerError, typeof(Neo4jException), "Neo.DatabaseError.General.UnknownError")]
    [InlineData("error-unauthorized.json", HttpStatusCode.Unauthorized, typeof(Neo4jAuthException), "Neo.ClientError.Security.Unauthorized")]
    public async Task Each_error_code_becomes_its_exception_whatever_the_http_status(string file, HttpStatusCode status, Type expected, string code)
    {
        _server.Respond = _ => Task.FromResult(Reply.Recorded(file, status));

        var e = await Should.ThrowAsync<Neo4jException>(() => _server.Client().RunAsync("RETURN 1", ct: TestContext.Current.CancellationToken));

        e.GetType().ShouldBe(expected);
        e.Code.ShouldBe(code);
        e.Message.ShouldStartWith(code);
    }

    [Fact]
    public async Task A_401_without_a_body_is_an_auth_error_that_names_the_settings_to_check()
    {
        _server.Respond = _ => Task.FromResult(new Reply(HttpStatusCode.Unauthorized));

        var e = await Should.ThrowAsync<Neo4jAuthException>(() => _server.Client().RunAsync("RETURN 1", ct: TestContext.Current.CancellationToken));

        e.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        e.Message.ShouldContain("Graph:Neo4j:Password");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Gateway_and_unavailable_statuses_are_transient(HttpStatusCode status)
    {
        _server.Respond = _ => Task.FromResult(new Reply(status, "<html><body>upstream down</body></html>"));

        var e = await Should.ThrowAsync<Neo4jTransientException>(() => _server.Client().RunAsync("RETURN 1", ct: TestContext.Current.CancellationToken));

        e.StatusCode.ShouldBe(status);
    }

    [Fact]
    public async Task Another_http_failure_is_a_client_error_and_quotes_the_body()
    {
        _server.Respond = _ => Task.FromResult(new Reply(HttpStatusCode.NotFound, "no such database"));

        var e = await Should.ThrowAsync<Neo4jClientException>(() => _server.Client().RunAsync("RETURN 1", ct: TestContext.Current.CancellationToken));

        e.ShouldNotBeOfType<Neo4jAuthException>();
        e.Message.ShouldContain("404");
        e.Message.ShouldContain("no such database");
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        _server.Respond = _ => throw new HttpRequestException("Connection refused (neo4j.test:7474)");

        var e = await Should.ThrowAsync<Neo4jTransientException>(() => _server.Client().RunAsync("RETURN 1", ct: TestContext.Current.CancellationToken));

        e.Message.ShouldContain("http://neo4j.test:7474");
        e.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task A_query_answered_without_json_is_an_error_not_an_empty_result()
    {
        _server.Respond = _ => Task.FromResult(Reply.Ok("<html>proxy</html>"));

        await Should.ThrowAsync<Neo4jException>(() => _server.Client().RunAsync("RETURN 1", ct: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_explicit_transaction_begins_runs_and_commits_on_its_own_url_echoing_the_cluster_affinity()
    {
        var client = _server.Client();
        var ct = TestContext.Current.CancellationToken;

        await using (var tx = await client.BeginAsync(ct))
        {
            tx.Id.ShouldBe("a4e0e2c6-3b1f-4c8e-8a53-1c9b0f4f2e77");
            await tx.RunAsync("CREATE (:Actor {id: $id})", new { id = "RUS" }, ct);
            await tx.RunAsync("CREATE (:Actor {id: $id})", new { id = "SYR" }, ct);
            await tx.CommitAsync(ct);
            tx.IsOpen.ShouldBeFalse();
        }

        var requests = _server.Requests;
        requests.Select(r => $"{r.Method} {r.Path}").ShouldBe([
            "POST /db/neo4j/query/v2/tx",
            "POST /db/neo4j/query/v2/tx/a4e0e2c6-3b1f-4c8e-8a53-1c9b0f4f2e77",
            "POST /db/neo4j/query/v2/tx/a4e0e2c6-3b1f-4c8e-8a53-1c9b0f4f2e77",
            "POST /db/neo4j/query/v2/tx/a4e0e2c6-3b1f-4c8e-8a53-1c9b0f4f2e77/commit",
        ]);
        requests[0].Affinity.ShouldBeNull();
        requests.Skip(1).ShouldAllBe(r => r.Affinity == "server-7");
        requests[2].Parameters.GetProperty("id").GetString().ShouldBe("SYR");
    }

    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_with_a_delete_and_never_committed()
    {
        var ct = TestContext.Current.CancellationToken;

        await using (var tx = await _server.Client().BeginAsync(ct))
        {
            await tx.RunAsync("CREATE (:Actor {id: $id})", new { id = "RUS" }, ct);
        }

        _server.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe([
            "POST /db/neo4j/query/v2/tx",
            "POST /db/neo4j/query/v2/tx/a4e0e2c6-3b1f-4c8e-8a53-1c9b0f4f2e77",
            "DELETE /db/neo4j/query/v2/tx/a4e0e2c6-3b1f-4c8e-8a53-1c9b0f4f2e77",
        ]);
    }

    [Fact]
    public async Task A_server_without_credentials_configured_gets_no_authorization_header()
    {
        await _server.Client(FakeNeo4j.Options(o => o.User = "")).RunAsync("RETURN 1", ct: TestContext.Current.CancellationToken);

        _server.Requests.ShouldHaveSingleItem().Authorization.ShouldBeNull();
    }
}
