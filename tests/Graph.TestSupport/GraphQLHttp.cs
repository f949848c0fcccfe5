using System.Net;
using System.Net.Http.Json;
using System.Text.Json;


namespace Graph.TestSupport;

/// <summary>A GraphQL query over HTTP that must succeed: 200, no errors; its data.</summary>
public static class GraphQLHttp
{
    public static async Task<JsonElement> QueryAsync(this HttpClient http, string query, object? variables = null)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query, variables }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        doc.RootElement.TryGetProperty("errors", out var errors).ShouldBeFalse(errors.ToString());
        return doc.RootElement.GetProperty("data").Clone();
    }
}
