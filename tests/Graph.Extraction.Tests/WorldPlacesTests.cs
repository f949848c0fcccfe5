using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Core.Domain;

namespace Graph.Extraction.Tests;

/// <summary>
/// The world's cities, from the table built at build time, are places beneath the hand-made knowledge base: an attack on a
/// town is an attack on its state, while people, words and names the knowledge base gives keep their meaning.
/// </summary>
public class WorldPlacesTests
{
    private static readonly string ShippedPolicy = Path.Combine(Extract.RepoRoot(), "graph-seed", "lexicon", "places.json");

    private static JsonObject Shipped() => JsonNode.Parse(File.ReadAllText(ShippedPolicy))!.AsObject();

    private static PlacePolicy Read(JsonObject root) => PlacePolicy.Read(JsonDocument.Parse(root.ToJsonString()).RootElement);

    // The actor a capitalised name denotes in the knowledge base, or null.
    private static KnownActor? Place(string name) =>
        Extract.Default.Data.Kb.Actors.FirstOrDefault(a => a.Kind == ActorKind.Location && a.Aliases.Contains(name, StringComparer.Ordinal));

    [Theory]
    [InlineData("Russian jets bombed Kunduz.", "RUS", "AFG")]
    [InlineData("Israeli tanks fired shells at targets in Nablus.", "ISR", "PSE")]
    [InlineData("Houthi rebels fired missiles at Jeddah.", "ansar-allah", "SAU")]
    public void An_attack_on_a_city_no_one_listed_is_an_attack_on_its_state(string text, string attacker, string state)
    {
        Extract.Text(text).Between(attacker, state).ShouldContain(r => r.Type == RelationType.Assault);
    }

    [Fact]
    public void A_city_no_one_listed_qualifies_the_rebels_in_it()
    {
        // Without the place, unqualified rebels would have no state here.
        Extract.Text("Rebels in Kunduz attacked Russian troops.").Between("rebels-afg", "RUS").ShouldNotBeEmpty();
    }

    [Fact]
    public void A_city_named_like_a_diacritic_free_spelling_is_found_either_way()
    {
        Place("Diyarbakir").ShouldNotBeNull().Roles.Single().ActorId.ShouldBe("TUR");
        Place("Diyarbakır").ShouldBe(Place("Diyarbakir"));
    }

    [Fact]
    public void A_name_the_knowledge_base_gives_keeps_its_meaning()
    {
        // Bolton is an English town of 140,000 and John Bolton's surname; Trinidad a Bolivian city and the country's short name.
        Extract.Text("Bolton criticised Iran.").Between("john-bolton", "IRN").ShouldNotBeEmpty();
        Place("Bolton").ShouldBeNull();
        Place("Trinidad").ShouldBeNull();
        Place("Aleppo")!.Id.ShouldBe("aleppo");
    }

    [Theory]
    [InlineData("Victoria")]
    [InlineData("Florence")]
    [InlineData("Jackson")]
    [InlineData("Austin")]
    [InlineData("Lincoln")]
    [InlineData("Hamilton")]
    [InlineData("Charlotte")]
    [InlineData("Hassan")]
    public void A_city_named_like_a_person_is_no_place(string name)
    {
        Place(name).ShouldBeNull(name);
    }

    [Fact]
    public void A_city_named_like_a_person_is_a_place_when_it_is_a_metropolis()
    {
        Place("Sydney").ShouldNotBeNull().Roles.Single().ActorId.ShouldBe("AUS");
        Place("Cape Town").ShouldNotBeNull().Roles.Single().ActorId.ShouldBe("ZAF");
    }

    [Theory]
    [InlineData("Nice")]
    [InlineData("Mobile")]
    [InlineData("Reading")]
    [InlineData("Split")]
    [InlineData("Of")]
    [InlineData("Bath")]
    [InlineData("Marks")]
    [InlineData("Olive Branch")]
    public void A_city_named_like_a_common_word_is_no_place(string name)
    {
        Place(name).ShouldBeNull(name);
    }

    [Fact]
    public void A_common_word_at_the_start_of_a_sentence_stays_a_word()
    {
        Extract.Text("Reading the report, Russia condemned Turkey.").Between("RUS", "TUR").ShouldContain(r => r.Type == RelationType.Accuse);
    }

    [Fact]
    public void A_city_beside_another_capitalised_word_is_part_of_a_name()
    {
        // "Manchester United" is a football club, not an event in England.
        Extract.Text("Russian hackers attacked Manchester United.").Relations.ShouldNotContain(r => r.Target == "GBR");
        Extract.Text("Russian hackers attacked Manchester.").Between("RUS", "GBR").ShouldNotBeEmpty();
    }

    [Fact]
    public void A_name_several_cities_share_is_the_most_populous_ones()
    {
        Place("Hyderabad").ShouldNotBeNull().Roles.Single().ActorId.ShouldBe("IND");
    }

    [Fact]
    public void The_policy_file_is_read()
    {
        var policy = Read(Shipped());
        policy.MinPopulation.ShouldBe(Extract.Default.Data.Places.MinPopulation);
        policy.AmbiguousNameMinPopulation.ShouldBeGreaterThan(policy.MinPopulation);
        Place("Florida").ShouldBeNull();
        policy.NotPlaces.ShouldContain("Florida");
    }

    [Fact]
    public void A_misspelt_key_is_refused_by_name()
    {
        var root = Shipped();
        root["minPopulaton"] = root["minPopulation"]!.DeepClone();
        Should.Throw<InvalidDataException>(() => Read(root)).Message.ShouldContain("minPopulaton");
    }

    [Fact]
    public void A_missing_key_is_refused_by_name()
    {
        var root = Shipped();
        root.Remove("ambiguousNameMinPopulation");
        Should.Throw<InvalidDataException>(() => Read(root)).Message.ShouldContain("ambiguousNameMinPopulation");
    }

    [Fact]
    public void A_population_that_is_no_number_is_refused_by_name()
    {
        var root = Shipped();
        root["minPopulation"]!["value"] = "fifty thousand";
        Should.Throw<InvalidDataException>(() => Read(root)).Message.ShouldContain("minPopulation");
    }

    [Fact]
    public void A_key_without_an_about_is_refused_by_name()
    {
        var root = Shipped();
        root["notPlaces"]!.AsObject().Remove("about");
        Should.Throw<InvalidDataException>(() => Read(root)).Message.ShouldContain("notPlaces");
    }
}
