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

    [Fact]
    public async Task Affiliations_back_to_back_count_as_one_window_and_a_gap_between_two_is_left_out()
    {
        var pompeo = Actor.Create("mike-pompeo", "Mike Pompeo", ActorKind.Person) with
        {
            Affiliations = [new Affiliation("USA", "CIA director", new DateOnly(2017, 1, 23), new DateOnly(2018, 4, 26)), new Affiliation("USA", "secretary of state", new DateOnly(2018, 4, 26), new DateOnly(2021, 1, 20))],
        };
        var envoy = Actor.Create("envoy", "The Envoy", ActorKind.Person) with
        {
            Affiliations = [new Affiliation("USA", "envoy", new DateOnly(2010, 1, 1), new DateOnly(2012, 1, 1)), new Affiliation("USA", "envoy", new DateOnly(2014, 1, 1), new DateOnly(2016, 1, 1))],
        };
        await using var api = await ApiHost.StartAsync(async store =>
        {
            foreach (var (actor, year) in new[] { (pompeo, 2017), (pompeo, 2019), (pompeo, 2022), (envoy, 2011), (envoy, 2013), (envoy, 2015) })
            {
                string sentence = $"{actor.Name} asked Moscow in {year}.";
                var article = new Article($"{actor.Id}-{year}", sentence, PublishedAt: new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero));
                var relation = new Relation(actor.Id, "RUS", RelationType.Request, 1, 1.0, 0.5, sentence, 0, sentence.Length, Modality.Asserted);
                await store.SaveArticleAsync(article, new ArticleExtraction(ArticleInfo.From(article), [actor, Seed.Russia, Seed.Usa], [relation]), Seed.Version);
            }
        });

        var response = await api.PostAsync("""{ stance(from: "USA", to: "RUS", includeAffiliates: true) { evidenceCount firstSeen lastSeen evidence(first: 10) { sentence } } }""");

        response.Errors.ShouldBeNull();
        var stance = response.Data["stance"]!;
        stance["evidenceCount"]!.GetValue<int>().ShouldBe(4);
        (stance["firstSeen"]!.GetValue<string>(), stance["lastSeen"]!.GetValue<string>()).ShouldBe(("2011-06-01", "2019-06-01"));
        stance["evidence"]!.AsArray().Select(e => e!["sentence"]!.GetValue<string>()).Order().ShouldBe(
            ["Mike Pompeo asked Moscow in 2017.", "Mike Pompeo asked Moscow in 2019.", "The Envoy asked Moscow in 2011.", "The Envoy asked Moscow in 2015."]);
    }
}
