using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests;

/// <summary>
/// A host with the seeded data, an API key and the real ingestion use cases (with their log and claims beside the store)
/// over a tiny rule-based extractor.
/// </summary>
public sealed class IngestingApiFixture : IAsyncLifetime
{
    public const string ApiKey = "mutation-key-0123456789";

    private readonly TempDir _log = new();

    public ApiHost Host { get; private set; } = null!;

    public IIngestLog Log => Host.Services.GetRequiredService<IIngestLog>();

    public async ValueTask InitializeAsync() => Host = await ApiHost.StartAsync(
        Seed.IntoAsync,
        new Dictionary<string, string?> { ["Graph:Api:ApiKey"] = ApiKey },
        services: s => s
            .AddSingleton<IExtractor, TinyExtractor>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new SqliteIngestLog(new SqliteStoreOptions { DataDirectory = _log.Path }, TimeProvider.System))
            .AddSingleton<IIngestLog>(sp => sp.GetRequiredService<SqliteIngestLog>())
            .AddSingleton<IArticleClaims>(sp => sp.GetRequiredService<SqliteIngestLog>())
            .AddSingleton(new IngestionOptions())
            .AddSingleton<ArticleIngestion>()
            .AddSingleton<Reingestion>());

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _log.Dispose();
    }

    /// <summary>Reads "X supports Y." sentences between the seeded countries: just enough to ingest something real.</summary>
    private sealed class TinyExtractor : IExtractor
    {
        private static readonly Actor[] Known = [Seed.Russia, Seed.Syria, Seed.Usa];

        public string Version => "tiny-1";

        public ArticleExtraction Extract(Article article)
        {
            var relations = new List<Relation>();
            int start = 0;
            foreach (var sentence in article.Text.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                var words = sentence.Trim().Split(' ');
                if (words is [var source, "supports", var target]
                    && Known.FirstOrDefault(a => a.Name == source) is { } s && Known.FirstOrDefault(a => a.Name == target) is { } t)
                {
                    int at = article.Text.IndexOf(sentence.Trim(), start, StringComparison.Ordinal);
                    relations.Add(new Relation(s.Id, t.Id, RelationType.Support, 1, 5.0, 0.9, sentence.Trim() + ".", at, at + sentence.Trim().Length + 1, Modality.Asserted));
                }

                start += sentence.Length + 1;
            }

            var ids = relations.SelectMany(r => new[] { r.Source, r.Target }).ToHashSet();
            return new ArticleExtraction(ArticleInfo.From(article), [.. Known.Where(a => ids.Contains(a.Id))], relations);
        }
    }
}

public sealed class MutationTests(IngestingApiFixture fixture) : IClassFixture<IngestingApiFixture>
{
    private const string Ingest = """
        mutation($input: ArticleInput!, $force: Boolean) {
          ingestArticle(input: $input, force: $force) { articleId outcome actors relations removedRelations } }
        """;

    private ApiHost Api => fixture.Host;

    private static Dictionary<string, string> Key(string key) => new() { ["X-Api-Key"] = key };

    private static object Input(string id, string text) => new { input = new { id, text, title = "Test " + id, publishedAt = "2016-01-02T03:04:05Z" } };

    private async Task<bool> ArticleExistsAsync(string id) =>
        (await Api.PostAsync("query($id: ID!) { article(id: $id) { id } }", new { id })).Data["article"] is not null;

    [Fact]
    public async Task Ingest_with_the_key_stores_the_article_skips_it_when_unchanged_and_updates_it_when_changed()
    {
        var first = await Api.PostAsync(Ingest, Input("m-1", "Russia supports Syria. Nothing else."), headers: Key(IngestingApiFixture.ApiKey));
        var again = await Api.PostAsync(Ingest, Input("m-1", "Russia supports Syria. Nothing else."), headers: Key(IngestingApiFixture.ApiKey));
        var changed = await Api.PostAsync(Ingest, Input("m-1", "Russia supports Syria. Syria supports Russia."), headers: new Dictionary<string, string> { ["Authorization"] = "Bearer " + IngestingApiFixture.ApiKey });

        first.Errors.ShouldBeNull(first.ToString());
        first.Data["ingestArticle"]!["outcome"]!.GetValue<string>().ShouldBe("ADDED");
        first.Data["ingestArticle"]!["relations"]!.GetValue<int>().ShouldBe(1);
        again.Data["ingestArticle"]!["outcome"]!.GetValue<string>().ShouldBe("UNCHANGED");
        changed.Errors.ShouldBeNull(changed.ToString());
        changed.Data["ingestArticle"]!["outcome"]!.GetValue<string>().ShouldBe("UPDATED");
        changed.Data["ingestArticle"]!["relations"]!.GetValue<int>().ShouldBe(2);

        var stored = await Api.PostAsync("""{ article(id: "m-1") { title evidence { sentence source { id } target { id } type } } }""");
        stored.Data["article"]!["evidence"]![0]!["sentence"]!.GetValue<string>().ShouldBe("Russia supports Syria.");
        stored.Data["article"]!["evidence"]![0]!["target"]!["id"]!.GetValue<string>().ShouldBe("SYR");
        stored.Data["article"]!["evidence"]![1]!["sentence"]!.GetValue<string>().ShouldBe("Syria supports Russia.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    [InlineData("")]
    public async Task Without_the_right_key_mutations_are_unauthenticated_and_change_nothing(string? key)
    {
        var headers = key is null ? null : Key(key);

        var response = await Api.PostAsync(Ingest, Input("m-denied", "Russia supports Syria."), headers: headers);

        response.Status.ShouldBe(200);
        response.FirstErrorCode.ShouldBe("UNAUTHENTICATED");
        response.FirstErrorMessage.ShouldBe("Mutations need a valid API key in the X-Api-Key header or as Authorization: Bearer.");
        response.Json.AsObject().ContainsKey("data").ShouldBeFalse();
        (await ArticleExistsAsync("m-denied")).ShouldBeFalse();
    }

    [Fact]
    public async Task Unauthenticated_with_the_graphql_response_type_is_400()
    {
        var response = await Api.PostAsync("mutation { reingest(all: true) { id } }", accept: "application/graphql-response+json", headers: Key("nope-nope-nope-nope"));

        response.Status.ShouldBe(400);
        response.FirstErrorCode.ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Reingest_starts_a_run_answers_with_its_id_at_once_and_the_run_reads_stored_text_again()
    {
        var response = await Api.PostAsync(
            """mutation { reingest(articleIds: ["us-talks", "no-such-article"]) { id kind status } }""",
            headers: Key(IngestingApiFixture.ApiKey));

        response.Errors.ShouldBeNull(response.ToString());
        var started = response.Data["reingest"]!;
        started["kind"]!.GetValue<string>().ShouldBe("reingest");
        started["status"]!.GetValue<string>().ShouldBe("RUNNING");
        long id = long.Parse(started["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        IngestRun? run = null;
        while (DateTime.UtcNow < deadline && (run = (await fixture.Log.GetRunsAsync(20, ct: TestContext.Current.CancellationToken)).SingleOrDefault(r => r.Id == id)) is not { EndedAt: not null })
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        run.ShouldNotBeNull();
        (run.Kind, run.Read, run.Extracted, run.Updated, run.Failed, run.Interrupted).ShouldBe(("reingest", 1, 1, 1, 0, false));
        var listed = await Api.PostAsync("{ ingestRuns(first: 20) { id status kind } }");
        listed.Data["ingestRuns"]!.AsArray().ShouldContain(r => r!["id"]!.GetValue<string>() == started["id"]!.GetValue<string>() && r["status"]!.GetValue<string>() == "SUCCEEDED");
    }

    [Fact]
    public async Task Reingest_needs_ids_or_all_but_not_both()
    {
        var neither = await Api.PostAsync("mutation { reingest { id } }", headers: Key(IngestingApiFixture.ApiKey));
        var both = await Api.PostAsync("""mutation { reingest(articleIds: ["us-talks"], all: true) { id } }""", headers: Key(IngestingApiFixture.ApiKey));

        neither.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        both.FirstErrorMessage.ShouldBe("Give either `articleIds` or `all: true`.");
    }

    [Fact]
    public async Task Blank_article_text_is_refused()
    {
        var response = await Api.PostAsync(Ingest, Input("m-blank", "   "), headers: Key(IngestingApiFixture.ApiKey));

        response.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        (await ArticleExistsAsync("m-blank")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("m-bom", "\uFEFF", "the article has no text")]
    [InlineData("m-zero-width", "\u200B\u200D \u2060", "the article has no text")]
    [InlineData("m-nul", "Russia\u0000 supports Assad.", "the text contains a NUL character")]
    [InlineData("m-nul\u0000id", "Russia supports Assad.", "the id contains a NUL character")]
    [InlineData("", "Russia supports Assad.", "the id is blank")]
    [InlineData("   ", "Russia supports Assad.", "the id is blank")]
    public async Task Invisible_text_nul_characters_and_blank_ids_are_refused(string id, string text, string reason)
    {
        var response = await Api.PostAsync(Ingest, Input(id, text), headers: Key(IngestingApiFixture.ApiKey));

        response.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        response.FirstErrorMessage!.ShouldStartWith($"Refused: {reason}");
        if (id.StartsWith("m-", StringComparison.Ordinal) && !id.Contains('\0', StringComparison.Ordinal))
        {
            (await ArticleExistsAsync(id)).ShouldBeFalse();
        }
    }
}

public sealed class MutationConfigurationTests
{
    [Fact]
    public async Task Without_a_configured_key_every_mutation_is_refused()
    {
        await using var api = await ApiHost.StartAsync(Seed.IntoAsync);

        var response = await api.PostAsync("mutation { reingest(all: true) { id } }", headers: new Dictionary<string, string> { ["X-Api-Key"] = "anything-at-all-123" });

        response.FirstErrorCode.ShouldBe("UNAUTHENTICATED");
        response.FirstErrorMessage.ShouldBe("Mutations are disabled: no API key is configured on this server.");
    }

    [Fact]
    public async Task Without_an_ingestor_mutations_say_ingestion_is_unavailable()
    {
        await using var api = await ApiHost.StartAsync(Seed.IntoAsync, new Dictionary<string, string?> { ["Graph:Api:ApiKey"] = IngestingApiFixture.ApiKey });

        var response = await api.PostAsync("""mutation { ingestArticle(input: { id: "x", text: "Russia supports Syria." }) { outcome } }""", headers: new Dictionary<string, string> { ["X-Api-Key"] = IngestingApiFixture.ApiKey });

        response.FirstErrorCode.ShouldBe("UNAVAILABLE");
    }
}
