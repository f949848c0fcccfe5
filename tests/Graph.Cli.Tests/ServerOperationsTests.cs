using System.Net;
using System.Net.Http.Headers;
using Graph.Extraction.Reading;
using Graph.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Cli.Tests;

/// <summary>
/// The served host as an operator uses it over real HTTP: ingestion runs listed by <c>ingestRuns</c>, and GraphiQL
/// shown to a browser that opens <c>/graphql</c> while API clients keep GraphQL over HTTP there.
/// </summary>
public sealed class ServerOperationsTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private ServedGraph? _server;
    private string _articles = "";

    public async ValueTask InitializeAsync()
    {
        // Two readable articles and an empty file, which the reader refuses: the seeding run must show that failure.
        _articles = Directory.CreateDirectory(Path.Combine(_dir.Path, "articles")).FullName;
        File.WriteAllText(Path.Combine(_articles, "russia.txt"), "Russia has provided vital support to Assad throughout the war.");
        File.WriteAllText(Path.Combine(_articles, "turkey.txt"), "Turkey condemned the Syrian government on Monday.");
        File.WriteAllText(Path.Combine(_articles, "empty.txt"), "");
        _server = await ServedGraph.StartAsync(Path.Combine(_dir.Path, "data"), _articles);
    }

    private HttpClient Http => _server!.Http;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _dir.Dispose();
    }

    private const string RunsQuery = """
        { ingestRuns(first: 5) { id source kind status startedAt endedAt read added updated unchanged failed error
            failures { origin source error attempts } } }
        """;

    [Fact]
    public async Task IngestRunsListsTheSeedingRunWithItsCountsAndItsFailedArticle()
    {
        var runs = (await Http.QueryAsync(RunsQuery)).GetProperty("ingestRuns").EnumerateArray().ToList();

        var run = runs.ShouldHaveSingleItem();
        run.GetProperty("kind").GetString().ShouldBe("seed");
        run.GetProperty("status").GetString().ShouldBe("PARTIAL");
        run.GetProperty("read").GetInt32().ShouldBe(3);
        run.GetProperty("added").GetInt32().ShouldBe(2);
        run.GetProperty("failed").GetInt32().ShouldBe(1);
        run.GetProperty("endedAt").GetString().ShouldNotBeNull();
        var failure = run.GetProperty("failures").EnumerateArray().ShouldHaveSingleItem();
        failure.GetProperty("origin").GetString()!.ShouldEndWith("empty.txt");
        failure.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task AnotherIngestIsListedFirstAndCanBeSelectedBySource()
    {
        var reader = _server!.Services.GetRequiredService<ArticleReader>();
        var items = reader.ReadAsync(_articles, TestContext.Current.CancellationToken).Select(r => new IngestItem(r.Origin, r.Article, r.Error));
        await _server.Services.GetRequiredService<ArticleIngestion>().RunAsync(new IngestRequest("again", "ingest"), items, ct: TestContext.Current.CancellationToken);

        var runs = (await Http.QueryAsync(RunsQuery)).GetProperty("ingestRuns").EnumerateArray().ToList();
        runs.Count.ShouldBe(2);
        runs[0].GetProperty("source").GetString().ShouldBe("again");
        runs[0].GetProperty("unchanged").GetInt32().ShouldBe(2);
        runs[0].GetProperty("added").GetInt32().ShouldBe(0);
        runs[0].GetProperty("failed").GetInt32().ShouldBe(1);
        runs[0].GetProperty("failures").EnumerateArray().ShouldHaveSingleItem().GetProperty("attempts").GetInt32().ShouldBe(2);
        // The dead letter moved on to the later run: the seeding run's failure is counted but no longer pending there.
        runs[1].GetProperty("failed").GetInt32().ShouldBe(1);

        var bySource = (await Http.QueryAsync("""{ ingestRuns(source: "again") { source } }""")).GetProperty("ingestRuns").EnumerateArray().ToList();
        bySource.ShouldHaveSingleItem().GetProperty("source").GetString().ShouldBe("again");
        var dead = (await Http.QueryAsync("{ deadLetters { origin attempts } }")).GetProperty("deadLetters").EnumerateArray().ToList();
        dead.ShouldHaveSingleItem().GetProperty("origin").GetString()!.ShouldEndWith("empty.txt");
    }

    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")] // what browsers send
    [InlineData("text/html")]
    public async Task ABrowserOpeningTheEndpointGetsGraphiQL(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("graphiql.min.js");
    }

    [Theory]
    [InlineData("application/graphql-response+json", HttpStatusCode.OK, "application/graphql-response+json")]
    [InlineData("application/json", HttpStatusCode.OK, "application/json")]
    [InlineData("*/*", HttpStatusCode.OK, "application/json")]
    [InlineData("text/html", HttpStatusCode.NotAcceptable, "application/json")] // a query in the URL is a GraphQL request
    public async Task AGetWithAQueryStaysGraphQLOverHttp(string accept, HttpStatusCode status, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ stats { articles } }"));
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
    }

    [Fact]
    public async Task AGetWithoutAQueryFromAnApiClientIsStillRefusedAsGraphQL()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/graphql-response+json");
    }
}
