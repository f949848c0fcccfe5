namespace Graph.Api.Tests;

/// <summary>
/// The queries the web explorer (src/Graph.Web/src/api.ts) sends, with the variables it sends: they must keep
/// validating and answering as the schema evolves.
/// </summary>
public sealed class ExplorerQueryTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    private const string Actor = "id name kind aliases";
    private const string Rel = $"source {{ {Actor} }} target {{ {Actor} }} type polarity score count confidence firstSeen lastSeen";
    private const string EvidenceFields = $"id sentence start end type polarity score confidence modality eventDate source {{ {Actor} }} target {{ {Actor} }} article {{ id title publishedAt url }}";

    public static TheoryData<string, string, string> Queries => new()
    {
        { "search", $"query Search($search: String, $first: Int) {{ actors(search: $search, first: $first) {{ edges {{ node {{ {Actor} }} }} }} }}", """{"search":"rus","first":8}""" },
        { "actor", $"query Actor($id: ID, $name: String) {{ byId: actor(id: $id) {{ {Actor} }} byName: actor(name: $name) {{ {Actor} }} }}", """{"id":"Russia","name":"Russia"}""" },
        {
            "neighborhood",
            """
            query Neighborhood($actor: String!, $depth: Int, $limit: Int, $types: [RelationType!], $since: Date, $until: Date) {
              neighborhood(actor: $actor, depth: $depth, limit: $limit, types: $types, since: $since, until: $until) {
                center { id name kind aliases } nodes { id name kind aliases }
                edges { source { id } target { id } type polarity score count confidence firstSeen lastSeen } } }
            """,
            """{"actor":"RUS","depth":3,"limit":300,"types":null,"since":null,"until":null}"""
        },
        { "range", "query Range($actor: String!, $depth: Int, $limit: Int) { neighborhood(actor: $actor, depth: $depth, limit: $limit) { edges { firstSeen lastSeen } } }", """{"actor":"RUS","depth":1,"limit":50}""" },
        {
            "stance",
            $$"""
            query Stance($from: String!, $to: String!, $since: Date, $until: Date, $bucket: Bucket) {
              stance(from: $from, to: $to, since: $since, until: $until) {
                from { {{Actor}} } to { {{Actor}} } score label evidenceCount firstSeen lastSeen
                counts { type count }
                evidence(first: 50) { {{EvidenceFields}} }
                reverse { score label evidenceCount } }
              timeline: stanceTimeline(from: $from, to: $to, bucket: $bucket, since: $since, until: $until) { start score label evidenceCount } }
            """,
            """{"from":"RUS","to":"bashar-al-assad","since":null,"until":null,"bucket":"WEEK"}"""
        },
        { "path", $"query Path($from: String!, $to: String!, $maxHops: Int) {{ path(from: $from, to: $to, maxHops: $maxHops, first: 10) {{ length nodes {{ {Actor} }} edges {{ {Rel} }} }} }}", """{"from":"vladimir-putin","to":"USA","maxHops":4}""" },
        { "article", $"query Article($id: ID!) {{ article(id: $id) {{ id title url source publishedAt text actors {{ {Actor} }} evidence {{ {EvidenceFields} }} }} }}", """{"id":"us-talks"}""" },
        { "articles", "query Articles($search: String, $first: Int) { articles(search: $search, first: $first) { totalCount edges { node { id title source publishedAt } } } }", """{"search":null,"first":30}""" },
        { "overview", $"{{ stats {{ articles actors relationships evidence }} actors(first: 16) {{ edges {{ node {{ {Actor} }} }} }} }}", "{}" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Explorer_query_answers_without_errors(string name, string query, string variables)
    {
        var response = await fixture.Host.PostAsync(query, System.Text.Json.JsonDocument.Parse(variables).RootElement, "application/graphql-response+json, application/json");

        response.Status.ShouldBe(200, name);
        response.ContentType.ShouldBe("application/graphql-response+json; charset=utf-8");
        response.Errors.ShouldBeNull($"{name}: {response}");
        response.Data.AsObject().Count.ShouldBeGreaterThan(0);
    }
}
