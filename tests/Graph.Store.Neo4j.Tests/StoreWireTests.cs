using System.Net;
using System.Reflection;
using Graph.Core.Domain;
using Graph.Core.Storage;
using Graph.Store.Neo4j.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Graph.Store.Neo4j.Tests;

public sealed class StoreWireTests
{
    private const string TxPath = "/db/neo4j/query/v2/tx/a4e0e2c6-3b1f-4c8e-8a53-1c9b0f4f2e77";
    private readonly FakeNeo4j _server = new() { Respond = r => Task.FromResult(ScriptedNeo4j.Answer(r)) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static (Article Article, ArticleExtraction Extraction) RussiaBacksAssad(string id = "russia-backs-assad")
    {
        const string text = "Russia pledged its full support for Bashar al-Assad. Moscow sent weapons to Damascus on 28 February.";
        var article = new Article(id, text, "Russia backs Assad", "https://example.org/russia-backs-assad", new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.Zero), "guardian");
        Actor[] actors =
        [
            new("RUS", "Russia", ActorKind.Country, ["Moscow"], [], new Dictionary<string, string> { ["iso3"] = "RUS" }),
            new("SYR", "Syria", ActorKind.Country, ["Damascus"], [], new Dictionary<string, string>()),
            new("bashar-al-assad", "Bashar al-Assad", ActorKind.Person, ["Assad"], [new Affiliation("SYR", "president", new DateOnly(2000, 7, 17))], new Dictionary<string, string>()),
        ];
        Relation[] relations =
        [
            new("RUS", "bashar-al-assad", RelationType.Support, 1, 5.0, 0.9, "Russia pledged its full support for Bashar al-Assad.", 0, 52, Modality.Asserted),
            new("RUS", "SYR", RelationType.Aid, 1, 10.0, 0.8, "Moscow sent weapons to Damascus on 28 February.", 53, 101, Modality.Asserted, EventDate: new DateOnly(2024, 2, 28)),
        ];
        return (article, new ArticleExtraction(ArticleInfo.From(article), actors, relations));
    }

    [Fact]
    public async Task Saving_an_article_is_one_transaction_nodes_before_relationships_then_one_commit()
    {
        var (article, extraction) = RussiaBacksAssad();
        var store = _server.Store();

        var saved = await store.SaveArticleAsync(article, extraction, "rules-1.0", Ct);

        saved.ShouldBe(new SaveResult(SaveOutcome.Added, 3, 2, 0));
        var requests = _server.Requests.SkipWhile(r => Cypher.Schema.Contains(r.Statement)).ToList();
        requests.Select(r => $"{r.Method} {r.Path}").ShouldBe([
            "POST /db/neo4j/query/v2/tx",
            .. Enumerable.Repeat($"POST {TxPath}", 8),
            $"POST {TxPath}/commit",
        ]);
        requests.Skip(1).Take(8).Select(r => r.Statement).ShouldBe([
            Cypher.ArticleState,
            Cypher.LockActors,
            Cypher.DeleteArticleEvidence,
            Cypher.MergeArticle,
            Cypher.MergeActors,
            Cypher.ReplaceAffiliations,
            Cypher.CreateEvidence,
            Cypher.RecomputeEdges,
        ]);
        requests.Skip(1).ShouldAllBe(r => r.Affinity == "server-7");
        requests[2].Parameters.GetProperty("ids").EnumerateArray().Select(i => i.GetString()).ShouldBe(["RUS", "SYR", "bashar-al-assad"], "ordinal order: one lock order for every writer");
    }

    [Fact]
    public async Task The_schema_is_set_up_once_with_named_idempotent_statements_before_the_first_query()
    {
        var store = _server.Store();

        await store.GetStatsAsync(Ct);
        await store.GetStatsAsync(Ct);

        _server.Statements.ShouldBe([.. Cypher.Schema, Cypher.Stats, Cypher.Stats]);
        Cypher.Schema.ShouldAllBe(s => s.Contains(" IF NOT EXISTS "));
        Cypher.Schema.ShouldContain("CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE");
        Cypher.Schema.ShouldContain("CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE");
        Cypher.Schema.ShouldContain("CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (e:Evidence) REQUIRE e.id IS UNIQUE");
    }

    [Fact]
    public async Task The_written_rows_carry_the_values_of_the_article_in_parameters()
    {
        var (article, extraction) = RussiaBacksAssad();

        await _server.Store().SaveArticleAsync(article, extraction, "rules-1.0", Ct);

        var art = _server.Requests.Single(r => r.Statement == Cypher.MergeArticle).Parameters;
        art.GetProperty("publishedAt").GetString().ShouldBe("2024-03-01T09:30:00.0000000Z");
        art.GetProperty("publishedDay").GetString().ShouldBe("2024-03-01");
        art.GetProperty("props").GetProperty("contentHash").GetString().ShouldBe(article.ContentHash);
        var actors = _server.Requests.Single(r => r.Statement == Cypher.MergeActors).Parameters.GetProperty("rows");
        var russia = actors.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "RUS");
        russia.GetProperty("kind").GetString().ShouldBe("country");
        russia.GetProperty("props").GetProperty("code_iso3").GetString().ShouldBe("RUS");
        var evidence = _server.Requests.Single(r => r.Statement == Cypher.CreateEvidence).Parameters.GetProperty("rows");
        var aid = evidence.EnumerateArray().Single(e => e.GetProperty("target").GetString() == "SYR");
        aid.GetProperty("day").GetString().ShouldBe("2024-02-28");
        aid.GetProperty("props").GetProperty("type").GetString().ShouldBe("AID");
        var pairs = _server.Requests.Single(r => r.Statement == Cypher.RecomputeEdges).Parameters.GetProperty("pairs");
        pairs.EnumerateArray().Select(p => $"{p.GetProperty("source").GetString()} {p.GetProperty("edge").GetString()} {p.GetProperty("target").GetString()}")
            .ShouldBe(["RUS AIDS SYR", "RUS SUPPORTS bashar-al-assad"]);
    }

    [Fact]
    public async Task Unchanged_text_and_extractor_write_nothing()
    {
        var (article, extraction) = RussiaBacksAssad();
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.ArticleState
            ? Reply.Recorded("article-state-unchanged.json") with { Body = Reply.Recorded("article-state-unchanged.json").Body.Replace("HASH", article.ContentHash, StringComparison.Ordinal) }
            : ScriptedNeo4j.Answer(r));

        var saved = await _server.Store().SaveArticleAsync(article, extraction, "rules-1.0", Ct);

        saved.ShouldBe(new SaveResult(SaveOutcome.Unchanged, 0, 0, 0));
        _server.Statements.Except(Cypher.Schema).ShouldBe([Cypher.ArticleState]);
    }

    [Fact]
    public async Task A_failing_statement_rolls_the_article_back_and_never_commits()
    {
        var (article, extraction) = RussiaBacksAssad();
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.CreateEvidence ? Reply.Recorded("error-syntax.json") : ScriptedNeo4j.Answer(r));

        await Should.ThrowAsync<Neo4jClientException>(() => _server.Store().SaveArticleAsync(article, extraction, "rules-1.0", Ct));

        var calls = _server.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        calls.ShouldContain($"DELETE {TxPath}");
        calls.ShouldNotContain(c => c.EndsWith("/commit", StringComparison.Ordinal));
        calls.Count(c => c == "POST /db/neo4j/query/v2/tx").ShouldBe(1, "a client error is not retried");
    }

    [Fact]
    public async Task A_deadlock_midway_rolls_back_and_runs_the_whole_transaction_again()
    {
        var (article, extraction) = RussiaBacksAssad();
        int evidenceWrites = 0;
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.CreateEvidence && Interlocked.Increment(ref evidenceWrites) == 1
            ? Reply.Recorded("error-deadlock.json")
            : ScriptedNeo4j.Answer(r));

        var saved = await _server.Store().SaveArticleAsync(article, extraction, "rules-1.0", Ct);

        saved.Outcome.ShouldBe(SaveOutcome.Added);
        var calls = _server.Requests.Where(r => !Cypher.Schema.Contains(r.Statement)).Select(r => r.Statement ?? $"{r.Method} {r.Path}").ToList();
        calls.Count(c => c == "POST /db/neo4j/query/v2/tx").ShouldBe(2);
        calls.Count(c => c == $"DELETE {TxPath}").ShouldBe(1);
        calls.Count(c => c.EndsWith("/commit", StringComparison.Ordinal)).ShouldBe(1);
        calls.IndexOf($"DELETE {TxPath}").ShouldBeLessThan(calls.LastIndexOf("POST /db/neo4j/query/v2/tx"));
        calls.Count(c => c == Cypher.ArticleState).ShouldBe(2, "the retry starts again from the begin");
    }

    [Fact]
    public async Task A_transient_error_then_success_is_retried_and_the_answer_returned()
    {
        int calls = 0;
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.GetEvidence && Interlocked.Increment(ref calls) == 1
            ? new Reply(HttpStatusCode.ServiceUnavailable)
            : ScriptedNeo4j.Answer(r));

        var evidence = await _server.Store().GetEvidenceAsync(new EvidenceFilter(), Ct);

        evidence.Count.ShouldBe(2);
        _server.Statements.Count(s => s == Cypher.GetEvidence).ShouldBe(2);
    }

    [Fact]
    public async Task A_persistent_transient_error_fails_loudly_after_the_configured_retries()
    {
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.GetEvidence ? Reply.Recorded("error-database-unavailable.json", HttpStatusCode.ServiceUnavailable) : ScriptedNeo4j.Answer(r));
        var store = _server.Store(FakeNeo4j.Options(o => o.MaxRetryAttempts = 3));

        var e = await Should.ThrowAsync<Neo4jTransientException>(() => store.GetEvidenceAsync(new EvidenceFilter(), Ct));

        e.Code.ShouldBe("Neo.TransientError.General.DatabaseUnavailable");
        _server.Statements.Count(s => s == Cypher.GetEvidence).ShouldBe(4);
    }

    [Fact]
    public async Task A_server_that_hangs_times_out_each_attempt_and_then_gives_up()
    {
        _server.Respond = async r =>
        {
            if (r.Statement == Cypher.Stats)
            {
                await Task.Delay(Timeout.Infinite, r.Aborted);
            }

            return ScriptedNeo4j.Answer(r);
        };
        var store = _server.Store(FakeNeo4j.Options(o => (o.Timeout, o.MaxRetryAttempts) = (TimeSpan.FromMilliseconds(100), 2)));

        await Should.ThrowAsync<TimeoutRejectedException>(() => store.GetStatsAsync(Ct));

        _server.Statements.Count(s => s == Cypher.Stats).ShouldBe(3);
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_calls_fail_without_reaching_the_server()
    {
        _server.Respond = _ => Task.FromResult(new Reply(HttpStatusCode.ServiceUnavailable));
        var store = _server.Store(FakeNeo4j.Options(o => (o.MaxRetryAttempts, o.CircuitBreakerMinimumThroughput) = (0, 2)));

        await Should.ThrowAsync<Neo4jTransientException>(() => store.GetStatsAsync(Ct));
        await Should.ThrowAsync<Neo4jTransientException>(() => store.GetStatsAsync(Ct));
        await Should.ThrowAsync<BrokenCircuitException>(() => store.GetStatsAsync(Ct));

        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Evidence_rows_read_back_exactly_and_the_filter_travels_as_parameters()
    {
        var store = _server.Store();

        var evidence = await store.GetEvidenceAsync(new EvidenceFilter
        {
            SourceIds = ["USA", "USA", "RUS"],
            Types = [RelationType.Accuse, RelationType.Aid],
            Modalities = [Modality.Reported],
            Since = new DateOnly(2024, 1, 1),
            MinConfidence = 0.5,
        }, Ct);

        evidence[0].ShouldBe(new Evidence(
            "0f3c9a1d2b7e4c5a8d9e0f1a2b3c4d5e", "russia-backs-assad", "USA", "RUS", RelationType.Accuse, -1, -3.0, 0.7, Modality.Reported,
            "Washington accused Moscow of prolonging the war, an official said.", 95, 161, "State Department", null,
            new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.Zero), "Russia backs Assad", "https://example.org/russia-backs-assad", "rules-1.0"));
        evidence[1].EventDate.ShouldBe(new DateOnly(2024, 2, 28));
        evidence[1].PublishedAt.ShouldBe(new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.Zero).AddTicks(1234567));
        evidence[1].SaidBy.ShouldBeNull();
        evidence[1].ArticleUrl.ShouldBeNull();

        var p = _server.Requests.Single(r => r.Statement == Cypher.GetEvidenceFromSources);
        p.AccessMode.ShouldBe("Read");
        p.Parameters.GetProperty("sourceIds").EnumerateArray().Select(x => x.GetString()).ShouldBe(["USA", "RUS"]);
        p.Parameters.GetProperty("types").EnumerateArray().Select(x => x.GetString()).ShouldBe(["ACCUSE", "AID"]);
        p.Parameters.GetProperty("modalities").EnumerateArray().Select(x => x.GetString()).ShouldBe(["reported"]);
        p.Parameters.GetProperty("since").GetString().ShouldBe("2024-01-01");
        p.Parameters.GetProperty("until").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        p.Parameters.GetProperty("limit").GetInt32().ShouldBe(int.MaxValue);
    }

    [Fact]
    public async Task Evidence_pages_send_the_cursor_and_size_and_enter_through_the_actors_when_named()
    {
        _server.Respond = r => Task.FromResult(r.Statement is Cypher.GetEvidencePage or Cypher.GetEvidencePageOfActors
            ? Reply.Recorded("evidence-rows.json")
            : ScriptedNeo4j.Answer(r));
        var store = _server.Store();

        var first = await store.GetEvidencePageAsync(new EvidenceFilter(), null, 2, Ct);
        var next = await store.GetEvidencePageAsync(new EvidenceFilter { ActorIds = ["RUS"], Types = [RelationType.Aid] }, EvidenceKey.Of(first[^1]), 500, Ct);

        first[0].Id.ShouldBe("0f3c9a1d2b7e4c5a8d9e0f1a2b3c4d5e");
        next.Count.ShouldBe(first.Count);
        var start = _server.Requests.Single(r => r.Statement == Cypher.GetEvidencePage);
        start.AccessMode.ShouldBe("Read");
        start.Parameters.GetProperty("after").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        start.Parameters.GetProperty("first").GetInt32().ShouldBe(2);
        var after = _server.Requests.Single(r => r.Statement == Cypher.GetEvidencePageOfActors).Parameters;
        after.GetProperty("actorIds").EnumerateArray().Select(x => x.GetString()).ShouldBe(["RUS"]);
        after.GetProperty("types").EnumerateArray().Select(x => x.GetString()).ShouldBe(["AID"]);
        after.GetProperty("first").GetInt32().ShouldBe(500);
        var key = after.GetProperty("after");
        (key.GetProperty("source").GetString(), key.GetProperty("target").GetString(), key.GetProperty("type").GetString(), key.GetProperty("id").GetString())
            .ShouldBe((first[^1].Source, first[^1].Target, Values.TypeName(first[^1].Type), first[^1].Id));
        (await store.GetEvidencePageAsync(new EvidenceFilter(), null, 0, Ct)).ShouldBeEmpty();
        _server.Requests.Count(r => r.Statement is Cypher.GetEvidencePage or Cypher.GetEvidencePageOfActors).ShouldBe(2);
    }

    [Fact]
    public async Task Relationship_totals_read_back_and_the_filter_and_grouping_travel_as_parameters()
    {
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.GetTotalsFromSources
            ? Reply.Rows(["source", "target", "type", "day", "count", "confidenceSum", "weightedSum", "firstSeen", "lastSeen", "articles"],
                ["RUS", "SYR", "SUPPORT", "2019-03-14", 3, 2.25, 11.25, "2019-03-14", "2019-03-14", 2])
            : ScriptedNeo4j.Answer(r));
        var store = _server.Store();

        var totals = await store.GetRelationshipTotalsAsync(new EvidenceFilter { SourceIds = ["RUS", "RUS"], Since = new DateOnly(2019, 1, 1), Order = EvidenceOrder.Strongest }, perDay: true, Ct);

        totals.ShouldBe([new RelationshipTotal("RUS", "SYR", RelationType.Support, new DateOnly(2019, 3, 14), 3, 2.25, 11.25, new DateOnly(2019, 3, 14), new DateOnly(2019, 3, 14), 2)]);
        var p = _server.Requests.Single(r => r.Statement == Cypher.GetTotalsFromSources);
        p.AccessMode.ShouldBe("Read");
        p.Parameters.GetProperty("sourceIds").EnumerateArray().Select(x => x.GetString()).ShouldBe(["RUS"]);
        p.Parameters.GetProperty("since").GetString().ShouldBe("2019-01-01");
        p.Parameters.GetProperty("perDay").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Affiliates_are_found_by_the_affiliation_json_the_store_writes_and_strongest_order_travels()
    {
        var store = _server.Store();

        await store.GetAffiliatesAsync(["RUS", "RUS"], Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { SourceIds = ["RUS"], Order = EvidenceOrder.Strongest, Limit = 3 }, Ct);

        var affiliates = _server.Requests.Single(r => r.Statement == Cypher.GetAffiliates).Parameters;
        affiliates.GetProperty("ids").EnumerateArray().Select(x => x.GetString()).ShouldBe(["RUS"]);
        // Values.ActorProperties writes {"actorId":"RUS","role":...}: the needle must be found in it, and not in RUSGOV's.
        string needle = affiliates.GetProperty("needles")[0].GetString()!;
        Values.ActorProperties(Actor.Create("vladimir-putin", "Vladimir Putin", ActorKind.Person) with
        {
            Affiliations = [new Affiliation("RUS", "president", new DateOnly(2012, 5, 7))],
        }).ShouldContain(p => p.Key == "affiliations" && ((List<string>)p.Value!).Single().Contains(needle));
        needle.ShouldNotBe(Values.AffiliationNeedle("RUSGOV"));
        "{\"actorId\":\"RUSGOV\",\"role\":\"x\"}".ShouldNotContain(needle);
        _server.Requests.Single(r => r.Statement == Cypher.GetEvidenceFromSources).Parameters.GetProperty("strongest").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Strongest_evidence_of_many_relationships_is_one_statement_with_the_keys_and_the_filter_as_parameters()
    {
        var store = _server.Store();

        var none = await store.GetStrongestEvidenceAsync([], new EvidenceFilter(), 2, Ct);
        var rows = await store.GetStrongestEvidenceAsync(
            [new RelationshipKey("USA", "RUS", RelationType.Accuse), new RelationshipKey("USA", "RUS", RelationType.Accuse), new RelationshipKey("RUS", "SYR", RelationType.Aid)],
            new EvidenceFilter { SourceIds = ["ignored"], Modalities = [Modality.Reported], Since = new DateOnly(2024, 1, 1) }, 2, Ct);

        none.ShouldBeEmpty();
        rows.ShouldNotBeEmpty();
        var p = _server.Requests.Single(r => r.Statement == Cypher.GetStrongestEvidence).Parameters;
        p.GetProperty("keys").GetArrayLength().ShouldBe(2);
        p.GetProperty("keys")[0].GetProperty("type").GetString().ShouldBe("ACCUSE");
        p.GetProperty("per").GetInt32().ShouldBe(2);
        p.GetProperty("sourceIds").GetArrayLength().ShouldBe(0);
        p.GetProperty("modalities")[0].GetString().ShouldBe("reported");
        p.GetProperty("since").GetString().ShouldBe("2024-01-01");
    }

    [Fact]
    public async Task Evidence_is_read_from_the_index_the_filter_names_with_the_whole_filter_still_applied()
    {
        var store = _server.Store();

        await store.GetEvidenceAsync(new EvidenceFilter { ArticleId = "a", SourceIds = ["RUS"] }, Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["USA"] }, Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { TargetIds = ["USA"], ActorIds = ["SYR"] }, Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { ActorIds = ["SYR"], Types = [RelationType.Aid] }, Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { Types = [RelationType.Aid] }, Ct);

        _server.Statements.Except(Cypher.Schema).ShouldBe([
            Cypher.GetEvidenceOfArticle, Cypher.GetEvidenceFromSources, Cypher.GetEvidenceToTargets, Cypher.GetEvidenceOfActors, Cypher.GetEvidence,
        ]);
        string[] statements = [Cypher.GetEvidence, Cypher.GetEvidenceOfArticle, Cypher.GetEvidenceFromSources, Cypher.GetEvidenceToTargets, Cypher.GetEvidenceOfActors];
        statements.ShouldAllBe(s => s.Contains("AND (size($types) = 0 OR e.type IN $types)") && s.Contains("LIMIT $limit"));
    }

    [Fact]
    public async Task A_zero_limit_or_an_empty_id_list_asks_the_server_nothing()
    {
        var store = _server.Store();

        (await store.GetEvidenceAsync(new EvidenceFilter { Limit = 0 }, Ct)).ShouldBeEmpty();
        (await store.GetActorsAsync([], Ct)).ShouldBeEmpty();
        (await store.FindActorsByNameAsync("  ", Ct)).ShouldBeEmpty();

        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_actor_node_reads_back_with_aliases_affiliations_and_codes()
    {
        var actor = await _server.Store().GetActorAsync("bashar-al-assad", Ct);

        actor.ShouldNotBeNull();
        actor.Name.ShouldBe("Bashar al-Assad");
        actor.Kind.ShouldBe(ActorKind.Person);
        actor.Aliases.ShouldBe(["Assad", "President Assad"]);
        actor.Affiliations.ShouldBe([new Affiliation("SYR", "president", new DateOnly(2000, 7, 17))]);
        actor.Codes.ShouldBe(new Dictionary<string, string> { ["cameo"] = "SYRGOV" });
    }

    [Fact]
    public async Task User_text_only_ever_travels_as_a_parameter()
    {
        const string hostile = "x'}) MATCH (n) DETACH DELETE n //";
        var (article, extraction) = RussiaBacksAssad(hostile);
        var store = _server.Store();

        await store.SaveArticleAsync(article, extraction with { Actors = [.. extraction.Actors.Select(a => a with { Name = hostile })] }, "rules-1.0", Ct);
        await store.FindActorsByNameAsync(hostile, Ct);
        await store.SearchActorsAsync(new ActorSearch(hostile), Ct);
        await store.SearchArticlesAsync(new ArticleSearch(hostile), Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { ArticleId = hostile }, Ct);

        _server.Statements.ShouldAllBe(s => !s.Contains("DETACH DELETE n //"));
        _server.Statements.ShouldAllBe(s => AllStatements.Contains(s));
    }

    [Fact]
    public async Task Article_search_sends_each_word_folded_and_quoted_the_last_as_a_prefix_and_nothing_for_punctuation()
    {
        var store = _server.Store();

        await store.SearchArticlesAsync(new ArticleSearch("  Erdoğan \"NEAR( title:Damasc* "), Ct);
        await store.SearchArticlesAsync(new ArticleSearch("\"*()"), Ct);
        await store.SearchArticlesAsync(new ArticleSearch("   "), Ct);

        var searches = _server.Requests.Where(r => r.Statement is Cypher.SearchArticlesByWords or Cypher.SearchArticles).ToList();
        searches.Select(r => r.Statement).ShouldBe([Cypher.SearchArticlesByWords, Cypher.SearchArticles]);
        searches[0].Parameters.GetProperty("words").GetString().ShouldBe("+\"erdogan\" +\"near\" +\"title\" +damasc*");
        searches[1].Parameters.GetProperty("words").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Every_cypher_constant_is_sent_by_some_store_method_with_all_its_parameters()
    {
        var (article, extraction) = RussiaBacksAssad();
        var store = _server.Store();
        await store.SaveArticleAsync(article, extraction, "rules-1.0", Ct);
        await store.CheckAsync(article, "rules-1.0", skipDuplicateText: true, Ct);
        await store.GetStatsAsync(Ct);
        await store.GetActorAsync("RUS", Ct);
        await store.GetActorsAsync(["RUS", "SYR"], Ct);
        await store.FindActorsByNameAsync("Moscow", Ct);
        await store.SearchActorsAsync(new ActorSearch("mos", ActorKind.Country), Ct);
        await store.GetEvidenceAsync(new EvidenceFilter(), Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { ArticleId = article.Id }, Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { SourceIds = ["RUS"] }, Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { TargetIds = ["RUS"] }, Ct);
        await store.GetEvidenceAsync(new EvidenceFilter { ActorIds = ["RUS"] }, Ct);
        await store.GetRelationshipTotalsAsync(new EvidenceFilter(), ct: Ct);
        await store.GetRelationshipTotalsAsync(new EvidenceFilter { ArticleId = article.Id }, ct: Ct);
        await store.GetRelationshipTotalsAsync(new EvidenceFilter { SourceIds = ["RUS"] }, perDay: true, Ct);
        await store.GetRelationshipTotalsAsync(new EvidenceFilter { TargetIds = ["RUS"] }, ct: Ct);
        await store.GetRelationshipTotalsAsync(new EvidenceFilter { ActorIds = ["RUS"] }, ct: Ct);
        await store.GetAffiliatesAsync(["RUS"], Ct);
        await store.GetStrongestEvidenceAsync([new RelationshipKey("RUS", "SYR", RelationType.Aid)], new EvidenceFilter(), 2, Ct);
        await store.GetEvidencePageAsync(new EvidenceFilter(), null, 10, Ct);
        await store.GetEvidencePageAsync(new EvidenceFilter { ActorIds = ["RUS"] }, new EvidenceKey("RUS", "SYR", RelationType.Aid, "0f3c"), 10, Ct);
        await store.GetArticleAsync(article.Id, Ct);
        await store.SearchArticlesAsync(new ArticleSearch(), Ct);
        await store.SearchArticlesAsync(new ArticleSearch("damasc"), Ct);
        var log = new Neo4jIngestLog(store, TimeProvider.System);
        var run = new Graph.Core.Ingestion.IngestRun(await log.StartRunAsync("inbox", "scheduled", Ct), "inbox", "scheduled", DateTimeOffset.UtcNow, null, 1, 1, 0, 0, 1, 0, null);
        await log.UpdateRunAsync(run, Ct);
        await log.FinishRunAsync(run with { EndedAt = DateTimeOffset.UtcNow }, Ct);
        await log.AddDeadLetterAsync("inbox", "/srv/inbox/bad.txt", "not valid UTF-8", 1, Ct);
        await log.ResolveDeadLettersAsync(["/srv/inbox/bad.txt"], Ct);
        await log.DropDeadLettersAsync(new Graph.Core.Ingestion.DeadLetterQuery(Source: "inbox"), Ct);
        await log.GetDeadLettersAsync(new Graph.Core.Ingestion.DeadLetterQuery(), Ct);
        await log.TryClaimAsync(article.Id, TimeSpan.FromMinutes(5), Ct);
        await log.ReleaseAsync(article.Id, Ct);
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.OpenRuns ? Reply.Recorded("open-runs.json") : ScriptedNeo4j.Answer(r));
        await log.GetRunsAsync(5, null, Ct);

        _server.Statements.Distinct().Order().ShouldBe(AllStatements.Order());
        foreach (var request in _server.Requests.Where(r => r.Statement is not null))
        {
            foreach (string name in ScriptedNeo4j.ParameterNames(request.Statement!))
            {
                ScriptedNeo4j.Has(request.Parameters, name).ShouldBeTrue($"${name} is not sent with: {request.Statement}");
            }
        }
    }

    [Fact]
    public void No_statement_is_a_format_string_and_every_edge_type_and_kind_label_is_written_out()
    {
        AllStatements.ShouldAllBe(s => !s.Contains("{0}") && !s.Contains("{1}"));
        foreach (string edge in GraphModel.EdgeTypes.Values)
        {
            Cypher.RecomputeEdges.ShouldContain($"WHEN p.edge = '{edge}' THEN [1] ELSE [] END | CREATE (s)-[r:{edge}]->(t) SET r = props)");
            Cypher.Stats.ShouldContain(edge);
        }

        foreach (var (kind, label) in GraphModel.KindLabels)
        {
            Cypher.MergeActors.ShouldContain($"WHEN row.kind = '{Values.KindName(kind)}' THEN [1] ELSE [] END | SET a:{label})");
        }

        GraphModel.EdgeTypes.Count.ShouldBe(Enum.GetValues<RelationType>().Length);
        GraphModel.EdgeTypes.Values.Distinct().Count().ShouldBe(16);
        GraphModel.EdgeTypes[RelationType.Support].ShouldBe("SUPPORTS");
        GraphModel.EdgeTypes[RelationType.Assault].ShouldBe("ASSAULTS");
    }

    /// <summary>Every statement in <see cref="Cypher"/>: its string constants and the schema list.</summary>
    private static IReadOnlyList<string> AllStatements =>
    [
        .. typeof(Cypher).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!),
        .. Cypher.Schema,
    ];
}
