using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Api.Tests;

/// <summary>
/// Stances with affiliates where an affiliation covers only part of what the affiliate said: Kerry speaks for the US
/// from 2013-02-01 until 2017-01-20, so his 2015 request counts, his 2018 one does not, and an undated one does.
/// </summary>
public sealed class AffiliateStanceTests : IAsyncLifetime
{
    private ApiHost? _api;

    private ApiHost Api => _api!;

    public async ValueTask InitializeAsync() => _api = await ApiHost.StartAsync(async store =>
    {
        await Seed.IntoAsync(store);
        await SaveAsync(store, "kerry-2018", "Kerry asked Moscow to leave.", new DateTimeOffset(2018, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await SaveAsync(store, "kerry-undated", "Kerry asked Moscow to talk.", null);
    });

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    private static Task<SaveResult> SaveAsync(IGraphStore store, string id, string sentence, DateTimeOffset? published)
    {
        var article = new Article(id, sentence, id, PublishedAt: published);
        var relation = new Relation("john-kerry", "RUS", RelationType.Request, 1, 1.0, 0.5, sentence, 0, sentence.Length, Modality.Asserted);
        return store.SaveArticleAsync(article, new ArticleExtraction(ArticleInfo.From(article), [Seed.Kerry, Seed.Russia], [relation]), Seed.Version);
    }

    [Fact]
    public async Task Only_what_an_affiliate_said_while_affiliated_counts_undated_evidence_included()
    {
        var response = await Api.PostAsync("""
            { with: stance(from: "USA", to: "RUS", includeAffiliates: true) { evidenceCount counts { type count } firstSeen lastSeen evidence(first: 10) { sentence } }
              without: stance(from: "USA", to: "RUS") { evidenceCount }
              timeline: stanceTimeline(from: "USA", to: "RUS", includeAffiliates: true, bucket: MONTH) { start evidenceCount } }
            """);

        response.Errors.ShouldBeNull();
        var with = response.Data["with"]!;
        // The US's ACCUSE and future CONSULT, Kerry's 2015 request and his undated one; not his 2018 request.
        with["evidenceCount"]!.GetValue<int>().ShouldBe(4);
        response.Data["without"]!["evidenceCount"]!.GetValue<int>().ShouldBe(2);
        with["counts"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "REQUEST")!["count"]!.GetValue<int>().ShouldBe(2);
        with["lastSeen"]!.GetValue<string>().ShouldBe("2015-11-20");
        var sentences = with["evidence"]!.AsArray().Select(e => e!["sentence"]!.GetValue<string>()).ToList();
        sentences.ShouldContain("Kerry asked Moscow to talk.");
        sentences.ShouldContain("Kerry asked Russia to help.");
        sentences.ShouldNotContain("Kerry asked Moscow to leave.");
        sentences.Count.ShouldBe(4);
        response.Data["timeline"]!.AsArray().Select(p => p!["start"]!.GetValue<string>()).ShouldBe(["2015-09-01", "2015-11-01"]);
    }
}
