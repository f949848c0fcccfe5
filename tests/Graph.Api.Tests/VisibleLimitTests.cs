using System.Text.Json.Nodes;

namespace Graph.Api.Tests;

/// <summary>Every limit is visible: what a view holds, how many there are in all, whether it was cut, and the way on.</summary>
public sealed class VisibleLimitTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    private ApiHost Api => fixture.Host;

    private Task<JsonNode> DataAsync(string query, object? variables = null) => Api.DataAsync(query, variables);

    private static (int Nodes, int Edges, int TotalNodes, int TotalEdges, bool Truncated) Counts(JsonNode hood) =>
        (hood["nodes"]!.AsArray().Count, hood["edges"]!.AsArray().Count, hood["totalNodes"]!.GetValue<int>(), hood["totalEdges"]!.GetValue<int>(), hood["truncated"]!.GetValue<bool>());

    [Fact]
    public async Task A_neighbourhood_cut_by_its_limit_says_how_many_there_are_in_all()
    {
        var data = await DataAsync("""
            { cut: neighborhood(actor: "Russia", limit: 2) { nodes { id } edges { type } totalNodes totalEdges truncated }
              whole: neighborhood(actor: "Russia") { nodes { id } edges { type } totalNodes totalEdges truncated } }
            """);

        // Russia, the USA, Assad, Isis and John Kerry, with six relationships among them; the limit keeps two actors.
        Counts(data["cut"]!).ShouldBe((2, 2, 5, 6, true));
        Counts(data["whole"]!).ShouldBe((5, 6, 5, 6, false));
    }

    [Fact]
    public async Task Paths_say_how_many_shortest_paths_there_are_and_the_hop_limits()
    {
        var data = await DataAsync("""
            { all: paths(from: "Putin", to: "United States") { totalCount truncated maxHops maxHopsAllowed paths { length } }
              none: paths(from: "Putin", to: "United States", first: 0) { totalCount truncated paths { length } }
              tooShort: paths(from: "Putin", to: "Isis", maxHops: 2) { totalCount truncated maxHops paths { length } } }
            """);

        var all = data["all"]!;
        (all["totalCount"]!.GetValue<int>(), all["truncated"]!.GetValue<bool>(), all["maxHops"]!.GetValue<int>(), all["maxHopsAllowed"]!.GetValue<int>()).ShouldBe((1, false, 3, 6));
        all["paths"]!.AsArray().Count.ShouldBe(1);
        (data["none"]!["totalCount"]!.GetValue<int>(), data["none"]!["truncated"]!.GetValue<bool>()).ShouldBe((1, true));
        (data["tooShort"]!["totalCount"]!.GetValue<int>(), data["tooShort"]!["truncated"]!.GetValue<bool>(), data["tooShort"]!["maxHops"]!.GetValue<int>()).ShouldBe((0, false, 2));
    }

    [Fact]
    public async Task Max_hops_beyond_what_the_api_allows_is_an_error_not_a_silent_cut()
    {
        var response = await Api.PostAsync("""{ paths(from: "Putin", to: "United States", maxHops: 7) { totalCount } }""");

        response.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        response.FirstErrorMessage!.ShouldContain("between 1 and 6");
    }

    /// <summary>Follows <c>endCursor</c> one evidence at a time until the last page, as a client showing "more" would.</summary>
    private async Task<(List<string> Ids, int TotalCount, int Pages)> WalkAsync(string query, Func<JsonNode, JsonNode> page)
    {
        var ids = new List<string>();
        string? after = null;
        int total = -1, pages = 0;
        while (true)
        {
            var connection = page(await DataAsync(query, new { after }));
            pages++;
            total = connection["totalCount"]!.GetValue<int>();
            ids.AddRange(connection["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                return (ids, total, pages);
            }

            pages.ShouldBeLessThan(50, "the pages never end");
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
    }

    [Theory]
    [InlineData("Russia", "Assad")]
    [InlineData("United States", "Russia")]
    public async Task Paging_a_stances_evidence_visits_every_piece_exactly_once_in_the_order_of_evidence(string from, string to)
    {
        var query = $$"""query($after: String) { stance(from: "{{from}}", to: "{{to}}") { evidencePage(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }""";
        var whole = await DataAsync($$"""{ stance(from: "{{from}}", to: "{{to}}") { evidenceCount evidence(first: 100) { id } } }""");

        var (ids, total, pages) = await WalkAsync(query, d => d["stance"]!["evidencePage"]!);

        int count = whole["stance"]!["evidenceCount"]!.GetValue<int>();
        count.ShouldBeGreaterThan(1, "more than one page to walk");
        total.ShouldBe(count);
        pages.ShouldBe(count);
        ids.ShouldBe([.. whole["stance"]!["evidence"]!.AsArray().Select(e => e!["id"]!.GetValue<string>())]);
    }

    [Fact]
    public async Task Paging_a_relationships_evidence_visits_every_piece_exactly_once()
    {
        const string Query = """
            query($after: String) { relationships(where: { source: "Russia", target: "Assad", types: [SUPPORT] }) { edges { node { count
              evidencePage(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } } } }
            """;

        var (ids, total, pages) = await WalkAsync(Query, d => d["relationships"]!["edges"]![0]!["node"]!["evidencePage"]!);

        total.ShouldBe(2);
        pages.ShouldBe(2);
        ids.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task One_page_holding_all_the_evidence_has_no_next_page()
    {
        var data = await DataAsync("""
            { stance(from: "Russia", to: "Assad") { evidencePage(first: 5) { totalCount pageInfo { hasNextPage } edges { node { id } } } } }
            """);

        var page = data["stance"]!["evidencePage"]!;
        page["edges"]!.AsArray().Count.ShouldBe(page["totalCount"]!.GetValue<int>());
        page["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
    }
}
