using Graph.Core.Domain;
using Graph.Core.Queries;
using Graph.Core.Stances;
using Graph.Core.Storage;
using Graph.Store.Sqlite;

namespace Graph.Core.Tests.Queries;

/// <summary>The graph questions answered in Core, over the real embedded store holding the <see cref="Sample"/> articles.</summary>
public sealed class GraphQueryServiceTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private SqliteGraphStore _store = null!;
    private GraphQueryService _queries = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Actor Putin => new("vladimir-putin", "Vladimir Putin", ActorKind.Person, ["Putin"],
        [new Affiliation("RUS", "president", new DateOnly(2012, 5, 7))], new Dictionary<string, string>());

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteGraphStore(new SqliteStoreOptions { DataDirectory = _dir.Path }, TimeProvider.System);
        await _store.InitializeAsync(Ct);
        _queries = new GraphQueryService(_store);
        foreach (var sample in new[]
        {
            Sample.RussiaBacksAssad(),
            Sample.RussiaRebuffsWashington(),
            // Putin before his presidency (2009) and during it (2024): only the second speaks for Russia.
            Sample.Build("putin-2009").PublishedAt(new DateTimeOffset(2009, 6, 1, 0, 0, 0, TimeSpan.Zero)).With(Putin, Sample.Syria)
                .Says("vladimir-putin", RelationType.Assault, "SYR", "Putin threatened to strike Syria.").Build(),
            Sample.Build("putin-2024").PublishedAt(new DateTimeOffset(2024, 6, 3, 0, 0, 0, TimeSpan.Zero)).With(Putin, Sample.Syria, Sample.Turkey)
                .Says("vladimir-putin", RelationType.Aid, "SYR", "Putin sent aid to Syria.")
                .Says("TUR", RelationType.Support, "SYR", "Turkey backed Syria.").Build(),
        })
        {
            await _store.SaveArticleAsync(sample.Article, sample.Extraction, "v1", Ct);
        }
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Actor> ActorAsync(string reference) => (await _queries.FindActorAsync(reference, Ct)).ShouldNotBeNull();

    [Fact]
    public async Task Actors_are_found_by_id_name_or_alias_and_an_unknown_one_is_null()
    {
        (await ActorAsync("RUS")).Id.ShouldBe("RUS");
        (await ActorAsync("the kremlin")).Id.ShouldBe("RUS");
        (await _queries.FindActorAsync("Atlantis", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_stance_counts_only_the_modalities_that_count_as_evidence()
    {
        var usa = await ActorAsync("USA");

        var towardsSyria = await _queries.StanceAsync(usa, await ActorAsync("SYR"), new StanceQuery(null, null, false), Ct);
        var towardsRussia = await _queries.StanceAsync(usa, await ActorAsync("RUS"), new StanceQuery(null, null, false), Ct);

        towardsSyria.Stance.EvidenceCount.ShouldBe(0, "the only reading is negated");
        towardsRussia.Stance.EvidenceCount.ShouldBe(1, "a reported accusation counts");
        towardsRussia.Stance.Measure.Mean.ShouldBeLessThan(0);
        towardsRussia.Stance.Label.ShouldBe(StanceLabel.Neutral, "one mild accusation is weighed towards neutral");
        towardsSyria.Stance.Label.ShouldBe(StanceLabel.NoEvidence);
        Modalities.CountedAsEvidence.ShouldBe([Modality.Asserted, Modality.Reported, Modality.Future]);
    }

    [Fact]
    public async Task With_affiliates_a_stance_counts_what_they_said_only_while_they_spoke_for_the_actor()
    {
        var russia = await ActorAsync("RUS");
        var syria = await ActorAsync("SYR");

        var alone = await _queries.StanceAsync(russia, syria, new StanceQuery(null, null, false), Ct);
        var withAffiliates = await _queries.StanceAsync(russia, syria, new StanceQuery(null, null, true), Ct);
        var evidence = await _queries.StrongestAsync(withAffiliates, 10, Ct);

        alone.Stance.EvidenceCount.ShouldBe(1);
        // Putin's aid of 2024 and Russia's support for Assad (who speaks for Syria) count; Putin's threat of 2009 does not.
        withAffiliates.Stance.EvidenceCount.ShouldBe(3);
        evidence.Select(e => (e.ArticleId, e.Type)).ShouldBe(
            [("putin-2024", RelationType.Aid), ("russia-backs-assad", RelationType.Aid), ("russia-backs-assad", RelationType.Support)], ignoreOrder: true);
    }

    [Fact]
    public async Task A_timeline_has_one_point_per_bucket_with_evidence_weeks_starting_on_monday()
    {
        var points = await _queries.TimelineAsync(await ActorAsync("RUS"), await ActorAsync("USA"), new StanceQuery(null, null, false), Bucket.Week, Ct);

        points.ShouldHaveSingleItem().Start.ShouldBe(new DateOnly(2024, 5, 6));
        points[0].EvidenceCount.ShouldBe(2);
        points[0].Score.ShouldBeLessThan(0);
        points[0].Label.ShouldBe(StanceLabel.Neutral, "two mild rejections in one article are weighed towards neutral");
    }

    [Fact]
    public async Task Supporters_and_opponents_are_ranked_by_the_sign_of_their_stance()
    {
        var supporters = await _queries.SupportersAsync(await ActorAsync("SYR"), new StanceQuery(null, null, false), new StanceRanking(10), Ct);
        var opponents = await _queries.OpponentsAsync(await ActorAsync("USA"), new StanceQuery(null, null, false), new StanceRanking(10), Ct);
        var sinceMay = await _queries.SupportersAsync(await ActorAsync("SYR"), new StanceQuery(new DateOnly(2024, 5, 1), null, false), new StanceRanking(10), Ct);

        supporters.Select(s => s.From.Id).ShouldBe(["RUS", "TUR", "vladimir-putin"], "strongest first: Putin's 2024 aid barely outweighs his 2009 threat");
        opponents.Select(s => s.From.Id).ShouldBe(["RUS"]);
        sinceMay.Select(s => s.From.Id).ShouldBe(["vladimir-putin", "TUR"]);
    }

    [Fact]
    public async Task Paths_are_the_shortest_chains_in_either_direction_within_the_hops_allowed()
    {
        var usa = await ActorAsync("USA");
        var assad = await ActorAsync("bashar-al-assad");

        var paths = await _queries.PathsAsync(usa, assad, new PathQuery(3, [], 10), Ct);
        var tooShort = await _queries.PathsAsync(usa, assad, new PathQuery(1, [], 10), Ct);
        var itself = await _queries.PathsAsync(usa, usa, new PathQuery(3, [], 10), Ct);

        paths.Paths.ShouldHaveSingleItem().NodeIds.ShouldBe(["USA", "RUS", "bashar-al-assad"]);
        paths.Paths[0].Edges.Select(e => e.Type).ShouldBe([RelationType.Reject, RelationType.Support]);
        (paths.TotalCount, paths.Truncated).ShouldBe((1, false));
        tooShort.Paths.ShouldBeEmpty();
        (tooShort.TotalCount, tooShort.MaxHops).ShouldBe((0, 1));
        itself.Paths.ShouldHaveSingleItem().Length.ShouldBe(0);
    }

    [Fact]
    public async Task A_neighbourhood_keeps_the_best_connected_actors_within_its_limit_and_the_relationships_among_them()
    {
        var russia = await ActorAsync("RUS");

        var near = await _queries.NeighborhoodAsync(russia, new NeighborhoodQuery(1, 3, []), Ct);
        var far = await _queries.NeighborhoodAsync(russia, new NeighborhoodQuery(2, 50, []), Ct);

        near.Nodes.Select(a => a.Id).ShouldBe(["RUS", "USA", "SYR"]);
        near.Edges.ShouldAllBe(e => near.Nodes.Any(n => n.Id == e.Source) && near.Nodes.Any(n => n.Id == e.Target));
        far.Nodes.Select(a => a.Id).ShouldContain("TUR");
        far.Nodes.Select(a => a.Id).ShouldContain("vladimir-putin");
    }

    [Fact]
    public async Task A_neighbourhood_says_how_many_actors_and_relationships_there_are_and_whether_it_was_cut()
    {
        var russia = await ActorAsync("RUS");

        var near = await _queries.NeighborhoodAsync(russia, new NeighborhoodQuery(1, 3, []), Ct);
        var far = await _queries.NeighborhoodAsync(russia, new NeighborhoodQuery(2, 4, []), Ct);
        var whole = await _queries.NeighborhoodAsync(russia, new NeighborhoodQuery(2, 50, []), Ct);

        // Within one hop: the USA, Syria and Assad; the limit keeps Russia and two of them, and what links them.
        (near.Nodes.Count, near.Edges.Count, await near.Totals.Value).ShouldBe((3, 3, new NeighborhoodTotals(4, 4)));
        (far.Nodes.Count, await far.Totals.Value).ShouldBe((4, new NeighborhoodTotals(6, whole.Edges.Count)));
        (whole.Nodes.Count, await whole.Totals.Value).ShouldBe((6, new NeighborhoodTotals(6, whole.Edges.Count)));
    }

    [Fact]
    public async Task Relationships_sum_the_evidence_the_filter_selects_the_best_attested_first()
    {
        var found = await _queries.RelationshipsAsync(new EvidenceFilter { SourceIds = ["RUS"], Modalities = Modalities.CountedAsEvidence }, Ct);

        // Most evidence first, then the most recent.
        found.Select(r => (r.Target, r.Type, r.Count)).ShouldBe([("USA", RelationType.Reject, 2), ("bashar-al-assad", RelationType.Support, 1), ("SYR", RelationType.Aid, 1)]);
    }
}
