using Graph.Core.Domain;
using Graph.Core.Storage;
using Graph.Extraction;
using Graph.Extraction.Reading;
using Graph.Store.Neo4j;
using Graph.Store.Neo4j.Http;
using Graph.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace Graph.Store.Tests;

/// <summary>
/// The test classes that use the Neo4j server: they share one (one container, not one per class) and run one after
/// the other, since each wipes or fills the same database.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Neo4jCollection : ICollectionFixture<Neo4jServer>
{
    public const string Name = "Neo4j server";
}

/// <summary>The behaviour suite against a real Neo4j server, plus what only the graph model promises.</summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jGraphStoreTests(Neo4jServer server) : GraphStoreBehaviour
{
    private readonly List<HttpClient> _http = [];

    protected override async Task<IGraphStore> CreateEmptyStoreAsync()
    {
        Assert.SkipWhen(server.SkipReason is not null, server.SkipReason ?? "");
        var store = Open();
        await store.InitializeAsync(Ct);
        // Every test starts from an empty graph (the schema stays).
        await Client().RunAsync("MATCH (n) DETACH DELETE n", ct: Ct);
        return store;
    }

    protected override Task<IGraphStore> OpenSameStoreAsync() => Task.FromResult<IGraphStore>(Open());

    protected override Task<IGraphStore> ReopenAsync() => Task.FromResult<IGraphStore>(Open());

    public override ValueTask DisposeAsync()
    {
        _http.ForEach(h => h.Dispose());
        return base.DisposeAsync();
    }

    private Neo4jQueryClient Client()
    {
        var http = new HttpClient();
        _http.Add(http);
        return new Neo4jQueryClient(http, Options.Create(server.Options!));
    }

    private Neo4jGraphStore Open() => new(Client(), Options.Create(server.Options!), Clock);

    [Fact]
    public async Task Browser_sees_actors_with_kind_labels_and_one_aggregate_edge_per_pair_and_type()
    {
        await SaveBothAsync();

        var labels = await Client().RunAsync("MATCH (a:Actor {id: $id}) RETURN labels(a) AS labels", new { id = "bashar-al-assad" }, ct: Ct);
        labels.Rows.Single()["labels"].EnumerateArray().Select(l => l.GetString()).ShouldBe(["Actor", "Person"], ignoreOrder: true);

        var rejects = await Client().RunAsync(
            "MATCH (:Actor {id: 'RUS'})-[r:REJECTS]->(:Actor {id: 'USA'}) RETURN r.count AS count, r.score AS score, toString(r.firstSeen) AS firstSeen, toString(r.lastSeen) AS lastSeen",
            ct: Ct);
        var edge = rejects.Rows.ShouldHaveSingleItem();
        edge["count"].GetInt32().ShouldBe(2);
        edge["score"].GetDouble().ShouldBe(-0.2);
        edge["firstSeen"].GetString().ShouldBe("2024-05-10");
        edge["lastSeen"].GetString().ShouldBe("2024-05-10");

        var affiliated = await Client().RunAsync("MATCH (:Person {id: 'bashar-al-assad'})-[f:AFFILIATED_WITH]->(c:Country) RETURN c.id AS country, f.role AS role", ct: Ct);
        affiliated.Rows.ShouldHaveSingleItem()["country"].GetString().ShouldBe("SYR");
    }

    [Fact]
    public async Task Re_ingesting_recomputes_the_edges_it_touched_and_drops_the_ones_left_without_evidence()
    {
        await SaveAsync(Sample.RussiaBacksAssad());
        await SaveAsync(Sample.Build("russia-backs-assad")
            .With(Sample.Russia, Sample.Turkey)
            .Says("RUS", RelationType.Threaten, "TUR", "Russia warned Turkey.")
            .Build());

        var edges = await Client().RunAsync("MATCH (s:Actor)-[r]->(t:Actor) WHERE type(r) <> 'AFFILIATED_WITH' RETURN s.id + ' ' + type(r) + ' ' + t.id AS edge, r.count AS count", ct: Ct);

        edges.Rows.Select(r => $"{r["edge"].GetString()} {r["count"].GetInt32()}").ShouldBe(["RUS THREATENS TUR 1"]);
    }

    [Fact]
    public async Task Gives_the_same_answers_as_the_embedded_store_on_the_seed_and_a_corpus_sample()
    {
        string folder = Path.Combine(Path.GetTempPath(), "graph-store-tests", Guid.NewGuid().ToString("N"));
        using var sqlite = new SqliteGraphStore(new SqliteStoreOptions { DataDirectory = folder }, Clock);
        try
        {
            await sqlite.InitializeAsync(Ct);
            var extractor = RuleExtractor.CreateDefault();
            var articles = new List<Article>();
            string repo = Repo.Root;
            await ReadAsync(Path.Combine(repo, "graph-seed", "articles"), int.MaxValue, articles);
            await ReadAsync(Path.Combine(repo, "..", "shared", "corpus", "guardian-syria-2019.jsonl"), 40, articles);
            foreach (var article in articles)
            {
                var extraction = extractor.Extract(article);
                var expected = await sqlite.SaveArticleAsync(article, extraction, extractor.Version, Ct);
                (await Store.SaveArticleAsync(article, extraction, extractor.Version, Ct)).ShouldBe(expected, article.Id);
            }

            await SameAnswersAsync(sqlite, Store, articles);
        }
        finally
        {
            sqlite.Dispose();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task SameAnswersAsync(IGraphStore expected, IGraphStore actual, IReadOnlyList<Article> articles)
    {
        (await actual.GetStatsAsync(Ct)).ShouldBe(await expected.GetStatsAsync(Ct));
        (await actual.GetEvidenceAsync(new EvidenceFilter(), Ct)).ShouldBe(await expected.GetEvidenceAsync(new EvidenceFilter(), Ct));

        var ranked = await expected.SearchActorsAsync(new ActorSearch(First: 10_000), Ct);
        var ranking = await actual.SearchActorsAsync(new ActorSearch(First: 10_000), Ct);
        ranking.Items.Select(a => a.Id).ShouldBe(ranked.Items.Select(a => a.Id));
        foreach (var actor in ranked.Items)
        {
            Same((await actual.GetActorAsync(actor.Id, Ct))!, actor);
            (await actual.FindActorsByNameAsync(actor.Name, Ct)).Select(a => a.Id)
                .ShouldBe((await expected.FindActorsByNameAsync(actor.Name, Ct)).Select(a => a.Id), actor.Name);
            (await actual.GetEvidenceAsync(new EvidenceFilter { ActorIds = [actor.Id], Limit = 5 }, Ct))
                .ShouldBe(await expected.GetEvidenceAsync(new EvidenceFilter { ActorIds = [actor.Id], Limit = 5 }, Ct), actor.Id);
        }

        foreach (string text in new[] { "syria", "Assad", "is", "" })
        {
            (await actual.SearchActorsAsync(new ActorSearch(text, First: 50), Ct)).Items.Select(a => a.Id)
                .ShouldBe((await expected.SearchActorsAsync(new ActorSearch(text, First: 50), Ct)).Items.Select(a => a.Id), text);
            (await actual.SearchArticlesAsync(new ArticleSearch(text, First: 50), Ct)).ShouldBeEquivalentTo(await expected.SearchArticlesAsync(new ArticleSearch(text, First: 50), Ct));
        }

        foreach (var article in articles)
        {
            (await actual.GetArticleAsync(article.Id, Ct)).ShouldBe(await expected.GetArticleAsync(article.Id, Ct));
        }

        var month = new EvidenceFilter { Since = new DateOnly(2019, 3, 1), Until = new DateOnly(2019, 3, 31), Types = [RelationType.Assault, RelationType.Accuse] };
        (await actual.GetEvidenceAsync(month, Ct)).ShouldBe(await expected.GetEvidenceAsync(month, Ct));
    }

    private static void Same(Actor actual, Actor expected)
    {
        (actual.Id, actual.Name, actual.Kind).ShouldBe((expected.Id, expected.Name, expected.Kind));
        actual.Aliases.ShouldBe(expected.Aliases, expected.Id);
        actual.Affiliations.ShouldBe(expected.Affiliations, expected.Id);
        actual.Codes.ShouldBe(expected.Codes, ignoreOrder: true);
    }

    private static async Task ReadAsync(string path, int most, List<Article> into)
    {
        if (!Path.Exists(path))
        {
            return;
        }

        int taken = 0;
        await foreach (var read in new ArticleReader().ReadAsync(path, Ct))
        {
            if (read.Article is { } article && taken++ < most)
            {
                into.Add(article);
            }
        }
    }
}
