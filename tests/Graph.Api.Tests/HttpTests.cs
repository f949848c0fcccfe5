using System.Text;

namespace Graph.Api.Tests;

/// <summary>GraphQL over HTTP: methods, media types and status codes.</summary>
public sealed class HttpTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    private const string GraphQLResponse = "application/graphql-response+json; charset=utf-8";
    private const string Json = "application/json; charset=utf-8";

    private ApiHost Api => fixture.Host;

    private Task<Response> PostBodyAsync(string body, string? contentType = "application/json", string? accept = null) =>
        Api.SendRawAsync(HttpMethod.Post, Api.Endpoint, Encoding.UTF8.GetBytes(body), contentType, accept);

    private Task<Response> GetAsync(string queryString, string? accept = null) =>
        Api.SendRawAsync(HttpMethod.Get, new Uri(Api.Endpoint + "?" + queryString), null, null, accept);

    [Theory]
    [InlineData(null, Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/json", Json)]
    [InlineData("application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json;q=0.5", Json)]
    [InlineData("text/html,application/xhtml+xml,*/*;q=0.8", Json)]
    public async Task Response_type_follows_accept(string? accept, string expected)
    {
        var response = await Api.PostAsync("{ stats { articles } }", accept: accept);

        response.Status.ShouldBe(200);
        response.ContentType.ShouldBe(expected);
        response.Data["stats"]!["articles"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Unacceptable_accept_is_406()
    {
        var response = await Api.PostAsync("{ stats { articles } }", accept: "text/html");

        response.Status.ShouldBe(406);
    }

    [Theory]
    [InlineData("{ stats { articles ", "application/json", 200)]
    [InlineData("{ stats { articles ", "application/graphql-response+json", 400)]
    [InlineData("{ stats { nope } }", "application/json", 200)]
    [InlineData("{ stats { nope } }", "application/graphql-response+json", 400)]
    public async Task Parse_and_validation_failures_depend_on_the_media_type(string query, string accept, int status)
    {
        var response = await Api.PostAsync(query, accept: accept);

        response.Status.ShouldBe(status);
        response.Errors!.Count.ShouldBeGreaterThan(0);
        response.Json.AsObject().ContainsKey("data").ShouldBeFalse();
    }

    [Theory]
    [InlineData("application/json", 200)]
    [InlineData("application/graphql-response+json", 400)]
    public async Task Variable_coercion_failure(string accept, int status)
    {
        var response = await Api.PostAsync("query($first: Int) { actors(first: $first) { totalCount } }", new { first = "many" }, accept);

        response.Status.ShouldBe(status);
        response.FirstErrorMessage!.ShouldContain("$first");
        response.Json.AsObject().ContainsKey("data").ShouldBeFalse();
    }

    [Fact]
    public async Task Execution_errors_keep_status_200_with_both_media_types()
    {
        var response = await Api.PostAsync("""{ stance(from: "Atlantis", to: "Russia") { score } }""", accept: "application/graphql-response+json");

        response.Status.ShouldBe(200);
        response.FirstErrorCode.ShouldBe("NOT_FOUND");
    }

    [Fact]
    public async Task Get_runs_queries_with_variables_in_the_query_string()
    {
        string q = Uri.EscapeDataString("query($id: ID) { actor(id: $id) { name } }");
        string v = Uri.EscapeDataString("""{"id":"RUS"}""");

        var response = await GetAsync($"query={q}&variables={v}");

        response.Status.ShouldBe(200);
        response.Data["actor"]!["name"]!.GetValue<string>().ShouldBe("Russia");
    }

    [Fact]
    public async Task Get_refuses_mutations_with_405_and_allow_post()
    {
        string q = Uri.EscapeDataString("""mutation { reingest(all: true) { id } }""");

        var response = await GetAsync($"query={q}");

        response.Status.ShouldBe(405);
        response.Allow.ShouldBe(["POST"]);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        var response = await Api.SendRawAsync(HttpMethod.Put, Api.Endpoint, Encoding.UTF8.GetBytes("{}"), "application/json");

        response.Status.ShouldBe(405);
        response.Allow.ShouldBe(["GET", "POST"]);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task Unsupported_content_type_is_415(string? contentType)
    {
        var response = await PostBodyAsync("""{"query":"{ stats { articles } }"}""", contentType);

        response.Status.ShouldBe(415);
        response.ContentType.ShouldBe(Json);
        response.FirstErrorMessage!.ShouldContain("application/json");
    }

    [Theory]
    [InlineData("""{"query": 1}""", "query")]
    [InlineData("""{"variables": {}}""", "query")]
    [InlineData("""{"query": "{ stats { articles } }", "variables": "x"}""", "variables")]
    [InlineData("""{"query": "{ stats { articles } }", "variables": [1]}""", "variables")]
    [InlineData("""{"query": "{ stats { articles } }", "extensions": 3}""", "extensions")]
    [InlineData("""{"query": "{ stats { articles } }", "operationName": 3}""", "operationName")]
    [InlineData("""[{"query": "{ stats { articles } }"}]""", "object")]
    [InlineData("""{"query": "{ stats { articles } }" """, "JSON")]
    [InlineData("", "JSON")]
    public async Task Malformed_requests_are_400_with_a_clear_message(string body, string mentioned)
    {
        var response = await PostBodyAsync(body);

        response.Status.ShouldBe(400);
        response.FirstErrorMessage!.ShouldContain(mentioned);
        response.Json.AsObject().ContainsKey("data").ShouldBeFalse();
    }

    [Fact]
    public async Task Non_utf8_body_is_400()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"query\": \"{ actor(name: \\\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\\\") { id } }\"}")];

        var response = await Api.SendRawAsync(HttpMethod.Post, Api.Endpoint, body, "application/json");

        response.Status.ShouldBe(400);
        response.FirstErrorMessage!.ShouldContain("UTF-8");
    }

    [Theory]
    [InlineData("""{"query": "{ actor(name: \"x \ud800\") { id } }"}""")]
    [InlineData("""{"query": "query($s: String) { actors(search: $s) { totalCount } }", "variables": {"s": "x \ud800"}}""")]
    [InlineData("""{"query": "{ stats { articles } }", "operationName": "\udc00"}""")]
    [InlineData("""{"query": "{ stats { articles } }", "extensions": {"\ud800": 1}}""")]
    public async Task A_lone_surrogate_escape_is_400_with_a_graphql_error(string body)
    {
        var response = await PostBodyAsync(body);

        response.Status.ShouldBe(400, response.ToString());
        response.FirstErrorCode.ShouldBe("BAD_REQUEST");
        response.FirstErrorMessage!.ShouldContain("surrogate");
    }

    [Theory]
    [InlineData("""{"query": "{ stats { articles } }", "query": "mutation { reingest(all: true) { considered } }"}""", "query")]
    [InlineData("""{"query": "{ stats { articles } }", "variables": {}, "variables": {"a": 1}}""", "variables")]
    [InlineData("""{"query": "query($a: String) { actor(name: $a) { id } }", "variables": {"a": "Russia", "a": "Iran"}}""", "a")]
    public async Task Duplicate_keys_are_400_naming_the_key(string body, string key)
    {
        var response = await PostBodyAsync(body);

        response.Status.ShouldBe(400, response.ToString());
        response.FirstErrorMessage!.ShouldContain($"duplicate key '{key}'");
    }

    [Fact]
    public async Task Deeply_nested_variables_json_is_400()
    {
        string deep = new string('[', 500) + new string(']', 500);

        var response = await PostBodyAsync("{\"query\": \"{ stats { articles } }\", \"variables\": {\"a\": " + deep + "}}");

        response.Status.ShouldBe(400);
        response.FirstErrorMessage.ShouldBe("The request body is not valid JSON.");
    }

    [Fact]
    public async Task Body_over_the_cap_is_413()
    {
        string padding = new('x', 1_100_000);

        var response = await PostBodyAsync("{\"query\": \"{ stats { articles } }\", \"extensions\": {\"pad\": \"" + padding + "\"}}");

        response.Status.ShouldBe(413);
    }

    [Fact]
    public async Task Operation_name_selects_the_operation()
    {
        var response = await Api.PostAsync("query A { stats { articles } } query B { actor(id: \"RUS\") { name } }", operationName: "B");

        response.Status.ShouldBe(200);
        response.Data["actor"]!["name"]!.GetValue<string>().ShouldBe("Russia");
    }
}
