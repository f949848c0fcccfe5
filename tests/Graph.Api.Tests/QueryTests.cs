using System.Text.Json.Nodes;

namespace Graph.Api.Tests;

public sealed class QueryTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    private ApiHost Api => fixture.Host;

    private Task<JsonNode> DataAsync(string query, object? variables = null) => Api.DataAsync(query, variables);

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    [Fact]
    public async Task Actor_by_alias_ignores_case_and_returns_its_fields()
    {
        var data = await DataAsync("""{ actor(name: "assad") { id name kind aliases codes { cameo iso3 } affiliations { actor { id name } role from until } } }""");

        var actor = data["actor"]!;
        actor["id"]!.GetValue<string>().ShouldBe("bashar-al-assad");
        actor["name"]!.GetValue<string>().ShouldBe("Bashar al-Assad");
        actor["kind"]!.GetValue<string>().ShouldBe("PERSON");
        Strings(actor["aliases"]).ShouldBe(["Assad", "President Assad"]);
        actor["codes"]!["cameo"].ShouldBeNull();
        var affiliation = actor["affiliations"]![0]!;
        affiliation["actor"]!["id"]!.GetValue<string>().ShouldBe("SYR");
        affiliation["actor"]!["name"]!.GetValue<string>().ShouldBe("Syria");
        affiliation["role"]!.GetValue<string>().ShouldBe("president");
        affiliation["from"]!.GetValue<string>().ShouldBe("2000-07-17");
        affiliation["until"].ShouldBeNull();
    }

    [Fact]
    public async Task Actor_by_id_has_codes_and_an_unknown_name_is_null()
    {
        var data = await DataAsync("""{ russia: actor(id: "RUS") { name kind codes { cameo iso3 } } nobody: actor(name: "Atlantis") { id } }""");

        data["russia"]!["name"]!.GetValue<string>().ShouldBe("Russia");
        data["russia"]!["kind"]!.GetValue<string>().ShouldBe("COUNTRY");
        data["russia"]!["codes"]!["cameo"]!.GetValue<string>().ShouldBe("RUS");
        data["russia"]!["codes"]!["iso3"]!.GetValue<string>().ShouldBe("RUS");
        data["nobody"].ShouldBeNull();
    }

    [Fact]
    public async Task Actors_pages_with_cursors_and_filters_by_kind()
    {
        var first = await DataAsync("""{ actors(kind: PERSON, first: 2) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }""");
        var conn = first["actors"]!;
        conn["totalCount"]!.GetValue<int>().ShouldBe(3);
        conn["edges"]!.AsArray().Count.ShouldBe(2);
        conn["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
        string cursor = conn["pageInfo"]!["endCursor"]!.GetValue<string>();

        var second = await DataAsync("""query($after: String) { actors(kind: PERSON, first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }""", new { after = cursor });

        var ids = conn["edges"]!.AsArray().Concat(second["actors"]!["edges"]!.AsArray()).Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
        ids.ShouldBe(["bashar-al-assad", "john-kerry", "vladimir-putin"], ignoreOrder: true);
        second["actors"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Actors_search_matches_aliases()
    {
        var data = await DataAsync("""{ actors(search: "daesh") { totalCount edges { node { id kind } } } }""");

        data["actors"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        data["actors"]!["edges"]![0]!["node"]!["id"]!.GetValue<string>().ShouldBe("isis");
        data["actors"]!["edges"]![0]!["node"]!["kind"]!.GetValue<string>().ShouldBe("ARMED_GROUP");
    }

    [Fact]
    public async Task Stance_of_Russia_towards_Assad_is_supportive_weighed_by_its_evidence()
    {
        var data = await DataAsync("""{ stance(from: "Russia", to: "Assad") { from { id } to { id } score mean low high certainty label evidenceCount articleCount counts { type count } firstSeen lastSeen evidence { sentence article { id title } } } }""");

        var stance = data["stance"]!;
        stance["from"]!["id"]!.GetValue<string>().ShouldBe("RUS");
        stance["to"]!["id"]!.GetValue<string>().ShouldBe("bashar-al-assad");
        stance["mean"]!.GetValue<double>().ShouldBe(0.5);
        // Two sentences say SUPPORT (+0.5): the score is shrunk towards neutral, inside a range still wide.
        double score = stance["score"]!.GetValue<double>();
        score.ShouldBeInRange(0.15, 0.5);
        stance["low"]!.GetValue<double>().ShouldBeLessThan(score);
        stance["high"]!.GetValue<double>().ShouldBeGreaterThan(score);
        stance["certainty"]!.GetValue<double>().ShouldBeInRange(0.3, 0.9);
        stance["label"]!.GetValue<string>().ShouldBe("SUPPORTIVE");
        stance["evidenceCount"]!.GetValue<int>().ShouldBe(2);
        stance["articleCount"]!.GetValue<int>().ShouldBe(2);
        stance["counts"]![0]!["type"]!.GetValue<string>().ShouldBe("SUPPORT");
        stance["counts"]![0]!["count"]!.GetValue<int>().ShouldBe(2);
        stance["firstSeen"]!.GetValue<string>().ShouldBe("2015-09-30");
        stance["lastSeen"]!.GetValue<string>().ShouldBe("2015-11-15");
        var evidence = stance["evidence"]!.AsArray();
        evidence.Count.ShouldBe(2);
        evidence[0]!["sentence"]!.GetValue<string>().ShouldBe("Russia has backed Assad throughout the war.");
        evidence[0]!["article"]!["id"]!.GetValue<string>().ShouldBe("russia-airstrikes");
        evidence[0]!["article"]!["title"]!.GetValue<string>().ShouldBe("Russia launches airstrikes in Syria");
        evidence[1]!["article"]!["id"]!.GetValue<string>().ShouldBe("us-talks");
    }

    [Fact]
    public async Task Stance_ignores_negated_evidence_and_reverse_uses_the_same_filters()
    {
        var data = await DataAsync("""{ stance(from: "US", to: "RUS") { mean label evidenceCount counts { type count } reverse { from { id } score label evidenceCount } } }""");

        var stance = data["stance"]!;
        // ACCUSE -3 x 0.7 and the future CONSULT 2.5 x 0.9; the negated CONSULT does not count.
        stance["evidenceCount"]!.GetValue<int>().ShouldBe(2);
        stance["mean"]!.GetValue<double>().ShouldBe(0.0094);
        stance["label"]!.GetValue<string>().ShouldBe("NEUTRAL");
        stance["reverse"]!["from"]!["id"]!.GetValue<string>().ShouldBe("RUS");
        stance["reverse"]!["evidenceCount"]!.GetValue<int>().ShouldBe(0);
        stance["reverse"]!["score"]!.GetValue<double>().ShouldBe(0);
        stance["reverse"]!["label"]!.GetValue<string>().ShouldBe("NO_EVIDENCE", "no evidence is not a neutral stance");
    }

    [Fact]
    public async Task Stance_with_affiliates_counts_what_Putin_said_for_Russia()
    {
        var data = await DataAsync("""{ with: stance(from: "Russia", to: "Syria", includeAffiliates: true) { evidenceCount mean evidence(first: 5) { saidBy { id } } } without: stance(from: "Russia", to: "Syria") { evidenceCount label } }""");

        // Russia -> Assad (2) and Putin -> Assad (1): Putin speaks for Russia, Assad for Syria.
        data["with"]!["evidenceCount"]!.GetValue<int>().ShouldBe(3);
        data["with"]!["mean"]!.GetValue<double>().ShouldBe(0.5);
        data["without"]!["evidenceCount"]!.GetValue<int>().ShouldBe(0);
        data["without"]!["label"]!.GetValue<string>().ShouldBe("NO_EVIDENCE");
    }

    [Fact]
    public async Task Stance_with_an_unknown_actor_is_a_not_found_error()
    {
        var response = await Api.PostAsync("""{ stance(from: "Atlantis", to: "Russia") { score } }""");

        response.Status.ShouldBe(200);
        response.FirstErrorCode.ShouldBe("NOT_FOUND");
        response.FirstErrorMessage!.ShouldContain("Atlantis");
        response.Data["stance"].ShouldBeNull();
    }

    [Fact]
    public async Task Stance_timeline_buckets_by_month()
    {
        var data = await DataAsync("""{ stanceTimeline(from: "Russia", to: "Assad", bucket: MONTH) { start score mean certainty label evidenceCount articleCount } }""");

        var points = data["stanceTimeline"]!.AsArray();
        points.Select(p => p!["start"]!.GetValue<string>()).ShouldBe(["2015-09-01", "2015-11-01"]);
        points.Select(p => p!["evidenceCount"]!.GetValue<int>()).ShouldBe([1, 1]);
        points.Select(p => p!["articleCount"]!.GetValue<int>()).ShouldBe([1, 1]);
        points.Select(p => p!["mean"]!.GetValue<double>()).ShouldBe([0.5, 0.5]);
        // One sentence a month: supportive, not an alliance, and less sure than the two together.
        points.Select(p => p!["label"]!.GetValue<string>()).ShouldBe(["SUPPORTIVE", "SUPPORTIVE"]);
        points.ShouldAllBe(p => p!["certainty"]!.GetValue<double>() < 0.5);
    }

    [Fact]
    public async Task Supporters_and_opponents_are_ranked_by_stance()
    {
        var data = await DataAsync("""{ supporters(of: "Assad") { from { id } score evidenceCount } opponents(of: "Assad") { from { id } mean label } }""");

        data["supporters"]!.AsArray().Select(s => s!["from"]!["id"]!.GetValue<string>()).ShouldBe(["RUS", "vladimir-putin"]);
        data["supporters"]![0]!["evidenceCount"]!.GetValue<int>().ShouldBe(2);
        data["opponents"]!.AsArray().Select(s => s!["from"]!["id"]!.GetValue<string>()).ShouldBe(["USA"]);
        data["opponents"]![0]!["mean"]!.GetValue<double>().ShouldBe(-0.3);
        data["opponents"]![0]!["label"]!.GetValue<string>().ShouldBe("NEUTRAL", "one mild accusation is weighed towards neutral");
    }

    [Fact]
    public async Task Relationships_filter_by_source_name_and_aggregate_per_type()
    {
        var data = await DataAsync("""
            { relationships(where: { source: "United States", target: "Russia" }) {
                totalCount
                edges { node { source { id } target { id } type cameoRoot polarity score confidence count firstSeen lastSeen evidence { modality saidBy { id } } } } } }
            """);

        var conn = data["relationships"]!;
        conn["totalCount"]!.GetValue<int>().ShouldBe(2);
        var byType = conn["edges"]!.AsArray().Select(e => e!["node"]!).ToDictionary(n => n["type"]!.GetValue<string>());
        byType.Keys.ShouldBe(["ACCUSE", "CONSULT"], ignoreOrder: true);
        var accuse = byType["ACCUSE"];
        accuse["cameoRoot"]!.GetValue<string>().ShouldBe("11");
        accuse["polarity"]!.GetValue<int>().ShouldBe(-1);
        accuse["score"]!.GetValue<double>().ShouldBe(-3.0);
        accuse["confidence"]!.GetValue<double>().ShouldBe(0.7);
        accuse["count"]!.GetValue<int>().ShouldBe(1);
        accuse["evidence"]![0]!["modality"]!.GetValue<string>().ShouldBe("REPORTED");
        accuse["evidence"]![0]!["saidBy"]!["id"]!.GetValue<string>().ShouldBe("john-kerry");
        // Only the future CONSULT counts; the negated one is left out by default.
        byType["CONSULT"]["count"]!.GetValue<int>().ShouldBe(1);
        byType["CONSULT"]["firstSeen"]!.GetValue<string>().ShouldBe("2015-11-20");
    }

    [Fact]
    public async Task Relationships_can_ask_for_negated_readings_explicitly()
    {
        var data = await DataAsync("""{ relationships(where: { source: "USA", modality: [NEGATED] }) { totalCount edges { node { type evidence { sentence modality } } } } }""");

        data["relationships"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        var node = data["relationships"]!["edges"]![0]!["node"]!;
        node["type"]!.GetValue<string>().ShouldBe("CONSULT");
        node["evidence"]![0]!["sentence"]!.GetValue<string>().ShouldBe("The US did not consult Russia.");
    }

    [Fact]
    public async Task Relationships_filter_by_type_polarity_and_dates()
    {
        var data = await DataAsync("""{ relationships(where: { types: [SUPPORT, ASSAULT], polarity: 1, since: "2015-10-01" }) { edges { node { source { id } target { id } type count } } } }""");

        var nodes = data["relationships"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        nodes.Count.ShouldBe(1);
        nodes[0]["source"]!["id"]!.GetValue<string>().ShouldBe("RUS");
        nodes[0]["target"]!["id"]!.GetValue<string>().ShouldBe("bashar-al-assad");
        nodes[0]["count"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Actor_relationships_respect_direction()
    {
        var data = await DataAsync("""
            { actor(id: "RUS") {
                out: relationships(direction: OUTGOING) { totalCount edges { node { target { id } type count } } }
                in: relationships(direction: INCOMING) { totalCount edges { node { source { id } type } } }
                all: relationships { totalCount } } }
            """);

        var actor = data["actor"]!;
        actor["out"]!["totalCount"]!.GetValue<int>().ShouldBe(2);
        actor["out"]!["edges"]![0]!["node"]!["type"]!.GetValue<string>().ShouldBe("SUPPORT");
        actor["out"]!["edges"]![0]!["node"]!["count"]!.GetValue<int>().ShouldBe(2);
        actor["in"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
        actor["in"]!["edges"]!.AsArray().Select(e => e!["node"]!["source"]!["id"]!.GetValue<string>()).ShouldBe(["USA", "USA", "john-kerry"], ignoreOrder: true);
        actor["all"]!["totalCount"]!.GetValue<int>().ShouldBe(5);
    }

    [Fact]
    public async Task Path_finds_the_shortest_chain_in_either_direction()
    {
        var data = await DataAsync("""{ path(from: "Putin", to: "United States") { length nodes { id } edges { source { id } target { id } type } } }""");

        var paths = data["path"]!.AsArray();
        paths.Count.ShouldBe(1);
        paths[0]!["length"]!.GetValue<int>().ShouldBe(2);
        Strings(new JsonArray([.. paths[0]!["nodes"]!.AsArray().Select(n => (JsonNode?)JsonValue.Create(n!["id"]!.GetValue<string>()))])).ShouldBe(["vladimir-putin", "bashar-al-assad", "USA"]);
        paths[0]!["edges"]![0]!["type"]!.GetValue<string>().ShouldBe("SUPPORT");
        paths[0]!["edges"]![1]!["source"]!["id"]!.GetValue<string>().ShouldBe("USA");
        paths[0]!["edges"]![1]!["type"]!.GetValue<string>().ShouldBe("ACCUSE");
    }

    [Fact]
    public async Task Path_beyond_max_hops_is_empty()
    {
        var data = await DataAsync("""{ path(from: "Putin", to: "Isis", maxHops: 2) { length } }""");

        data["path"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Neighborhood_returns_nodes_and_the_edges_among_them()
    {
        var data = await DataAsync("""{ neighborhood(actor: "Russia") { center { id } nodes { id } edges { source { id } target { id } type count } } }""");

        var hood = data["neighborhood"]!;
        hood["center"]!["id"]!.GetValue<string>().ShouldBe("RUS");
        hood["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe(["RUS", "USA", "bashar-al-assad", "isis", "john-kerry"]);
        hood["edges"]!.AsArray().Select(e => $"{e!["source"]!["id"]} {e["type"]} {e["target"]!["id"]}")
            .ShouldBe(["RUS SUPPORT bashar-al-assad", "RUS ASSAULT isis", "USA ACCUSE RUS", "USA ACCUSE bashar-al-assad", "USA CONSULT RUS", "john-kerry REQUEST RUS"], ignoreOrder: true);
    }

    [Fact]
    public async Task Neighborhood_limit_keeps_the_best_connected()
    {
        var data = await DataAsync("""{ neighborhood(actor: "Russia", limit: 2) { nodes { id } edges { type } } }""");

        data["neighborhood"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe(["RUS", "USA"]);
        data["neighborhood"]!["edges"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["ACCUSE", "CONSULT"], ignoreOrder: true);
    }

    [Fact]
    public async Task Articles_and_article_with_its_actors_relationships_and_evidence()
    {
        var data = await DataAsync("""
            { articles(first: 1) { totalCount pageInfo { hasNextPage } edges { node { id title publishedAt } } }
              article(id: "us-talks") { id title url source extractorVersion actors { id } relationships { type count } evidence { sentence start end type } } }
            """);

        data["articles"]!["totalCount"]!.GetValue<int>().ShouldBe(2);
        data["articles"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
        data["articles"]!["edges"]![0]!["node"]!["id"]!.GetValue<string>().ShouldBe("us-talks");
        DateTimeOffset.Parse(data["articles"]!["edges"]![0]!["node"]!["publishedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(new DateTimeOffset(2015, 11, 15, 8, 0, 0, TimeSpan.Zero));
        var article = data["article"]!;
        article["url"]!.GetValue<string>().ShouldBe("https://example.org/us-talks");
        article["source"]!.GetValue<string>().ShouldBe("test");
        article["extractorVersion"]!.GetValue<string>().ShouldBe(Seed.Version);
        article["actors"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldBe(["USA", "RUS", "bashar-al-assad", "john-kerry"]);
        article["relationships"]!.AsArray().Count.ShouldBe(4);
        var evidence = article["evidence"]!.AsArray();
        evidence.Count.ShouldBe(4);
        evidence[0]!["sentence"]!.GetValue<string>().ShouldBe("The US will hold talks with Russia.");
        evidence[0]!["start"]!.GetValue<int>().ShouldBe(0);
        evidence[0]!["end"]!.GetValue<int>().ShouldBe(35);
    }

    [Fact]
    public async Task Unknown_article_is_null()
    {
        var data = await DataAsync("""{ article(id: "nope") { id } }""");

        data["article"].ShouldBeNull();
    }

    [Fact]
    public async Task Stats_count_what_is_stored()
    {
        var data = await DataAsync("{ stats { articles actors relationships evidence } }");

        data["stats"]!["articles"]!.GetValue<int>().ShouldBe(2);
        data["stats"]!["actors"]!.GetValue<int>().ShouldBe(7);
        data["stats"]!["evidence"]!.GetValue<int>().ShouldBe(9);
        data["stats"]!["relationships"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task Articles_filter_by_title_and_date()
    {
        var data = await DataAsync("""{ talks: articles(search: "talks") { totalCount edges { node { id } } } late: articles(since: "2015-10-01") { totalCount edges { node { id } } } early: articles(until: "2015-10-01") { edges { node { id } } } }""");

        data["talks"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        data["talks"]!["edges"]![0]!["node"]!["id"]!.GetValue<string>().ShouldBe("us-talks");
        data["late"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ShouldBe(["us-talks"]);
        data["early"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ShouldBe(["russia-airstrikes"]);
    }

    [Fact]
    public async Task Listed_articles_have_a_headline_a_snippet_around_the_search_word_and_their_text()
    {
        var data = await DataAsync("""{ articles(search: "jets") { edges { node { headline snippet(search: "jets", length: 40) text } } } }""");

        var node = data["articles"]!["edges"]![0]!["node"]!;
        node["headline"]!.GetValue<string>().ShouldBe("Russia launches airstrikes in Syria");
        node["snippet"]!.GetValue<string>().ShouldStartWith("…Russian jets struck");
        node["text"]!.GetValue<string>().ShouldBe(Seed.Airstrikes.Text);
    }

    [Fact]
    public async Task Stance_timeline_weeks_start_on_monday_and_since_narrows_the_stance()
    {
        var data = await DataAsync("""{ stanceTimeline(from: "RUS", to: "Assad", bucket: WEEK) { start } stance(from: "RUS", to: "Assad", since: "2015-11-01") { evidenceCount firstSeen } }""");

        // 2015-09-30 was a Wednesday, 2015-11-15 a Sunday.
        data["stanceTimeline"]!.AsArray().Select(p => p!["start"]!.GetValue<string>()).ShouldBe(["2015-09-28", "2015-11-09"]);
        data["stance"]!["evidenceCount"]!.GetValue<int>().ShouldBe(1);
        data["stance"]!["firstSeen"]!.GetValue<string>().ShouldBe("2015-11-15");
    }

    [Fact]
    public async Task Malformed_dates_are_refused_before_execution()
    {
        var response = await Api.PostAsync("""{ stance(from: "RUS", to: "Assad", since: "2015-13-45") { score } }""", accept: "application/graphql-response+json");

        response.Status.ShouldBe(400);
        response.FirstErrorMessage!.ShouldContain("since");
    }
}
