namespace Graph.Web.Tests;

/// <summary>
/// What a user does with the explorer, in headless Chromium against the real server seeded with graph-seed/articles.
/// Each scenario (browser/explorer.mjs) prints one line per check and takes laptop and phone screenshots.
/// </summary>
public sealed class ExplorerTests(SeedServer server) : IClassFixture<SeedServer>
{
    private Task PassesAsync(string scenario, string? argument = null) => Browser.PassesAsync(server.Url, scenario, argument);

    [Fact]
    public Task SearchSuggestsActorsByNameAndAliasAndOpensTheirGraph() => PassesAsync("search");

    [Fact]
    public async Task GraphOfRussiaShowsSyriaAndAssadAndItsEdgeOpensTheStance()
    {
        await PassesAsync("graph", "Russia,Syria,Assad");
    }

    [Fact]
    public Task TheGraphOfAnActorDownloadsAsGraphMLWithTheViewsFilters() => PassesAsync("export");

    [Fact]
    public Task StanceOfRussiaTowardsAssadIsPositiveWithTheSeedSentenceHighlighted() => PassesAsync("stance");

    [Fact]
    public Task PathFromTheUnitedStatesToAssadIsDrawn() => PassesAsync("path", "United States,Assad");

    [Fact]
    public Task ArticleShowsItsTextWithEvidenceAndActorsMarked() => PassesAsync("article", "us-open-to-talks-with-russia-on-syria.txt");

    [Fact]
    public Task SharedUrlsReloadTheSameViewAndGraphiQLIsServedOffline() => PassesAsync("reload");

    [Fact]
    public async Task ThePagesAreServedFromTheSameOriginAsTheApi()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        var ct = TestContext.Current.CancellationToken;

        using var page = await http.GetAsync("/actor/RUS?depth=2", ct);
        page.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync(ct);
        html.ShouldContain("<title>Graph</title>");
        html.ShouldNotContain("src=\"http", Case.Insensitive);
        html.ShouldNotContain("href=\"http", Case.Insensitive);
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("connect-src 'self'");

        using var graphiql = await http.GetAsync("/graphiql", ct);
        (await graphiql.Content.ReadAsStringAsync(ct)).ShouldContain("GraphiQL.createFetcher({ url: '/graphql' })");

        using var api = await http.PostAsync("/graphql", new StringContent("""{"query":"{ stats { articles } }"}""", System.Text.Encoding.UTF8, "application/json"), ct);
        (await api.Content.ReadAsStringAsync(ct)).ShouldContain("\"articles\"");

        using var missing = await http.GetAsync("/assets/nothing-here.js", ct);
        missing.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        using var favicon = await http.GetAsync("/favicon.ico", ct);
        favicon.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        using var article = await http.GetAsync("/article/us-open-to-talks-with-russia-on-syria.txt", ct);
        (await article.Content.ReadAsStringAsync(ct)).ShouldContain("<title>Graph</title>");
    }
}

/// <summary>
/// The explorer on the full corpus (249 articles, ingested once for the class): what an analyst meets at that size.
/// Screenshots named corpus-*, stance-*, sides-* and articles-* are the ones to look at.
/// </summary>
public sealed class CorpusTests(CorpusServer server) : IClassFixture<CorpusServer>
{
    private async Task PassesAsync(string scenario, string? argument = null)
    {
        await RequireAsync();
        await Browser.PassesAsync(server.Url, scenario, argument);
    }

    private async Task RequireAsync()
    {
        if (!server.Available)
        {
            Assert.Skip($"The corpus {CorpusServer.Corpus} is not on this machine.");
        }

        await Browser.RequireAsync();
    }

    [Fact]
    public Task TheUsNeighbourhoodAtDepthTwoSaysHowMuchIsDrawnFiltersInPlaceExpandsPinsAndDownloads() => PassesAsync("corpus", "USA");

    [Fact]
    public Task AssadsNeighbourhoodNamesOnlyItsMainActors() => PassesAsync("readable", "bashar-al-assad");

    [Fact]
    public Task TheUsNeighbourhoodNamesOnlyItsMainActors() => PassesAsync("readable", "USA");

    [Fact]
    public Task AStanceWithoutEvidenceSaysSoInWords() => PassesAsync("nostance");

    [Fact]
    public Task AStanceSaysHowSureItIsCountsItsPeopleOnRequestTakesAPeriodAndPagesItsEvidence() => PassesAsync("weighed");

    [Fact]
    public Task ActorSuggestionsSayHowManyMatchInAll() => PassesAsync("suggest", "al");

    [Fact]
    public Task PathsGoUpToSixHopsAndSayWhenThereAreMoreThanShown() => PassesAsync("paths", "emmanuel-macron,SOM");

    [Fact]
    public Task AssadsFirstSupportersAndOpponentsRestOnMoreThanOneSentence() => PassesAsync("sides", "bashar-al-assad");

    [Fact]
    public Task ArticlesShowHeadlinesSnippetsWithTheSearchWordsAndParagraphs() => PassesAsync("articles", "Kurdish");

    [Fact]
    public async Task NeighbourhoodOfTheMostConnectedActorIsDrawnAndTimed()
    {
        await RequireAsync();
        var data = await server.QueryAsync("{ actors(first: 25) { edges { node { id name relationships(first: 1) { totalCount } } } } }");
        var busiest = data.GetProperty("actors").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node"))
            .MaxBy(n => n.GetProperty("relationships").GetProperty("totalCount").GetInt32());

        var result = await Browser.RunScenarioAsync(server.Url, "perf", busiest.GetProperty("id").GetString());

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("first load: ");
        var figures = $"{busiest.GetProperty("name").GetString()}: {result.Output}";
        Directory.CreateDirectory(Browser.Screenshots);
        await File.WriteAllTextAsync(Path.Combine(Browser.Screenshots, "perf.txt"), figures, TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage(figures);
        Console.WriteLine(figures);
    }
}
