using Graph.Core.Domain;

namespace Graph.Extraction.Tests;

/// <summary>Users can point the engine at edited copies of the knowledge base; roles count on the article's date.</summary>
public sealed class KnowledgeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("graph-kb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_role_in_force_on_the_publication_day_is_the_affiliation()
    {
        File.WriteAllText(Path.Combine(_dir, "countries.json"), """
            [{"id": "RUR", "name": "Ruritania", "kind": "country", "codes": {"cameo": "RUR"}, "aliases": ["Ruritania"], "demonyms": ["Ruritanian"], "capital": "Strelsau"},
             {"id": "GRA", "name": "Graustark", "kind": "country", "aliases": ["Graustark"]}]
            """);
        File.WriteAllText(Path.Combine(_dir, "persons.json"), """
            [{"id": "rudolf-rassendyll", "name": "Rudolf Rassendyll", "kind": "person", "aliases": ["Rassendyll"],
              "roles": [{"actorId": "GRA", "role": "envoy", "until": "2020-01-01"}, {"actorId": "RUR", "role": "king", "from": "2020-01-01"}]}]
            """);
        var extractor = RuleExtractor.FromDirectory(_dir);

        var before = extractor.Extract(new Article("a", "Rassendyll condemned Strelsau.", PublishedAt: new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        before.Actors.Single(a => a.Id == "rudolf-rassendyll").Affiliations.Select(a => a.ActorId).ShouldBe(["GRA"]);
        before.Relations.ShouldContain(r => r.Source == "rudolf-rassendyll" && r.Target == "RUR" && r.Type == RelationType.Accuse);

        var after = extractor.Extract(new Article("b", "Rassendyll condemned Graustark.", PublishedAt: new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        after.Actors.Single(a => a.Id == "rudolf-rassendyll").Affiliations.Select(a => a.ActorId).ShouldBe(["RUR"]);
    }

    [Fact]
    public void Missing_optional_fields_are_tolerated()
    {
        File.WriteAllText(Path.Combine(_dir, "groups.json"), """[{"id": "x-front", "name": "X Front"}, {"name": "no id"}, 42]""");
        var extractor = RuleExtractor.FromDirectory(_dir);
        extractor.Extract(new Article("c", "The X Front attacked the X Front.")).Actors.ShouldContain(a => a.Id == "x-front");
    }

    [Fact]
    public void Version_names_the_rules()
    {
        Extract.Default.Version.ShouldStartWith("rules-");
    }
}
