using Graph.Core.Domain;
using Graph.Core.Queries;
using Graph.Core.Stances;
using Graph.Store.Sqlite;

namespace Graph.Core.Tests.Stances;

/// <summary>
/// Stances weighed by their evidence, as an analyst ranking Assad's supporters and opponents sees them, over the real
/// embedded store: one sentence cannot outrank many, more articles count for more, and no evidence is said in words.
/// </summary>
public sealed class WeightedStanceTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private SqliteGraphStore _store = null!;
    private GraphQueryService _queries = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Actor Country(string id, string name) => new(id, name, ActorKind.Country, [], [], new Dictionary<string, string>());

    private static readonly Actor Iran = Country("IRN", "Iran");
    private static readonly Actor Qatar = Country("QAT", "Qatar");
    private static readonly Actor Trump = new("donald-trump", "Donald Trump", ActorKind.Person, [], [], new Dictionary<string, string>());

    private static DateTimeOffset Day(int month, int day) => new(2019, month, day, 12, 0, 0, TimeSpan.Zero);

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteGraphStore(new SqliteStoreOptions { DataDirectory = _dir.Path }, TimeProvider.System);
        await _store.InitializeAsync(Ct);
        _queries = new GraphQueryService(_store);
        var samples = new List<Sample>
        {
            // One emphatic sentence for Assad, one against him.
            Sample.Build("trump").PublishedAt(Day(1, 5)).With(Trump, Sample.Assad)
                .Says("donald-trump", RelationType.Cooperate, "bashar-al-assad", "Trump said he would work closely with Assad.", confidence: 0.95).Build(),
            Sample.Build("qatar").PublishedAt(Day(1, 6)).With(Qatar, Sample.Assad)
                .Says("QAT", RelationType.Assault, "bashar-al-assad", "Qatar-backed fighters attacked Assad's forces.", confidence: 0.95).Build(),

            // Iran: three sentences of one article.
            Sample.Build("iran").PublishedAt(Day(2, 1)).With(Iran, Sample.Assad, Sample.Syria)
                .Says("IRN", RelationType.Support, "bashar-al-assad", "Iran backed Assad.", confidence: 0.7)
                .Says("IRN", RelationType.Support, "bashar-al-assad", "Tehran again stood by Assad.", confidence: 0.7)
                .Says("IRN", RelationType.Support, "bashar-al-assad", "Iran's leaders praised Assad.", confidence: 0.7)
                .Says("IRN", RelationType.Aid, "SYR", "Iran sent oil to Syria.", confidence: 0.7).Build(),
        };

        // Russia and Turkey: one sentence in each of three articles, a month apart.
        for (int month = 1; month <= 3; month++)
        {
            samples.Add(Sample.Build($"russia-{month}").PublishedAt(Day(month, 10)).With(Sample.Russia, Sample.Assad, Sample.Syria)
                .Says("RUS", RelationType.Support, "bashar-al-assad", "Russia backed Assad.", confidence: 0.7)
                .Says("RUS", RelationType.Aid, "SYR", "Russia sent arms to Syria.", confidence: 0.7).Build());
            samples.Add(Sample.Build($"turkey-{month}").PublishedAt(Day(month, 12)).With(Sample.Turkey, Sample.Assad)
                .Says("TUR", RelationType.Sanction, "bashar-al-assad", "Turkey sanctioned Assad's ministers.", confidence: 0.8).Build());
        }

        foreach (var sample in samples)
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

    private async Task<Stance> StanceAsync(string from, string to) =>
        (await _queries.StanceAsync(await ActorAsync(from), await ActorAsync(to), new StanceQuery(null, null, false), Ct)).Stance;

    [Fact]
    public async Task One_sentence_cannot_outrank_many()
    {
        var assad = await ActorAsync("bashar-al-assad");

        var supporters = await _queries.SupportersAsync(assad, new StanceQuery(null, null, false), new StanceRanking(10), Ct);
        var opponents = await _queries.OpponentsAsync(assad, new StanceQuery(null, null, false), new StanceRanking(10), Ct);

        // Trump's one sentence says more (+0.95) than Russia's three (+0.5 each), yet Russia comes first.
        supporters[0].From.Id.ShouldBe("RUS");
        supporters.Select(s => s.From.Id).ShouldContain("donald-trump");
        supporters.Single(s => s.From.Id == "donald-trump").Stance.Measure.Mean.ShouldBeGreaterThan(supporters[0].Stance.Measure.Mean);
        opponents.Select(s => s.From.Id).ShouldBe(["TUR", "QAT"], "Qatar's one assault ranks below Turkey's three sanctions");
    }

    [Fact]
    public async Task A_single_sentence_stays_short_of_ally_and_its_range_stays_wide()
    {
        var trump = await StanceAsync("donald-trump", "bashar-al-assad");
        var russia = await StanceAsync("RUS", "bashar-al-assad");

        trump.Measure.Mean.ShouldBe(0.95);
        trump.Label.ShouldBe(StanceLabel.Supportive, "one sentence is not an alliance");
        trump.Low.ShouldBeLessThan(0);
        (trump.High - trump.Low).ShouldBeGreaterThan(russia.High - russia.Low);
        russia.Measure.Certainty.ShouldBeGreaterThan(trump.Measure.Certainty);
        (russia.EvidenceCount, russia.ArticleCount).ShouldBe((3, 3));
    }

    [Fact]
    public async Task More_articles_count_for_more_than_more_sentences_of_one_article()
    {
        var russia = await StanceAsync("RUS", "bashar-al-assad");
        var iran = await StanceAsync("IRN", "bashar-al-assad");

        (iran.EvidenceCount, iran.ArticleCount).ShouldBe((3, 1));
        iran.Measure.Mean.ShouldBe(russia.Measure.Mean);
        iran.Measure.Certainty.ShouldBeLessThan(russia.Measure.Certainty);
        iran.Score.ShouldBeLessThan(russia.Score);
    }

    [Fact]
    public async Task A_stance_without_evidence_says_so_instead_of_neutral()
    {
        var none = await StanceAsync("QAT", "RUS");

        none.Label.ShouldBe(StanceLabel.NoEvidence);
        (none.EvidenceCount, none.ArticleCount, none.Score, none.Measure.Certainty).ShouldBe((0, 0, 0.0, 0.0));
        (none.Low, none.High).ShouldBe((-1.0, 1.0));
    }

    [Fact]
    public async Task Min_evidence_leaves_out_actors_resting_on_fewer_sentences()
    {
        var assad = await ActorAsync("bashar-al-assad");

        var supporters = await _queries.SupportersAsync(assad, new StanceQuery(null, null, false), new StanceRanking(10, MinEvidence: 2), Ct);
        var opponents = await _queries.OpponentsAsync(assad, new StanceQuery(null, null, false), new StanceRanking(10, MinEvidence: 2), Ct);

        supporters.Select(s => s.From.Id).ShouldBe(["RUS", "IRN"]);
        opponents.Select(s => s.From.Id).ShouldBe(["TUR"]);
    }

    [Fact]
    public async Task Timeline_points_are_weighed_by_the_same_rule()
    {
        var russia = await ActorAsync("RUS");
        var assad = await ActorAsync("bashar-al-assad");

        var points = await _queries.TimelineAsync(russia, assad, new StanceQuery(null, null, false), Bucket.Month, Ct);
        var march = await _queries.StanceAsync(russia, assad, new StanceQuery(new DateOnly(2019, 3, 1), new DateOnly(2019, 3, 31), false), Ct);

        points.Count.ShouldBe(3);
        points[^1].Stance.Measure.ShouldBe(march.Stance.Measure);
        (points[^1].EvidenceCount, points[^1].ArticleCount, points[^1].Label).ShouldBe((1, 1, march.Stance.Label));
    }

    [Fact]
    public async Task Paths_say_how_many_shortest_paths_there_are_and_whether_some_were_left_out()
    {
        var russia = await ActorAsync("RUS");
        var iran = await ActorAsync("IRN");

        var one = await _queries.PathsAsync(russia, iran, new PathQuery(3, [], 1), Ct);
        var all = await _queries.PathsAsync(russia, iran, new PathQuery(3, [], 10), Ct);

        // Through Assad and through Syria.
        (one.Paths.Count, one.TotalCount, one.Truncated).ShouldBe((1, 2, true));
        (all.Paths.Count, all.TotalCount, all.Truncated, all.MaxHops).ShouldBe((2, 2, false, 3));
    }

    [Fact]
    public void The_built_in_policy_reads_and_a_policy_out_of_range_is_refused_with_the_reason()
    {
        StancePolicy.Default.Prior.ShouldBeGreaterThan(0.95, "one sentence (confidence at most 0.95) must stay below neutral at its low end");

        static StancePolicy Read(string json) => StancePolicy.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        const string Labels = """ "labels": {"ally": 0.5, "supportive": 0.15, "critical": -0.15, "hostile": -0.5} """;
        Should.Throw<InvalidDataException>(() => Read($$"""{"prior": 0, "sameArticleWeight": 0.5, {{Labels}} }""")).Message.ShouldContain("prior");
        Should.Throw<InvalidDataException>(() => Read($$"""{"prior": 1, "sameArticleWeight": 2, {{Labels}} }""")).Message.ShouldContain("sameArticleWeight");
        Should.Throw<InvalidDataException>(() => Read($$"""{"priors": 2, "prior": 1, "sameArticleWeight": 0.5, {{Labels}} }""")).Message.ShouldContain("priors");
        Read($$"""{"prior": 2, "sameArticleWeight": 0.5, {{Labels}} }""").Prior.ShouldBe(2);
    }
}
