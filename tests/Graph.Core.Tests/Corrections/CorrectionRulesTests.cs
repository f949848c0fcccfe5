using Graph.Core.Corrections;
using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Core.Tests.Corrections;

/// <summary>Corrections applied to one extraction, in memory: what each keeps, moves and drops.</summary>
public sealed class CorrectionRulesTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly Actor Assad = Actor.Create("bashar-al-assad", "Bashar al-Assad", ActorKind.Person) with { Aliases = ["Assad", "President Assad"] };
    private static readonly Actor Russia = Actor.Create("RUS", "Russia", ActorKind.Country) with { Aliases = ["Moscow"] };
    private static readonly Actor Putin = Actor.Create("vladimir-putin", "Vladimir Putin", ActorKind.Person) with { Aliases = ["Putin"], Affiliations = [new Affiliation("RUS", "president")] };

    private static Relation Support(string source, string target, string sentence, int start) =>
        new(source, target, RelationType.Support, 1, 5, 0.9, sentence, start, start + sentence.Length, Modality.Asserted);

    private static readonly ArticleExtraction Extraction = new(
        new ArticleInfo("a", null, null, null),
        [Assad, Russia, Putin],
        [
            Support("RUS", "bashar-al-assad", "Moscow backs Bashar al-Assad.", 0),
            Support("RUS", "bashar-al-assad", "Moscow backs Assad.", 30),
            Support("vladimir-putin", "RUS", "Putin supports Moscow's line.", 50),
            Support("vladimir-putin", "bashar-al-assad", "Putin backs President Assad.", 80),
        ]);

    private static Correction C(CorrectionKind kind, string subject, string? into = null, string? name = null, string? articleId = null) =>
        new(Guid.NewGuid().ToString("N"), kind, subject, articleId, into, name, null, "detail", "reason", "test", At);

    [Fact]
    public void A_retraction_drops_only_its_reading_of_its_article()
    {
        string id = EvidenceIdentity.Of("a", Extraction.Relations[1]);

        var corrected = CorrectionRules.Apply(Extraction, [C(CorrectionKind.Retract, id, articleId: "a")]);
        var otherArticle = CorrectionRules.Apply(Extraction, [C(CorrectionKind.Retract, id, articleId: "b")]);

        corrected.Relations.ShouldBe([Extraction.Relations[0], Extraction.Relations[2], Extraction.Relations[3]]);
        otherArticle.ShouldBe(Extraction);
    }

    [Fact]
    public void An_undone_correction_changes_nothing()
    {
        var undone = C(CorrectionKind.Rename, "RUS", name: "Rossiya") with { UndoneAt = At, UndoneBy = "test" };

        CorrectionRules.Apply(Extraction, [undone]).ShouldBe(Extraction);
    }

    [Fact]
    public void A_merge_moves_ends_and_names_drops_what_became_a_relation_with_itself_and_its_own_affiliation()
    {
        var corrected = CorrectionRules.Apply(Extraction, [C(CorrectionKind.Merge, "vladimir-putin", into: "RUS", name: "Russia")]);

        corrected.Actors.Select(a => a.Id).ShouldBe(["bashar-al-assad", "RUS"]);
        var russia = corrected.Actors.Single(a => a.Id == "RUS");
        russia.Name.ShouldBe("Russia");
        russia.Aliases.ShouldBe(["Moscow", "Vladimir Putin", "Putin"], ignoreOrder: true);
        russia.Affiliations.ShouldBeEmpty("Putin's affiliation to Russia would be Russia's to itself");
        corrected.Relations.Select(r => (r.Source, r.Target, r.Start)).ShouldBe([("RUS", "bashar-al-assad", 0), ("RUS", "bashar-al-assad", 30), ("RUS", "bashar-al-assad", 80)]);
    }

    [Fact]
    public void A_split_moves_the_readings_of_sentences_naming_the_alias_on_its_own_and_no_other_name()
    {
        var corrected = CorrectionRules.Apply(Extraction, [C(CorrectionKind.Split, "bashar-al-assad", into: "assad", name: "Assad")]);

        corrected.Relations.Select(r => r.Target).ShouldBe(["bashar-al-assad", "assad", "RUS", "bashar-al-assad"],
            "'Bashar al-Assad' and 'President Assad' are other names of his; only the bare 'Assad' moves");
        corrected.Actors.Single(a => a.Id == "bashar-al-assad").Aliases.ShouldBe(["President Assad"]);
        var split = corrected.Actors.Single(a => a.Id == "assad");
        (split.Name, split.Kind, split.Aliases.Count).ShouldBe(("Assad", ActorKind.Person, 0));
    }

    [Fact]
    public void Corrections_apply_in_the_order_made_each_to_what_the_ones_before_left()
    {
        // Putin into Russia, then Russia renamed: Putin's readings end up under the new name.
        var corrected = CorrectionRules.Apply(Extraction, [
            C(CorrectionKind.Merge, "vladimir-putin", into: "RUS", name: "Russia"),
            C(CorrectionKind.Rename, "RUS", name: "Russian Federation"),
        ]);

        var russia = corrected.Actors.Single(a => a.Id == "RUS");
        russia.Name.ShouldBe("Russian Federation");
        russia.Aliases.ShouldContain("Russia");
        russia.Aliases.ShouldContain("Putin");
    }
}
