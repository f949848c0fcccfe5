using System.Net;
using System.Net.Http.Headers;

namespace Graph.Cli.Tests;

/// <summary>
/// <c>graph serve</c> end to end: an empty store is seeded from graph-seed/articles through the real extractor,
/// and GraphQL answers over HTTP on a loopback port.
/// </summary>
public sealed class ServeTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private ServedGraph? _server;

    private HttpClient Http => _server!.Http;

    public async ValueTask InitializeAsync() =>
        _server = await ServedGraph.StartAsync(Path.Combine(_dir.Path, "data"), Repo.SeedFolder);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task StanceOfRussiaTowardsAssadIsPositiveWithTheSeedSentenceAsEvidence()
    {
        var data = await Http.QueryAsync("""{ stance(from: "Russia", to: "Assad") { score label evidenceCount evidence { sentence article { id } } } }""");

        var stance = data.GetProperty("stance");
        stance.GetProperty("score").GetDouble().ShouldBeGreaterThan(0);
        stance.GetProperty("label").GetString().ShouldBeOneOf("SUPPORTIVE", "ALLY");
        var evidence = stance.GetProperty("evidence").EnumerateArray().ToList();
        evidence.ShouldContain(e => e.GetProperty("article").GetProperty("id").GetString() == "us-open-to-talks-with-russia-on-syria.txt");
        evidence.ShouldContain(e => e.GetProperty("sentence").GetString()!.Contains("Assad", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActorAnswersWithRelationshipsInBothDirections()
    {
        var data = await Http.QueryAsync("""
            { actor(name: "russia") { id name kind
                relationships(direction: BOTH, first: 100) { totalCount edges { node { type source { id } target { id } } } } } }
            """);

        var actor = data.GetProperty("actor");
        actor.GetProperty("name").GetString().ShouldBe("Russia");
        var edges = actor.GetProperty("relationships").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        var id = actor.GetProperty("id").GetString();
        edges.ShouldContain(e => e.GetProperty("source").GetProperty("id").GetString() == id);
        edges.ShouldContain(e => e.GetProperty("target").GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task RelationshipsBetweenTwoActorsCarryTheirEvidence()
    {
        var data = await Http.QueryAsync("""
            { relationships(where: { source: "United States", target: "Russia", types: [CONSULT] }) {
                edges { node { type polarity evidence { sentence start end article { id title publishedAt } } } } } }
            """);

        var nodes = data.GetProperty("relationships").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        nodes.ShouldNotBeEmpty();
        nodes.ShouldAllBe(n => n.GetProperty("type").GetString() == "CONSULT");
        nodes.SelectMany(n => n.GetProperty("evidence").EnumerateArray()).ShouldContain(e => e.GetProperty("sentence").GetString()!.Length > 0);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task TheServerAnswersItsHealthProbes(string path)
    {
        using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task ArticlesListsTheSeed()
    {
        var data = await Http.QueryAsync("{ articles(first: 10) { totalCount edges { node { id title } } } }");

        data.GetProperty("articles").GetProperty("totalCount").GetInt32().ShouldBe(6);
    }

    [Fact]
    public async Task GetWorksForQueriesAndAnswersInGraphQLResponseJsonWhenAsked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ stats { articles } }"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/graphql-response+json");
    }
}
