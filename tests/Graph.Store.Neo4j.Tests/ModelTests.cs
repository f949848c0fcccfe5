using Graph.Core.Domain;
using Graph.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.Store.Neo4j.Tests;

public sealed class ModelTests
{
    [Fact]
    public void Actors_merge_like_the_embedded_store_first_name_stays_aliases_and_affiliations_union_stored_codes_win()
    {
        var stored = new Actor("RUS", "Russia", ActorKind.Country, ["Moscow"], [new Affiliation("UN", "member")],
            new Dictionary<string, string> { ["iso3"] = "RUS" });
        var incoming = new Actor("RUS", "Russian Federation", ActorKind.Group, ["moscow", "the Kremlin", " "],
            [new Affiliation("UN", "member"), new Affiliation("CSTO", "member", new DateOnly(2002, 10, 7))],
            new Dictionary<string, string> { ["iso3"] = "XXX", ["cameo"] = "RUS" });

        var merged = Neo4jGraphStore.MergeActors(new Dictionary<string, Actor> { ["RUS"] = stored }, [incoming]).ShouldHaveSingleItem();

        merged.Name.ShouldBe("Russia");
        merged.Kind.ShouldBe(ActorKind.Country);
        merged.Aliases.ShouldBe(["Moscow", "the Kremlin"]);
        merged.Affiliations.ShouldBe([new Affiliation("UN", "member"), new Affiliation("CSTO", "member", new DateOnly(2002, 10, 7))]);
        merged.Codes.ShouldBe(new Dictionary<string, string> { ["iso3"] = "RUS", ["cameo"] = "RUS" }, ignoreOrder: true);
    }

    [Fact]
    public void A_new_actor_is_written_as_read_minus_duplicate_and_blank_aliases()
    {
        var actor = new Actor("USA", "United States", ActorKind.Country, ["US", "us", "Washington"], [], new Dictionary<string, string>());

        var merged = Neo4jGraphStore.MergeActors(new Dictionary<string, Actor>(), [actor]).ShouldHaveSingleItem();

        (merged.Id, merged.Name, merged.Kind).ShouldBe(("USA", "United States", ActorKind.Country));
        merged.Aliases.ShouldBe(["US", "Washington"]);
        merged.Affiliations.ShouldBeEmpty();
        merged.Codes.ShouldBeEmpty();
    }

    [Fact]
    public void Actor_properties_flatten_codes_and_leave_empty_lists_out()
    {
        var p = Values.ActorProperties(new Actor("SYR", "Syria", ActorKind.Country, [], [], new Dictionary<string, string> { ["iso3"] = "SYR" }));

        p["code_iso3"].ShouldBe("SYR");
        p["kind"].ShouldBe("country");
        p["aliases"].ShouldBeNull();
        p["affiliations"].ShouldBeNull();
    }

    [Theory]
    [InlineData("2024-03-01T09:30Z", "2024-03-01T09:30:00.0000000+00:00")]
    [InlineData("2024-03-01T09:30:05.123456700Z", "2024-03-01T09:30:05.1234567+00:00")]
    [InlineData("2024-05-10T18:00+02:00", "2024-05-10T16:00:00.0000000+00:00")]
    [InlineData("2024-05-10T18:00+02:00[Europe/Paris]", "2024-05-10T16:00:00.0000000+00:00")]
    public void Neo4j_datetimes_read_back_as_utc_instants(string text, string expected)
    {
        Values.ParseInstant(text)!.Value.ToString("o").ShouldBe(expected);
    }

    [Fact]
    public void The_instants_sent_keep_every_tick()
    {
        var at = new DateTimeOffset(2024, 5, 10, 18, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

        Values.ParseInstant(Values.Instant(at)).ShouldBe(at);
    }

    [Fact]
    public void The_store_registers_as_the_graph_store_with_its_typed_http_client()
    {
        var services = new ServiceCollection().AddLogging().AddNeo4jGraphStore(o => (o.Uri, o.Password) = ("http://db.internal:7474", "pw-123456"));
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IGraphStore>();

        store.ShouldBeOfType<Neo4jGraphStore>();
        provider.GetRequiredService<Neo4jGraphStore>().ShouldBeSameAs(store);
    }

    [Fact]
    public void Settings_come_from_the_Graph_Neo4j_section_as_the_host_binds_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Graph:Neo4j:Uri"] = "http://neo4j:7474",
                ["Graph:Neo4j:Password"] = "from-the-environment",
                ["Graph:Neo4j:Timeout"] = "00:00:05",
                ["Graph:Neo4j:BatchSize"] = "250",
            })
            .Build();
        var services = new ServiceCollection().AddNeo4jGraphStore(o => configuration.GetSection(Neo4jStoreOptions.Section).Bind(o));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<Neo4jStoreOptions>>().Value;

        (options.Uri, options.User, options.Password, options.Database, options.Timeout, options.BatchSize)
            .ShouldBe(("http://neo4j:7474", "neo4j", "from-the-environment", "neo4j", TimeSpan.FromSeconds(5), 250));
    }

    [Theory]
    [InlineData("localhost:7474")]
    [InlineData("bolt://localhost:7687")]
    [InlineData("")]
    public void A_uri_that_is_not_http_is_refused_with_the_setting_named(string uri)
    {
        var services = new ServiceCollection().AddLogging().AddNeo4jGraphStore(o => o.Uri = uri);
        using var provider = services.BuildServiceProvider();

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Neo4jStoreOptions>>().Value);

        e.Message.ShouldContain("Graph:Neo4j:Uri");
    }
}
