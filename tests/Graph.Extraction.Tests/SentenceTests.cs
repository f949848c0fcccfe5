using Graph.Core.Domain;

namespace Graph.Extraction.Tests;

/// <summary>One sentence per reading the engine must get right, named by category.</summary>
public class SentenceTests
{
    [Fact]
    public void Passive_voice_swaps_source_and_target()
    {
        var x = Extract.Text("Turkish troops were attacked by Russian jets near the border.");
        x.Between("RUS", "TUR").ShouldContain(r => r.Type == RelationType.Assault && r.Polarity == -1);
        x.Between("TUR", "RUS").ShouldBeEmpty();
    }

    [Fact]
    public void Attributive_backing_is_support()
    {
        var x = Extract.Text("US-backed rebels in Syria seized the town on Monday.");
        x.Relations.ShouldContain(r => r.Source == "USA" && r.Target.StartsWith("rebels", StringComparison.Ordinal) && r.Type == RelationType.Support);
    }

    [Fact]
    public void Nominalisation_with_possessive_subject()
    {
        var x = Extract.Text("Moscow's annexation of Crimea angered the West.");
        x.Between("RUS", "UKR").ShouldContain(r => r.Type == RelationType.Coerce && r.Polarity == -1);
    }

    [Fact]
    public void Coordinated_parties_hold_talks_both_ways()
    {
        var x = Extract.Text("Iran and Saudi Arabia held talks in Baghdad.");
        x.Between("IRN", "SAU").ShouldContain(r => r.Type == RelationType.Consult);
        x.Between("SAU", "IRN").ShouldContain(r => r.Type == RelationType.Consult);
    }

    [Fact]
    public void Negation_is_not_positive_evidence()
    {
        var x = Extract.Text("Egypt did not meet Qatar at the summit.");
        var r = x.Between("EGY", "QAT").ShouldHaveSingleItem();
        r.Modality.ShouldBe(Modality.Negated);
        r.Polarity.ShouldBeLessThanOrEqualTo(0);
        r.Score.ShouldBeLessThanOrEqualTo(0);
    }

    [Fact]
    public void Refusing_to_meet_is_a_rejection_not_a_meeting()
    {
        var x = Extract.Text("Jordan refused to meet Israel.");
        x.Between("JOR", "ISR").ShouldContain(r => r.Type == RelationType.Reject);
        x.Between("JOR", "ISR").ShouldNotContain(r => r.Polarity > 0);
    }

    [Fact]
    public void Could_is_hypothetical()
    {
        var x = Extract.Text("Russia could attack Ukraine.");
        x.Between("RUS", "UKR").ShouldHaveSingleItem().Modality.ShouldBe(Modality.Hypothetical);
    }

    [Fact]
    public void Will_is_future()
    {
        var x = Extract.Text("France will send aid to Lebanon.");
        x.Between("FRA", "LBN").ShouldContain(r => r.Type == RelationType.Aid && r.Modality == Modality.Future);
    }

    [Fact]
    public void Reported_speech_names_the_speaker_and_not_as_source()
    {
        var x = Extract.Text("Syrian Foreign Minister Walid Muallem said Turkey had attacked Syria.");
        var r = x.Between("TUR", "SYR").ShouldHaveSingleItem();
        r.SaidBy.ShouldBe("walid-muallem");
        r.Modality.ShouldBe(Modality.Reported);
        x.Relations.ShouldNotContain(r => r.Source == "walid-muallem");
    }

    [Fact]
    public void Trailing_attribution_after_a_quote()
    {
        var x = Extract.Text("\"Israel attacked Lebanon,\" Josh Earnest said.");
        x.Between("ISR", "LBN").ShouldHaveSingleItem().SaidBy.ShouldBe("josh-earnest");
    }

    [Fact]
    public void Pronouns_and_surnames_resolve_to_the_person_named_before()
    {
        var x = Extract.Text("White House spokesman Josh Earnest spoke on Monday. He condemned Russia. Later Earnest praised Germany.");
        x.Between("josh-earnest", "RUS").ShouldContain(r => r.Type == RelationType.Accuse);
        x.Between("josh-earnest", "DEU").ShouldContain(r => r.Type == RelationType.Support);
    }

    [Fact]
    public void An_unknown_titled_person_is_affiliated_by_the_title()
    {
        var x = Extract.Text("Syrian Deputy Minister Omar Testname met French officials in Paris.");
        var person = x.Actors.Single(a => a.Id == "omar-testname");
        person.Kind.ShouldBe(ActorKind.Person);
        person.Affiliations.ShouldContain(a => a.ActorId == "SYR");
        x.Between("omar-testname", "FRA").ShouldContain(r => r.Type == RelationType.Consult);
    }

    [Fact]
    public void Short_capital_names_match_only_in_capitals()
    {
        var x = Extract.Text("Is it true? Let us see what IS fighters did to us.");
        x.Actors.ShouldNotContain(a => a.Id == "USA");
        x.Actors.ShouldContain(a => a.Id == "islamic-state");
    }

    [Fact]
    public void Weekdays_resolve_to_the_last_one_before_publication()
    {
        // Friday 18 September 2015: "on Thursday" is the 17th.
        var x = Extract.Text("Russia attacked Ukraine on Thursday.", new DateTimeOffset(2015, 9, 18, 9, 0, 0, TimeSpan.Zero));
        x.Between("RUS", "UKR").ShouldHaveSingleItem().EventDate.ShouldBe(new DateOnly(2015, 9, 17));
    }

    [Fact]
    public void Places_are_never_relation_parties()
    {
        var x = Extract.Text("Syrian jets bombed Idlib on Tuesday.");
        x.Relations.ShouldNotContain(r => r.Source == "idlib" || r.Target == "idlib");
        x.Actors.ShouldNotContain(a => a.Kind == ActorKind.Location);
    }

    [Fact]
    public void Reduced_passive_backing_reads_the_agent_as_source()
    {
        var x = Extract.Text("Syrian rebels, backed by Turkey, seized the town.");
        x.Relations.ShouldContain(r => r.Source == "TUR" && r.Target.StartsWith("rebels", StringComparison.Ordinal) && r.Type == RelationType.Support);
        x.Relations.ShouldNotContain(r => r.Source.StartsWith("rebels", StringComparison.Ordinal) && r.Target == "TUR");
    }

    [Fact]
    public void Coordinated_objects_are_all_targets()
    {
        var x = Extract.Text("Gambian President Dawda Jawara will visit Mauritania and Senegal.");
        x.Relations.ShouldContain(r => r.Target == "MRT" && r.Type == RelationType.Consult && r.Modality == Modality.Future);
        x.Relations.ShouldContain(r => r.Target == "SEN" && r.Type == RelationType.Consult);
    }

    [Fact]
    public void An_apposition_is_not_a_second_subject()
    {
        var x = Extract.Text("Russia, Assad's ally, offered to remove the weapons.");
        x.Relations.ShouldNotContain(r => r.Source == "bashar-al-assad");
    }

    [Fact]
    public void Receiving_support_from_reads_the_giver_as_source()
    {
        var x = Extract.Text("Syrian rebels continue to receive support from Qatar.");
        x.Relations.ShouldContain(r => r.Source == "QAT" && r.Type == RelationType.Support);
        x.Relations.ShouldNotContain(r => r.Target == "QAT");
    }

    [Fact]
    public void Not_only_is_not_a_negation()
    {
        var x = Extract.Text("The US stayed not only to fight Isis but to train Iraq.");
        x.Between("USA", "islamic-state").ShouldContain(r => r.Type == RelationType.Assault && r.Modality != Modality.Negated);
    }

    [Fact]
    public void A_demonym_before_a_private_person_is_not_the_state()
    {
        var x = Extract.Text("A German woman, having surrendered to the Kurds, implored the guards to help.");
        x.Relations.ShouldNotContain(r => r.Source == "DEU");
    }

    [Fact]
    public void Extraction_is_the_same_in_parallel()
    {
        string text = File.ReadAllText(Path.Combine(Extract.RepoRoot(), "graph-seed", "articles", "us-open-to-talks-with-russia-on-syria.txt"));
        var article = new Article("p", text);
        string expected = string.Join('\n', Extract.Default.Extract(article).Relations);
        var results = new string[16];
        Parallel.For(0, results.Length, i => results[i] = string.Join('\n', Extract.Default.Extract(article).Relations));
        results.ShouldAllBe(r => r == expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("%%%% ;;;; ''' \"\" ’’ -- ... !!! ???")]
    [InlineData("\u0000\u0001 \uFFFF \uD800")]
    public void Empty_or_garbage_text_gives_no_relations_and_no_exception(string text)
    {
        var x = Extract.Text(text);
        x.Relations.ShouldBeEmpty();
    }

    [Fact]
    public void A_huge_text_without_sentences_does_not_throw()
    {
        var random = new Random(7);
        var chars = new char[2_000_000];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(32, 0x3000);
        }

        Should.NotThrow(() => Extract.Text(new string(chars)));
    }

    [Fact]
    public void A_past_form_after_the_object_of_a_preposition_is_a_reduced_relative_and_the_clause_goes_on()
    {
        var x = Extract.Text("Ghana opened its border to traders expelled from Nigeria, but refused entry to Ivorians.");
        x.Between("GHA", "CIV").ShouldContain(r => r.Type == RelationType.Reject);
        x.Relations.ShouldNotContain(r => r.Source == "NGA");
    }

    [Fact]
    public void A_noun_and_a_past_form_after_a_reporting_verb_are_the_clause_it_reports()
    {
        var x = Extract.Text("Officials said Syrian rebels fired on Turkish troops.");
        x.Relations.ShouldContain(r => r.Source == "rebels-syr" && r.Target == "TUR" && r.Type == RelationType.Assault);

        var passive = Extract.Text("Officials said prisoners held by Syria were freed.");
        passive.Relations.ShouldNotContain(r => r.Source == "text-prisoners");
    }

    [Fact]
    public void A_participle_inside_an_apposition_leaves_the_main_verb_to_the_subject_before_it()
    {
        var x = Extract.Text("Officials of the Arab League, a body based in Cairo, criticised Israel.");
        x.Between("ARL", "ISR").ShouldContain(r => r.Type == RelationType.Accuse);

        // A past form with an object after the comma is the clause's own verb.
        var own = Extract.Text("Sadly, the US accepted only 11 Syrian refugees in 2018, compared to 15,000 a year before.");
        own.Relations.ShouldContain(r => r.Source == "USA" && r.Type == RelationType.Aid);
    }

    [Fact]
    public void A_camp_for_people_stands_for_the_people_it_houses()
    {
        var x = Extract.Text("A camp for Syrian refugees was attacked by Turkish troops.");
        x.Relations.ShouldContain(r => r.Source == "TUR" && r.Target == "refugees-syr" && r.Type == RelationType.Assault);

        var state = Extract.Text("A camp for training was attacked by Turkish troops.");
        state.Relations.ShouldNotContain(r => r.Source == "TUR" && r.Target.StartsWith("text-", StringComparison.Ordinal));
    }

    [Fact]
    public void An_adverb_between_a_verb_and_its_preposition_keeps_them_one_verb()
    {
        var x = Extract.Text("Britain called repeatedly on Iran to release the sailors. France is pushing hard for Germany to back the plan.");
        x.Between("GBR", "IRN").ShouldContain(r => r.Type == RelationType.Request);
        x.Between("FRA", "DEU").ShouldContain(r => r.Type == RelationType.Request);
        x.Relations.ShouldNotContain(r => r.Source == "GBR" && r.Type == RelationType.Consult);
    }

    [Fact]
    public void Respectively_pairs_each_subject_with_its_own_object()
    {
        var x = Extract.Text("Russia and Turkey backed Assad and the Free Syrian Army respectively.");
        x.Between("RUS", "bashar-al-assad").ShouldContain(r => r.Type == RelationType.Support);
        x.Between("TUR", "free-syrian-army").ShouldContain(r => r.Type == RelationType.Support);
        x.Between("RUS", "free-syrian-army").ShouldBeEmpty();
        x.Between("TUR", "bashar-al-assad").ShouldBeEmpty();
    }

    [Fact]
    public void A_form_that_is_only_ever_a_participle_is_never_the_main_verb()
    {
        var x = Extract.Text("They asked about Ian Pole, the British aid worker taken hostage by Islamic State.");
        x.Relations.ShouldContain(r => r.Source == "islamic-state" && r.Target == "GBR" && r.Type == RelationType.Coerce);
        x.Relations.ShouldNotContain(r => r.Source == "GBR");

        // A regular past form stays a past tense.
        var regular = Extract.Text("Irish guerrillas wounded two British soldiers.");
        regular.Relations.ShouldContain(r => r.Target == "GBR" && r.Type == RelationType.Assault);
    }

    [Fact]
    public void It_never_stands_for_a_person_and_may_stand_for_the_one_addressed()
    {
        var x = Extract.Text("Jacques Chirac gave a lecture to Iraq on why it must cooperate with UN inspectors.");
        x.Relations.ShouldContain(r => r.Source == "IRQ" && r.Target == "UNO" && r.Type == RelationType.Cooperate);
        x.Relations.ShouldNotContain(r => r.Target == "UNO" && r.Source != "IRQ");
    }
}
