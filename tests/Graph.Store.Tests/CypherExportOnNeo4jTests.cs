using Graph.Core.Exports;
using Graph.Store.Neo4j.Http;
using Graph.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace Graph.Store.Tests;

/// <summary>
/// The Cypher export of an embedded store, run statement by statement against an empty Neo4j, as cypher-shell runs a
/// file: the graph arrives whole, text arrives as written, and loading it twice changes nothing.
/// </summary>
[Collection(Neo4jCollection.Name)]
public sealed class CypherExportOnNeo4jTests(Neo4jServer server) : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly HttpClient _http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_Cypher_export_loads_every_actor_and_relationship_into_an_empty_Neo4j()
    {
        Assert.SkipWhen(server.SkipReason is not null, server.SkipReason ?? "");
        using var store = new SqliteGraphStore(new SqliteStoreOptions { DataDirectory = _dir.Path }, TimeProvider.System);
        foreach (var sample in new[] { Sample.RussiaBacksAssad(), Sample.RussiaRebuffsWashington(), Sample.Hostile() })
        {
            await store.SaveArticleAsync(sample.Article, sample.Extraction, "v1", Ct);
        }

        var stats = await store.GetStatsAsync(Ct);
        var text = new StringWriter();
        await new CypherFormat().WriteAsync(new GraphExport(store), new ExportScope(), text, Ct);
        var neo4j = new Neo4jQueryClient(_http, Options.Create(server.Options!));
        await neo4j.RunAsync("MATCH (n) DETACH DELETE n", ct: Ct);

        async Task<(long Actors, long Relationships)> LoadAsync()
        {
            foreach (var statement in text.ToString().Split('\n').Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)))
            {
                await neo4j.RunAsync(statement.TrimEnd(';'), ct: Ct);
            }

            var counts = await neo4j.RunAsync("RETURN COUNT { (:Actor) } AS actors, COUNT { (:Actor)-[]->(:Actor) } AS relationships", readOnly: true, ct: Ct);
            return (counts.Rows[0]["actors"].GetInt64(), counts.Rows[0]["relationships"].GetInt64());
        }

        (await LoadAsync()).ShouldBe((stats.Actors, stats.Relationships));
        (await LoadAsync()).ShouldBe((stats.Actors, stats.Relationships), "MERGE: a second load adds nothing");
        var rebels = await neo4j.RunAsync(
            "MATCH (a:ArmedGroup {id: $id}) RETURN a.name AS name, a.`code_odd``key` AS code, a.aliases AS aliases",
            new { id = Sample.Rebels.Id }, readOnly: true, ct: Ct);
        var row = rebels.Rows.ShouldHaveSingleItem();
        row["name"].GetString().ShouldBe(Sample.Rebels.Name);
        row["code"].GetString().ShouldBe("x'y");
        row["aliases"].EnumerateArray().Select(a => a.GetString()).ShouldBe(Sample.Rebels.Aliases);
        var rejects = await neo4j.RunAsync(
            "MATCH (:Actor {id: 'RUS'})-[r:REJECTS]->(:Actor {id: 'USA'}) RETURN r.evidence AS evidence, r.score AS score, toString(r.lastSeen) AS lastSeen", readOnly: true, ct: Ct);
        var edge = rejects.Rows.ShouldHaveSingleItem();
        (edge["evidence"].GetInt64(), edge["score"].GetDouble(), edge["lastSeen"].GetString()).ShouldBe((2L, -2.0, "2024-05-10"));
    }
}
