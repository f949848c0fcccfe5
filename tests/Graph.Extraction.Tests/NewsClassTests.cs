using Graph.Core.Domain;

namespace Graph.Extraction.Tests;

/// <summary>
/// Classes of error seen on Guardian-style news about Syria, one invented passage per class: what must be read, and what
/// must not appear.
/// </summary>
public class NewsClassTests
{
    private const string SyrianBackground =
        "The Syrian regime bombed rebels in Idlib on Monday. Assad's forces shelled Hama. Syria denied using chemical weapons. Damascus blamed the rebels. ";

    [Fact]
    public void A_bare_government_in_a_british_paragraph_is_britain_not_the_article_state()
    {
        var x = Extract.Text(SyrianBackground
            + "In London, Theresa May said Britain was ready to act. Downing Street said British jets were on standby. "
            + "Labour leader Jeremy Corbyn accused the government of waiting for instructions from Washington.");
        x.Between("jeremy-corbyn", "GBR").ShouldContain(r => r.Type == RelationType.Accuse);
        x.Between("jeremy-corbyn", "SYR").ShouldBeEmpty();
    }

    [Fact]
    public void An_opposition_politician_names_his_own_government_even_after_talk_of_the_syrian_government()
    {
        var x = Extract.Text(SyrianBackground + "Ministers said the Syrian government was responsible for the attack. "
            + "Labour leader Jeremy Corbyn accused the government of recklessness.");
        x.Between("jeremy-corbyn", "GBR").ShouldContain(r => r.Type == RelationType.Accuse);
        x.Between("jeremy-corbyn", "SYR").ShouldBeEmpty();
    }

    [Fact]
    public void A_government_backed_by_a_foreign_state_is_not_that_state_and_places_do_not_count()
    {
        var x = Extract.Text("The UK government condemned the attack. Britain and France said they would respond in Syria. "
            + "In the Syrian conflict, Russia is backing the government.");
        x.Between("RUS", "SYR").ShouldContain(r => r.Type == RelationType.Support);
        x.Relations.ShouldNotContain(r => r.Source == "RUS" && r.Target == "GBR");
    }

    [Fact]
    public void Without_another_state_near_it_the_regime_is_the_article_state()
    {
        var x = Extract.Text(SyrianBackground + "Rebels said the regime attacked a hospital.");
        x.Relations.ShouldContain(r => r.Source == "SYR" && r.Type == RelationType.Assault);
    }

    [Fact]
    public void Urging_someone_to_act_is_a_request_to_them_and_the_act_is_theirs_and_only_asked_for()
    {
        var x = Extract.Text("Britain urged Turkey to support the Kurds in their fight.");
        x.Between("GBR", "TUR").ShouldContain(r => r.Type == RelationType.Request);
        x.Between("GBR", "kurds").ShouldBeEmpty();
        x.Between("TUR", "kurds").ShouldAllBe(r => r.Modality == Modality.Hypothetical);

        var unnamed = Extract.Text("Donald Trump urged European allies to attack Iran.");
        unnamed.Between("donald-trump", "IRN").ShouldBeEmpty();

        // A name is no control verb: "the Associated Press" presses nobody.
        var name = Extract.Text("According to a version of events in the Associated Press, the US position was to demand that Turkey stall its offensive.");
        name.Between("USA", "TUR").ShouldContain(r => r.Type == RelationType.Request);
    }

    [Fact]
    public void A_promise_to_act_on_someone_is_no_agreement_with_them()
    {
        var x = Extract.Text("Turkey had promised to remove the militants from the border areas.");
        x.Relations.ShouldNotContain(r => r.Source == "TUR" && r.Type == RelationType.Agree);

        var partner = Extract.Text("Putin offered to negotiate with Armenia.");
        partner.Relations.ShouldContain(r => r.Source == "vladimir-putin" && r.Target == "ARM" && r.Polarity > 0);

        var purpose = Extract.Text("US troops are fighting to defeat Islamic State in the east.");
        purpose.Relations.ShouldContain(r => r.Source == "USA" && r.Type == RelationType.Assault);

        var topic = Extract.Text("Theresa May has called an emergency cabinet meeting to discuss the UK joining the US and France.");
        topic.Relations.ShouldNotContain(r => r.Source == "theresa-may" && r.Type == RelationType.Consult);
    }

    [Fact]
    public void An_infinitive_after_a_subordinate_clause_belongs_to_that_clause()
    {
        var x = Extract.Text("Russia sent jets to attack Idlib, as foreign ministers gathered in Brussels to pledge money to support Jordan and Lebanon.");
        x.Relations.ShouldNotContain(r => r.Source == "RUS" && (r.Target == "JOR" || r.Target == "LBN"));
    }

    [Fact]
    public void A_state_apposed_to_a_place_after_a_compass_point_is_no_actor()
    {
        var x = Extract.Text("Her father, speaking from Sylhet district, north-east Bangladesh, also accused the UK authorities of failing her.");
        x.Relations.ShouldNotContain(r => r.Source == "BGD");
    }

    [Fact]
    public void Forces_qualified_by_a_people_are_that_people_not_the_state_they_stand_in()
    {
        var x = Extract.Text("US-backed Kurdish forces in Syria have almost dismantled Islamic State.");
        x.Between("USA", "kurds").ShouldContain(r => r.Type == RelationType.Support);
        x.Between("USA", "SYR").ShouldBeEmpty();
    }

    [Fact]
    public void A_demonym_before_a_named_group_qualifies_it()
    {
        var x = Extract.Text("Ties have been frayed by Washington's support for the Syrian Kurdish YPG militia.");
        x.Between("USA", "ypg").ShouldContain(r => r.Type == RelationType.Support);
        x.Between("USA", "SYR").ShouldBeEmpty();
    }

    [Fact]
    public void Aid_workers_are_people_not_an_act_of_aid()
    {
        var x = Extract.Text("British, US, Japanese and Russian hostages were murdered, among them aid workers.");
        x.Relations.ShouldNotContain(r => r.Type == RelationType.Aid);
    }

    [Fact]
    public void He_is_not_a_person_named_several_sentences_before()
    {
        var x = Extract.Text("Donald Trump spoke on Monday. Markets fell in Asia. Traders were worried. Prices rose again by evening. "
            + "He was taken hostage by Islamic State.");
        x.Relations.ShouldNotContain(r => r.Source == "donald-trump" || r.Target == "donald-trump");
    }

    [Fact]
    public void A_reporting_word_that_qualifies_a_noun_makes_no_speaker()
    {
        var x = Extract.Text("France reminded Iraq that it must cooperate fully with UN inspectors probing suspect sites.");
        x.Between("FRA", "IRQ").ShouldContain(r => r.Type == RelationType.Request);
        x.Relations.ShouldNotContain(r => r.Source == "UNO");
    }

    [Fact]
    public void The_party_of_an_event_noun_after_a_verb_is_not_the_verbs_object()
    {
        var x = Extract.Text("Russia's defence ministry confirmed it had hit Idlib in coordination with Turkey.");
        x.Between("RUS", "TUR").ShouldContain(r => r.Type == RelationType.Cooperate);
        x.Between("RUS", "TUR").ShouldNotContain(r => r.Type == RelationType.Assault);
    }

    [Fact]
    public void A_verbs_object_does_not_reach_into_a_coordinated_verb()
    {
        var x = Extract.Text("Foreign Secretary Boris Johnson welcomed the report and called on the Kremlin to provide answers.");
        x.Relations.ShouldContain(r => r.Target == "RUS" && r.Type == RelationType.Request);
        x.Relations.ShouldNotContain(r => r.Target == "RUS" && r.Type == RelationType.Support);
    }

    [Fact]
    public void A_question_asserts_nothing()
    {
        var x = Extract.Text("Will Russia attack Turkey when the talks fail?");
        x.Between("RUS", "TUR").ShouldNotContain(r => r.Modality == Modality.Asserted || r.Modality == Modality.Future);
    }

    [Fact]
    public void What_happens_only_unless_a_condition_is_met_is_hypothetical()
    {
        var x = Extract.Text("No money for reconstruction would be released unless Assad agreed to a political transition with the UN.");
        x.Relations.ShouldAllBe(r => r.Modality != Modality.Asserted);
    }

    [Fact]
    public void Positions_an_actor_holds_stand_for_it_but_a_place_it_holds_is_only_a_place()
    {
        var x = Extract.Text("Syrian forces attacked ISIL positions near the river.");
        x.Between("SYR", "islamic-state").ShouldContain(r => r.Type == RelationType.Assault);

        var held = Extract.Text("Government troops shelled a rebel-held village in Syria.");
        held.Between("SYR", "rebels-syr").ShouldContain(r => r.Type == RelationType.Assault);

        var stronghold = Extract.Text("Russia moved tanks to an airport in Assad's coastal stronghold.");
        stronghold.Relations.ShouldNotContain(r => r.Target == "bashar-al-assad");
    }

    [Fact]
    public void A_question_opening_with_a_modal_reads_as_a_statement_that_is_not_asserted()
    {
        var x = Extract.Text("Will Russia hit back at the US over the strikes?");
        x.Between("RUS", "USA").ShouldNotBeEmpty();
        x.Between("RUS", "USA").ShouldAllBe(r => r.Modality != Modality.Asserted);
    }

    [Fact]
    public void The_people_of_a_state_and_its_government_and_people_stand_for_that_state()
    {
        var x = Extract.Text("Norway said it would stand with the people of Chile.");
        x.Between("NOR", "CHL").ShouldContain(r => r.Type == RelationType.Support);

        var both = Extract.Text("Canada praised the government and people of Haiti.");
        both.Between("CAN", "HTI").ShouldContain(r => r.Type == RelationType.Support);

        var counted = Extract.Text("Gunmen killed 12 people in a village in Mali.");
        counted.Relations.ShouldContain(r => r.Target == "civilians-mli" && r.Type == RelationType.Assault);
    }

    [Fact]
    public void The_coalition_of_a_story_is_the_one_named_or_the_one_its_enemy_implies_and_a_coalition_of_parties_is_none()
    {
        var bare = Extract.Text("Islamic State fighters fled the town. A coalition airstrike hit an Islamic State convoy near Raqqa.");
        bare.Between("global-coalition", "islamic-state").ShouldContain(r => r.Type == RelationType.Assault);

        var yemen = Extract.Text("Houthi fighters advanced on the port. On Tuesday, coalition warplanes bombed Houthi positions.");
        yemen.Between("saudi-led-coalition", "ansar-allah").ShouldContain(r => r.Type == RelationType.Assault);
        yemen.Relations.ShouldNotContain(r => r.Source == "global-coalition");

        var parties = Extract.Text("Islamic State claimed the bombing in Kabul. The coalition government in Berlin condemned the attack.");
        parties.Relations.ShouldNotContain(r => r.Source == "global-coalition");

        var rebels = Extract.Text("Islamic State lost the town. A coalition of rebel groups attacked the army.");
        rebels.Relations.ShouldNotContain(r => r.Source == "global-coalition");
    }

    [Fact]
    public void A_minister_of_a_portfolio_of_a_state_is_that_states_official()
    {
        var x = Extract.Text("The President of the Republic of Peru met the Minister of Defence of Chile.");
        x.Between("PER", "CHL").ShouldContain(r => r.Type == RelationType.Consult);

        var press = Extract.Text("The Minister of Foreign Affairs of Peru met reporters in Lima.");
        press.Relations.ShouldBeEmpty();
    }

    [Fact]
    public void A_speaker_after_a_comma_is_no_coordinated_target()
    {
        var x = Extract.Text("Iran's attack on Israel, Jordan said, was expected.");
        x.Between("IRN", "ISR").ShouldContain(r => r.Type == RelationType.Assault);
        x.Relations.ShouldNotContain(r => r.Source == "IRN" && r.Target == "JOR");

        var list = Extract.Text("Iran's attacks on Israel, Jordan and Iraq were condemned.");
        list.Relations.ShouldContain(r => r.Source == "IRN" && r.Target == "JOR");
    }
}
