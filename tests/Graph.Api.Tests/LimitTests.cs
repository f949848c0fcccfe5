using Graph.Core.Storage;
using Microsoft.Extensions.Options;

namespace Graph.Api.Tests;

/// <summary>Every protective limit answers with a clear GraphQL error, and leaves the stored data as it was.</summary>
public sealed class LimitTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    private const string GraphQLResponse = "application/graphql-response+json";

    private ApiHost Api => fixture.Host;

    private async Task DataIsIntactAsync()
    {
        var response = await Api.PostAsync("{ stats { articles actors evidence } }");
        response.Data["stats"]!["articles"]!.GetValue<int>().ShouldBe(2);
        response.Data["stats"]!["actors"]!.GetValue<int>().ShouldBe(7);
        response.Data["stats"]!["evidence"]!.GetValue<int>().ShouldBe(9);
    }

    private static string Nested(string field, int levels, string leaf) =>
        string.Concat(Enumerable.Repeat("{ " + field + " ", levels)) + leaf + string.Concat(Enumerable.Repeat(" }", levels));

    [Fact]
    public async Task Query_deeper_than_max_depth_is_refused_before_execution()
    {
        // actor > relationships > edges > node > source > relationships > edges > node > target > relationships > edges > node > type
        var query = """{ actor(id: "RUS") { relationships { edges { node { source { relationships { edges { node { target { relationships { edges { node { type } } } } } } } } } } } } }""";

        var response = await Api.PostAsync(query, accept: GraphQLResponse);

        response.Status.ShouldBe(400);
        response.FirstErrorMessage!.ShouldContain("depth");
        response.Json.AsObject().ContainsKey("data").ShouldBeFalse();
    }

    [Fact]
    public async Task Query_over_max_complexity_is_refused_before_execution()
    {
        var query = """
            { actors(first: 100) { edges { node { relationships(first: 100) { edges { node {
                evidence(first: 100) { saidBy { name } sentence article { title } }
                source { relationships(first: 100) { totalCount } } } } } } } } }
            """;

        var response = await Api.PostAsync(query, accept: GraphQLResponse);

        response.Status.ShouldBe(400);
        response.FirstErrorMessage!.ShouldContain("complexity");
    }

    [Fact]
    public async Task First_over_the_page_cap_is_a_bad_user_input_error()
    {
        var response = await Api.PostAsync("{ actors(first: 101) { totalCount } }");

        response.Status.ShouldBe(200);
        response.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        response.FirstErrorMessage.ShouldBe("`first` must be between 0 and 100, was 101.");
        response.Json["data"].ShouldBeNull();
    }

    [Fact]
    public async Task A_search_of_fifty_thousand_words_is_refused_with_the_word_limit()
    {
        var words = string.Join(' ', Enumerable.Repeat("syria", 50_000));

        var response = await Api.PostAsync("query($s: String) { articles(search: $s) { totalCount } }", new { s = words });

        response.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        response.FirstErrorMessage.ShouldBe("`search` is 299999 characters long; at most 200 are allowed.");
        await DataIsIntactAsync();
    }

    [Fact]
    public async Task A_search_over_the_word_limit_is_refused_and_one_at_the_limit_is_answered()
    {
        var over = await Api.PostAsync("query($s: String) { articles(search: $s) { totalCount } }", new { s = string.Join(' ', Enumerable.Repeat("syria", 17)) });
        var at = await Api.PostAsync("query($s: String) { articles(search: $s) { totalCount } }", new { s = string.Join(' ', Enumerable.Repeat("syria", 16)) });

        over.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        over.FirstErrorMessage.ShouldBe("`search` has 17 words; at most 16 are allowed.");
        at.FirstErrorMessage.ShouldBeNull();
        at.Data["articles"]!["totalCount"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task A_900_kilobyte_actor_search_is_a_clear_error_not_a_database_one()
    {
        var response = await Api.PostAsync("query($s: String) { actors(search: $s) { totalCount } }", new { s = new string('%', 900_000) });

        response.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        response.FirstErrorMessage!.ShouldContain("at most 200 are allowed");
        response.Body.ShouldNotContain("SQLITE");
        await DataIsIntactAsync();
    }

    [Fact]
    public async Task Negative_first_and_foreign_cursors_are_refused()
    {
        var negative = await Api.PostAsync("""{ actor(id: "RUS") { relationships(first: -1) { totalCount } } }""");
        var cursor = await Api.PostAsync("""{ actors(after: "not-a-cursor") { totalCount } }""");

        negative.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        cursor.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        cursor.FirstErrorMessage!.ShouldContain("not-a-cursor");
    }

    [Fact]
    public async Task Too_many_aliases_are_refused()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 16).Select(i => $"a{i}: stats {{ articles }}")) + " }";

        var response = await Api.PostAsync(query, accept: GraphQLResponse);

        response.Status.ShouldBe(400);
        response.FirstErrorCode.ShouldBe("MAX_ALIASES_EXCEEDED");
        response.FirstErrorMessage.ShouldBe("The document uses more than 15 aliases.");
    }

    [Fact]
    public async Task Fifteen_aliases_are_fine()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 15).Select(i => $"a{i}: stats {{ articles }}")) + " }";

        var response = await Api.PostAsync(query);

        response.Errors.ShouldBeNull();
        response.Data["a14"]!["articles"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Too_many_fields_in_one_selection_are_refused()
    {
        var query = "{ stats { " + string.Concat(Enumerable.Repeat("articles ", 51)) + "} }";

        var response = await Api.PostAsync(query, accept: GraphQLResponse);

        response.Status.ShouldBe(400);
        response.FirstErrorCode.ShouldBe("MAX_FIELDS_EXCEEDED");
    }

    [Fact]
    public async Task Half_a_megabyte_of_fields_is_refused_before_validation()
    {
        // Validation compares fields pairwise: unchecked, this document costs about half a minute of CPU.
        var query = "{ stats { " + string.Concat(Enumerable.Repeat("articles ", 50_000)) + "} }";

        var response = await Api.PostAsync(query, accept: GraphQLResponse);

        response.Status.ShouldBe(400);
        response.FirstErrorCode.ShouldBe("MAX_FIELDS_EXCEEDED");
        response.FirstErrorMessage.ShouldBe("A selection set has 50000 fields; at most 50 are allowed.");
        response.Json.AsObject().ContainsKey("data").ShouldBeFalse();
    }

    [Fact]
    public async Task Documents_over_the_total_field_cap_are_refused()
    {
        var query = "{ " + string.Concat(Enumerable.Repeat("stats { " + string.Concat(Enumerable.Repeat("articles ", 40)) + "} ", 30)) + "}";

        var response = await Api.PostAsync(query);

        response.Status.ShouldBe(200);
        response.FirstErrorCode.ShouldBe("MAX_FIELDS_EXCEEDED");
        response.FirstErrorMessage.ShouldBe("The document has 1230 fields; at most 1000 are allowed.");
    }

    [Fact]
    public async Task Fragment_bomb_is_refused_before_validation()
    {
        // Each fragment spreads the next twice: 30 lines that would expand to four billion fields (it hung the server).
        string fragments = string.Concat(Enumerable.Range(0, 30).Select(i => $"fragment F{i} on Query {{ stats {{ articles }} ...F{i + 1} ...F{i + 1} }} "));

        var response = await Api.PostAsync("{ ...F0 } " + fragments + "fragment F30 on Query { stats { actors } }", accept: GraphQLResponse);

        response.Status.ShouldBe(400);
        response.FirstErrorCode.ShouldBe("MAX_FIELDS_EXCEEDED");
        response.FirstErrorMessage.ShouldBe("An operation expands to 4294967294 fields through its fragments; at most 1000 are allowed.");
    }

    [Fact]
    public async Task Small_fragment_trees_and_cycles_get_ordinary_answers()
    {
        string fragments = string.Concat(Enumerable.Range(0, 4).Select(i => $"fragment F{i} on Query {{ stats {{ articles }} ...F{i + 1} ...F{i + 1} }} "));

        var ok = await Api.PostAsync("{ ...F0 } " + fragments + "fragment F4 on Query { stats { actors } }");
        var cycle = await Api.PostAsync("{ ...A } fragment A on Query { stats { articles } ...B } fragment B on Query { ...A }");

        ok.Errors.ShouldBeNull(ok.ToString());
        ok.Data["stats"]!["actors"]!.GetValue<int>().ShouldBe(7);
        cycle.FirstErrorMessage.ShouldBe("Cannot spread fragment 'A' within itself via B.");
    }

    public static TheoryData<string, string> Repetitions => new()
    {
        // Each of these is checked pairwise by a validation rule: tens of thousands took from seconds to minutes.
        { "{ stats { articles " + string.Concat(Enumerable.Repeat("@include(if: true) ", 50_000)) + "} }", "The document has 50000 directives; at most 1000 are allowed." },
        { "query(" + string.Join(", ", Enumerable.Range(0, 40_000).Select(i => $"$v{i}: Int")) + ") { stats { articles } }", "The document has 40000 variable definitions; at most 1000 are allowed." },
        { "{ relationships(where: { " + string.Concat(Enumerable.Repeat("source: \"RUS\" ", 20_000)) + "}) { totalCount } }", "The document has 20000 values in argument literals; at most 1000 are allowed." },
        { "{ actor(" + string.Concat(Enumerable.Repeat("id: \"RUS\" ", 20_000)) + ") { name } }", "The document has 20000 arguments; at most 1000 are allowed." },
        { "{ stats { articles } } " + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"query Q{i} {{ stats {{ articles }} }} ")), "The document has 4002 fields; at most 1000 are allowed." },
    };

    [Theory]
    [MemberData(nameof(Repetitions))]
    public async Task Mass_repetition_is_refused_before_validation(string query, string message)
    {
        var response = await Api.PostAsync(query, accept: GraphQLResponse);

        response.Status.ShouldBe(400);
        response.FirstErrorCode.ShouldBe("MAX_FIELDS_EXCEEDED");
        response.FirstErrorMessage.ShouldBe(message);
        response.Errors!.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Hostile_deeply_nested_document_gets_a_clear_error_and_changes_nothing()
    {
        var response = await Api.PostAsync(Nested("a", 5_000, "b"), accept: GraphQLResponse);

        response.Status.ShouldBe(400);
        response.FirstErrorMessage.ShouldBe("The document is nested too deeply to parse.");
        await DataIsIntactAsync();
    }

    [Fact]
    public async Task Huge_get_query_string_is_refused_by_the_server()
    {
        var uri = new Uri(Api.Endpoint + "?query=" + Uri.EscapeDataString("{ stats { articles } }" + new string(' ', 100_000)));

        var response = await Api.SendRawAsync(HttpMethod.Get, uri, null, null);

        response.Status.ShouldBe(414);
        await DataIsIntactAsync();
    }

    [Fact]
    public async Task Invalid_input_object_variables_are_coercion_errors()
    {
        var response = await Api.PostAsync(
            "query($w: RelationshipFilter!) { relationships(where: $w) { totalCount } }",
            new { w = new { source = "RUS", polarity = "up", planet = "Mars" } },
            GraphQLResponse);

        response.Status.ShouldBe(400);
        response.Errors!.Select(e => e!["message"]!.GetValue<string>()).ShouldContain(m => m.Contains("$w", StringComparison.Ordinal));
        await DataIsIntactAsync();
    }

    [Fact]
    public async Task Out_of_range_arguments_are_bad_user_input()
    {
        var hops = await Api.PostAsync("""{ path(from: "RUS", to: "USA", maxHops: 7) { length } }""");
        var depth = await Api.PostAsync("""{ neighborhood(actor: "RUS", depth: 4) { nodes { id } } }""");
        var polarity = await Api.PostAsync("""{ relationships(where: { polarity: 2 }) { totalCount } }""");
        var actor = await Api.PostAsync("""{ actor { id } }""");

        hops.FirstErrorMessage.ShouldBe("`maxHops` must be between 1 and 6, was 7.");
        depth.FirstErrorMessage.ShouldBe("`depth` must be between 0 and 3, was 4.");
        polarity.FirstErrorMessage.ShouldBe("`polarity` must be -1, 0 or 1, was 2.");
        actor.FirstErrorMessage.ShouldBe("Give exactly one of `id` and `name`.");
    }
}

/// <summary>Limits that need a host of their own: a store that stalls or fails.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task Execution_past_the_timeout_is_stopped_with_a_timeout_error()
    {
        await using var api = await ApiHost.StartAsync(
            Seed.IntoAsync,
            new Dictionary<string, string?> { ["Graph:Api:Timeout"] = "00:00:00.300" },
            store => new TroubledStore(store, stall: true));

        var response = await api.PostAsync("{ stats { articles } }");

        response.Status.ShouldBe(200);
        response.FirstErrorCode.ShouldBe("TIMEOUT");
    }

    [Fact]
    public async Task Store_failures_do_not_leak_exception_details()
    {
        await using var api = await ApiHost.StartAsync(Seed.IntoAsync, decorate: store => new TroubledStore(store, stall: false));

        var response = await api.PostAsync("{ stats { articles } }");

        response.Status.ShouldBe(200);
        response.FirstErrorMessage.ShouldBe("Error trying to resolve field 'stats'.");
        response.Body.ShouldNotContain("secret connection string");
        response.Body.ShouldNotContain("at Graph.");
    }

    [Fact]
    public async Task Exception_details_appear_only_when_configured()
    {
        await using var api = await ApiHost.StartAsync(
            Seed.IntoAsync,
            new Dictionary<string, string?> { ["Graph:Api:ExposeExceptions"] = "true" },
            store => new TroubledStore(store, stall: false));

        var response = await api.PostAsync("{ stats { articles } }");

        response.FirstErrorMessage.ShouldBe("Error trying to resolve field 'stats'.");
        response.Errors![0]!["extensions"]!["details"]!.GetValue<string>().ShouldContain("secret connection string");
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start()
    {
        var start = () => ApiHost.StartAsync(settings: new Dictionary<string, string?> { ["Graph:Api:MaxPageSize"] = "0", ["Graph:Api:ApiKey"] = "short" });

        var error = await Should.ThrowAsync<OptionsValidationException>(start);

        error.Message.ShouldContain("MaxPageSize must be between 1 and 10000 (is 0)");
        error.Message.ShouldContain("ApiKey must be at least 16 characters");
    }

    /// <summary>Decorates the real store: statistics either stall until cancelled or fail.</summary>
    private sealed class TroubledStore(IGraphStore inner, bool stall) : ForwardingStore(inner)
    {
        public override async Task<StoreStats> GetStatsAsync(CancellationToken ct = default)
        {
            if (stall)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }

            throw new InvalidOperationException("secret connection string");
        }
    }
}
