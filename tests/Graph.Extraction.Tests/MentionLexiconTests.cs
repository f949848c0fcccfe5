using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Extraction.Mentions;

namespace Graph.Extraction.Tests;

/// <summary>The mention stage's vocabulary is data a linguist edits: every list loads, and a slip in the file fails loudly.</summary>
public class MentionLexiconTests
{
    private static readonly string ShippedFile = Path.Combine(Extract.RepoRoot(), "graph-seed", "lexicon", "mentions.json");

    private static JsonObject Shipped() => JsonNode.Parse(File.ReadAllText(ShippedFile))!.AsObject();

    private static MentionLexicon Read(JsonObject root) => MentionLexicon.Read(JsonDocument.Parse(root.ToJsonString()).RootElement);

    [Fact]
    public void Every_list_in_the_file_is_loaded_and_not_empty()
    {
        var root = Shipped();
        var lexicon = Read(root);

        var lists = root.Select(p => p.Key).Where(k => k != "about").ToList();
        lists.ShouldNotBeEmpty();
        lexicon.Sizes.Keys.ShouldBe(lists, ignoreOrder: true);
        foreach (var list in lists)
        {
            lexicon.Sizes[list].ShouldBeGreaterThan(0, list);
            root[list]!["about"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace(list);
        }
    }

    [Fact]
    public void A_misspelt_list_is_refused_by_name()
    {
        var root = Shipped();
        root["titels"] = root["titles"]!.DeepClone();
        root.Remove("titles");

        Should.Throw<InvalidDataException>(() => Read(root)).Message.ShouldContain("titels");
    }

    [Fact]
    public void A_missing_or_empty_list_is_refused_by_name()
    {
        var missing = Shipped();
        missing.Remove("honorifics");
        Should.Throw<InvalidDataException>(() => Read(missing)).Message.ShouldContain("honorifics");

        var empty = Shipped();
        empty["warNouns"]!["words"] = new JsonArray();
        Should.Throw<InvalidDataException>(() => Read(empty)).Message.ShouldContain("warNouns");
    }

    [Fact]
    public void A_list_without_its_about_or_with_a_stray_field_is_refused()
    {
        var bare = Shipped();
        bare["nameParticles"]!.AsObject().Remove("about");
        Should.Throw<InvalidDataException>(() => Read(bare)).Message.ShouldContain("nameParticles");

        var stray = Shipped();
        stray["collectives"]!["classes"]!["rebels"]!["sectr"] = "REB";
        Should.Throw<InvalidDataException>(() => Read(stray)).Message.ShouldContain("sectr");
    }

    [Fact]
    public void A_count_must_name_a_collective_class()
    {
        var root = Shipped();
        root["counted"]!["words"]!["people"] = "civilans";

        Should.Throw<InvalidDataException>(() => Read(root)).Message.ShouldContain("civilans");
    }
}
