using System.Collections.Concurrent;
using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Api.Tests;

/// <summary>No N+1: nested fields read the store once per level of the query, however many rows there are.</summary>
public sealed class BatchingTests
{
    private const int Groups = 50;

    private static async Task SeedGroupsAsync(IGraphStore store)
    {
        var article = new Article("groups", string.Concat(Enumerable.Range(0, Groups).Select(i => $"Group {i:00} backs Russia. Russia blames group {i:00}. ")), "Fifty groups", PublishedAt: new DateTimeOffset(2016, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var groups = Enumerable.Range(0, Groups).Select(i => Actor.Create($"group-{i:00}", $"Group {i:00}", ActorKind.Group)).ToList();
        var relations = new List<Relation>();
        foreach (var (group, i) in groups.Select((g, i) => (g, i)))
        {
            string backs = $"Group {i:00} backs Russia.", blames = $"Russia blames group {i:00}.";
            int a = article.Text.IndexOf(backs, StringComparison.Ordinal), b = article.Text.IndexOf(blames, StringComparison.Ordinal);
            relations.Add(new Relation(group.Id, "RUS", RelationType.Support, 1, 5.0, 0.9, backs, a, a + backs.Length, Modality.Reported, SaidBy: group.Id));
            relations.Add(new Relation("RUS", group.Id, RelationType.Accuse, -1, -3.0, 0.8, blames, b, b + blames.Length, Modality.Asserted));
        }

        await store.SaveArticleAsync(article, new ArticleExtraction(ArticleInfo.From(article), [.. groups, Seed.Russia], relations), Seed.Version);
    }

    [Fact]
    public async Task Fifty_actors_with_relationships_evidence_and_speakers_take_at_most_four_store_reads()
    {
        CountingStore? counting = null;
        await using var api = await ApiHost.StartAsync(SeedGroupsAsync, decorate: store => counting = new CountingStore(store));
        const string query = """
            { actors(kind: GROUP, first: 50) { edges { node { id
                relationships(first: 5) { totalCount edges { node { type source { name } target { name }
                  evidence(first: 2) { sentence saidBy { name } article { title } } } } } } } } }
            """;

        var response = await api.PostAsync(query);

        response.Errors.ShouldBeNull(response.ToString());
        var nodes = response.Data["actors"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        nodes.Count.ShouldBe(Groups);
        nodes.ShouldAllBe(n => n["relationships"]!["totalCount"]!.GetValue<int>() == 2);
        var group7 = nodes.Single(n => n["id"]!.GetValue<string>() == "group-07")["relationships"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        group7.Single(r => r["type"]!.GetValue<string>() == "SUPPORT")["evidence"]![0]!["saidBy"]!["name"]!.GetValue<string>().ShouldBe("Group 07");
        group7.Single(r => r["type"]!.GetValue<string>() == "ACCUSE")["source"]!["name"]!.GetValue<string>().ShouldBe("Russia");

        // One search, one read of relationship sums for all 50 actors, one read of the evidence shown for all of them,
        // and actor reads for sources, targets and speakers (GraphQL.NET usually resolves the last two in the same
        // round, so one read; never one per row).
        var calls = counting!.Calls;
        calls.Keys.ShouldBe(["SearchActorsAsync", "GetRelationshipTotalsAsync", "GetStrongestEvidenceAsync", "GetActorsAsync"], ignoreOrder: true);
        calls["SearchActorsAsync"].ShouldBe(1);
        calls["GetRelationshipTotalsAsync"].ShouldBe(1);
        calls["GetStrongestEvidenceAsync"].ShouldBe(1);
        calls["GetActorsAsync"].ShouldBeInRange(1, 2);
    }

    /// <summary>Counts calls on the real store (a decorator, not a mock).</summary>
    private sealed class CountingStore(IGraphStore inner) : ForwardingStore(inner)
    {
        private readonly ConcurrentDictionary<string, int> _calls = new();

        public Dictionary<string, int> Calls => new(_calls);

        private void Count(string name) => _calls.AddOrUpdate(name, 1, (_, n) => n + 1);

        public override Task<IReadOnlyDictionary<string, Actor>> GetActorsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
        {
            Count(nameof(GetActorsAsync));
            return base.GetActorsAsync(ids, ct);
        }

        public override Task<Actor?> GetActorAsync(string id, CancellationToken ct = default)
        {
            Count(nameof(GetActorAsync));
            return base.GetActorAsync(id, ct);
        }

        public override Task<IReadOnlyList<Evidence>> GetEvidenceAsync(EvidenceFilter filter, CancellationToken ct = default)
        {
            Count(nameof(GetEvidenceAsync));
            return base.GetEvidenceAsync(filter, ct);
        }

        public override Task<IReadOnlyList<RelationshipTotal>> GetRelationshipTotalsAsync(EvidenceFilter filter, bool perDay = false, CancellationToken ct = default)
        {
            Count(nameof(GetRelationshipTotalsAsync));
            return base.GetRelationshipTotalsAsync(filter, perDay, ct);
        }

        public override Task<IReadOnlyList<Evidence>> GetStrongestEvidenceAsync(IReadOnlyCollection<RelationshipKey> relationships, EvidenceFilter filter, int perRelationship, CancellationToken ct = default)
        {
            Count(nameof(GetStrongestEvidenceAsync));
            return base.GetStrongestEvidenceAsync(relationships, filter, perRelationship, ct);
        }

        public override Task<Page<Actor>> SearchActorsAsync(ActorSearch search, CancellationToken ct = default)
        {
            Count(nameof(SearchActorsAsync));
            return base.SearchActorsAsync(search, ct);
        }

        public override Task<StoredArticle?> GetArticleAsync(string id, CancellationToken ct = default)
        {
            Count(nameof(GetArticleAsync));
            return base.GetArticleAsync(id, ct);
        }
    }
}
