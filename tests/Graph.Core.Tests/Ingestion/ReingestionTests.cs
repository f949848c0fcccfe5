using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;

namespace Graph.Core.Tests.Ingestion;

/// <summary>Re-extraction of stored articles through the one use case: which ones, and what it reports.</summary>
public sealed class ReingestionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IngestItem Ok(string id, string text, string? source = null) => IngestItem.Ok(id, new Article(id, text, Source: source));

    [Fact]
    public async Task Only_articles_the_store_holds_as_extracted_by_another_version_are_re_extracted_unless_all_are_asked_for()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor("v1"));
        await host.IngestAsync(Ok("old", "Russia supports Syria.", "guardian"));
        var v2 = new ArticleIngestion(new SentenceExtractor("v2"), host.Store, host.Get<IArticleClaims>(), host.Log, new IngestionOptions(), TimeProvider.System);
        await v2.RunAsync(new IngestRequest("test", "ingest"), GraphHost.Items(Ok("new", "Turkey condemns Russia.", "guardian")), ct: Ct);
        var reingestion = new Reingestion(v2, host.Store);

        var stale = await reingestion.RunAsync(new ReingestRequest(), ct: Ct);
        var current = await reingestion.RunAsync(new ReingestRequest(), ct: Ct);
        var all = await reingestion.RunAsync(new ReingestRequest(Source: "GUARDIAN", All: true), ct: Ct);
        var otherSource = await reingestion.RunAsync(new ReingestRequest(Source: "bbc", All: true), ct: Ct);

        (stale.Considered, stale.Summary.Extracted, stale.Summary.Updated).ShouldBe((1, 1, 1));
        (current.Considered, current.Summary.Extracted).ShouldBe((0, 0));
        (all.Considered, all.Summary.Extracted, all.Pairs.Count).ShouldBe((2, 2, 0));
        otherSource.Considered.ShouldBe(0);
        (await host.Store.GetArticleAsync("old", Ct))!.ExtractorVersion.ShouldBe("v2");
        (await host.Log.GetRunsAsync(10, ct: Ct)).Count(r => r.Kind == "reingest").ShouldBe(4, "every re-extraction is a recorded run");
    }

    [Fact]
    public async Task What_changed_is_reported_per_actor_pair_and_missing_articles_are_named()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor("v1"));
        await host.IngestAsync(Ok("a", "Russia supports Syria. Turkey condemns Russia."));
        var edited = new SentenceExtractor("v2", new Dictionary<string, RelationType> { ["condemns"] = RelationType.Accuse, ["supports"] = RelationType.Aid });
        var reingestion = new Reingestion(new ArticleIngestion(edited, host.Store, host.Get<IArticleClaims>(), host.Log, new IngestionOptions(), TimeProvider.System), host.Store);

        var report = await reingestion.RunAsync(new ReingestRequest(ArticleIds: ["a", "gone"]), ct: Ct);

        report.Missing.ShouldBe(["gone"]);
        report.Pairs.ShouldBe([new PairChange("RUS", "SYR", 1, 0, 1)]);
    }

    [Fact]
    public void Evidence_is_compared_by_what_it_says_where_per_actor_pair()
    {
        static Evidence E(string s, string t, int start, int polarity) =>
            new($"{s}{t}{start}", "a", s, t, RelationType.Accuse, polarity, -2, 0.8, Modality.Asserted, "x", start, start + 5, null, null, null, null, null, "v1");
        Evidence[] before = [E("RUS", "TUR", 0, -1), E("RUS", "TUR", 10, -1), E("IRN", "TUR", 20, -1)];
        Evidence[] after = [E("RUS", "TUR", 0, 1), E("RUS", "TUR", 30, -1), E("USA", "SYR", 40, -1)];

        var changes = EvidenceDiff.Between(before, after).OrderBy(c => c.Source, StringComparer.Ordinal).ToList();

        changes.ShouldBe([
            new PairChange("IRN", "TUR", 0, 0, 1),
            new PairChange("RUS", "TUR", 1, 1, 1),
            new PairChange("USA", "SYR", 1, 0, 0),
        ]);
    }
}
