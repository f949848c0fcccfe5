using System.Text.Json.Nodes;
using Graph.Core.Corrections;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests;

/// <summary>
/// The corrections mutations over a real host on loopback and a real embedded store: behind an API key, recorded with
/// the key's name, applied to what queries answer, and holding through re-ingestion until undone.
/// </summary>
public sealed class CorrectionMutationTests : IAsyncLifetime
{
    private const string AliceKey = "alice-key-0123456789abcdef";
    private const string DefaultKey = "default-key-0123456789abcdef";

    private const string Evidence = """
        { relationships(where: { source: "Russia", target: "Syria" }) { edges { node { type count evidence(first: 5) { id sentence article { id } } } } } }
        """;

    private readonly TempDir _log = new();
    private ApiHost _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Graph:Api:ApiKey"] = DefaultKey, ["Graph:Api:ApiKeys:alice"] = AliceKey },
            services: s => s
                .AddSingleton<IExtractor>(new SentenceExtractor("v1"))
                .AddSingleton(TimeProvider.System)
                .AddSingleton(new SqliteIngestLog(new SqliteStoreOptions { DataDirectory = _log.Path }, TimeProvider.System))
                .AddSingleton<IIngestLog>(sp => sp.GetRequiredService<SqliteIngestLog>())
                .AddSingleton<IArticleClaims>(sp => sp.GetRequiredService<SqliteIngestLog>())
                .AddSingleton<ICorrectionLog>(sp => (ICorrectionLog)sp.GetRequiredService<IGraphStore>())
                .AddSingleton(new IngestionOptions())
                .AddSingleton<ArticleIngestion>()
                .AddSingleton<Reingestion>()
                .AddSingleton<Corrector>());
        foreach (var (id, text) in new[] { ("a", "Russia supports Syria. Turkey condemns Russia."), ("b", "Russia supports Syria. Russia attacks Turkey.") })
        {
            var ingested = await _api.PostAsync(
                "mutation($id: ID!, $text: String!) { ingestArticle(input: { id: $id, text: $text }) { outcome } }", new { id, text }, headers: Key(DefaultKey));
            ingested.Errors.ShouldBeNull(ingested.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _log.Dispose();
    }

    [Theory]
    [InlineData("""mutation { retractEvidence(articleId: "a", evidenceId: "x", reason: "r") { id } }""")]
    [InlineData("""mutation { restoreEvidence(evidenceId: "x") { id } }""")]
    [InlineData("""mutation { mergeActors(actor: "Turkey", into: "Syria", reason: "r") { id } }""")]
    [InlineData("""mutation { splitAlias(actor: "Turkey", alias: "Ankara", reason: "r") { id } }""")]
    [InlineData("""mutation { renameActor(actor: "Turkey", name: "Türkiye", reason: "r") { id } }""")]
    [InlineData("""mutation { undoCorrection(id: "x") { id } }""")]
    public async Task Corrections_without_a_key_are_refused_and_change_nothing(string mutation)
    {
        var without = await _api.PostAsync(mutation);
        var wrong = await _api.PostAsync(mutation, headers: Key("not-a-key-0123456789abcdef"));

        without.FirstErrorCode.ShouldBe("UNAUTHENTICATED");
        wrong.FirstErrorCode.ShouldBe("UNAUTHENTICATED");
        (await CorrectionsAsync()).ShouldBeEmpty();
        (await _api.PostAsync("""{ actor(id: "TUR") { name } }""")).Data["actor"]!["name"]!.GetValue<string>().ShouldBe("Turkey");
    }

    [Fact]
    public async Task A_retraction_is_recorded_with_the_keys_name_leaves_the_answers_holds_through_reingest_and_undo_brings_it_back()
    {
        var before = await SupportAsync();
        before["count"]!.GetValue<int>().ShouldBe(2);
        var wrong = before["evidence"]!.AsArray().First(e => e!["article"]!["id"]!.GetValue<string>() == "a")!;

        var retracted = await _api.PostAsync(
            "mutation($evidenceId: ID!) { retractEvidence(articleId: \"a\", evidenceId: $evidenceId, reason: \"sarcasm\") { id kind by reason active evidenceId articleId detail } }",
            new { evidenceId = wrong["id"]!.GetValue<string>() }, headers: Key(AliceKey));

        retracted.Errors.ShouldBeNull(retracted.ToString());
        var correction = retracted.Data["retractEvidence"]!;
        (correction["kind"]!.GetValue<string>(), correction["by"]!.GetValue<string>(), correction["reason"]!.GetValue<string>(), correction["active"]!.GetValue<bool>())
            .ShouldBe(("RETRACT", "alice", "sarcasm", true));
        correction["detail"]!.GetValue<string>().ShouldContain("Russia supports Syria.");
        (await SupportAsync())["count"]!.GetValue<int>().ShouldBe(1);

        await _api.Services.GetRequiredService<Reingestion>().RunAsync(new ReingestRequest(All: true), ct: Ct);
        (await SupportAsync())["count"]!.GetValue<int>().ShouldBe(1, "still retracted after reingest --all");

        var undone = await _api.PostAsync(
            "mutation($id: ID!) { undoCorrection(id: $id) { id active undoneBy undoneAt } }", new { id = correction["id"]!.GetValue<string>() }, headers: Key(DefaultKey));

        undone.Errors.ShouldBeNull(undone.ToString());
        undone.Data["undoCorrection"]!["active"]!.GetValue<bool>().ShouldBeFalse();
        undone.Data["undoCorrection"]!["undoneBy"]!.GetValue<string>().ShouldBe("default");
        (await SupportAsync())["count"]!.GetValue<int>().ShouldBe(2);
        var listed = (await CorrectionsAsync()).ShouldHaveSingleItem()!;
        listed["active"]!.GetValue<bool>().ShouldBeFalse();
        (await _api.PostAsync("{ corrections(active: true) { id } }")).Data["corrections"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Merge_rename_and_split_answer_with_the_correction_and_the_graph_shows_them()
    {
        var merged = await _api.PostAsync(
            """mutation { mergeActors(actor: "Turkey", into: "Syria", reason: "same side here") { kind actorId intoId into { name } } }""", headers: Key(AliceKey));
        merged.Errors.ShouldBeNull(merged.ToString());
        merged.Data["mergeActors"]!["into"]!["name"]!.GetValue<string>().ShouldBe("Syria");
        (await _api.PostAsync("""{ actor(id: "TUR") { id } }""")).Data["actor"].ShouldBeNull();
        (await _api.PostAsync("""{ actor(name: "Turkey") { id } }""")).Data["actor"]!["id"]!.GetValue<string>().ShouldBe("SYR");

        var renamed = await _api.PostAsync("""mutation { renameActor(actor: "RUS", name: "Russian Federation", reason: "style") { previousName name } }""", headers: Key(AliceKey));
        renamed.Errors.ShouldBeNull(renamed.ToString());
        renamed.Data["renameActor"]!["previousName"]!.GetValue<string>().ShouldBe("Russia");
        (await _api.PostAsync("""{ actor(id: "RUS") { name } }""")).Data["actor"]!["name"]!.GetValue<string>().ShouldBe("Russian Federation");

        var refused = await _api.PostAsync("""mutation { splitAlias(actor: "RUS", alias: "Atlantis", reason: "r") { id } }""", headers: Key(AliceKey));
        refused.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        refused.FirstErrorMessage!.ShouldContain("has no alias 'Atlantis'");

        (await CorrectionsAsync()).Select(c => c!["kind"]!.GetValue<string>()).ShouldBe(["RENAME", "MERGE"], "newest first");
    }

    [Fact]
    public async Task A_correction_without_a_reason_is_refused()
    {
        var response = await _api.PostAsync("""mutation { renameActor(actor: "RUS", name: "Rus", reason: " ") { id } }""", headers: Key(AliceKey));

        response.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        (await CorrectionsAsync()).ShouldBeEmpty();
    }

    private static Dictionary<string, string> Key(string key) => new() { ["X-Api-Key"] = key };

    private async Task<JsonNode> SupportAsync()
    {
        var response = await _api.PostAsync(Evidence);
        response.Errors.ShouldBeNull(response.ToString());
        return response.Data["relationships"]!["edges"]!.AsArray().Select(e => e!["node"]!).First(n => n["type"]!.GetValue<string>() == "SUPPORT");
    }

    private async Task<JsonArray> CorrectionsAsync()
    {
        var response = await _api.PostAsync("{ corrections { id kind active by } }");
        response.Errors.ShouldBeNull(response.ToString());
        return response.Data["corrections"]!.AsArray();
    }
}
