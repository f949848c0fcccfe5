using Graph.Core.Domain;
using Graph.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Graph.Store.Tests;

/// <summary>
/// What every <see cref="IGraphStore"/> must do, whatever it runs on. A store's test class derives from this
/// and only says how to create, share and reopen its store; every behaviour test runs against it unchanged.
/// </summary>
public abstract class GraphStoreBehaviour : IAsyncLifetime
{
    /// <summary>The clock every store under test must be given, so ingestion times can be checked exactly.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected IGraphStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A store over empty, initialised storage of its own, using <see cref="Clock"/>.</summary>
    protected abstract Task<IGraphStore> CreateEmptyStoreAsync();

    /// <summary>A second, independent client of the same storage, as another process would open it.</summary>
    protected abstract Task<IGraphStore> OpenSameStoreAsync();

    /// <summary>Closes every client of the storage and opens it again, as after a restart.</summary>
    protected abstract Task<IGraphStore> ReopenAsync();

    public virtual async ValueTask InitializeAsync() => Store = await CreateEmptyStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected Task<SaveResult> SaveAsync(Sample sample, string version = "v1") =>
        SaveAsync(Store, sample, version);

    protected static Task<SaveResult> SaveAsync(IGraphStore store, Sample sample, string version = "v1") =>
        store.SaveArticleAsync(sample.Article, sample.Extraction, version, Ct);

    protected Task<IReadOnlyList<Evidence>> EvidenceAsync(EvidenceFilter filter) => Store.GetEvidenceAsync(filter, Ct);

    protected async Task SaveBothAsync()
    {
        await SaveAsync(Sample.RussiaBacksAssad());
        await SaveAsync(Sample.RussiaRebuffsWashington());
    }

    private static string[] Sentences(IEnumerable<Evidence> evidence) => [.. evidence.Select(e => e.Sentence)];

    [Fact]
    public async Task Empty_store_has_nothing()
    {
        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(0, 0, 0, 0));
        (await Store.CheckAsync(Sample.RussiaBacksAssad().Article, "v1", skipDuplicateText: true, Ct)).ShouldBeNull();
        (await Store.GetArticleAsync("russia-backs-assad", Ct)).ShouldBeNull();
        (await Store.GetActorAsync("RUS", Ct)).ShouldBeNull();
        (await Store.FindActorsByNameAsync("Russia", Ct)).ShouldBeEmpty();
        (await EvidenceAsync(new EvidenceFilter())).ShouldBeEmpty();
        var actors = await Store.SearchActorsAsync(new ActorSearch(), Ct);
        actors.Items.ShouldBeEmpty();
        actors.TotalCount.ShouldBe(0);
        actors.HasNextPage.ShouldBeFalse();
    }

    [Fact]
    public async Task Saved_article_reads_back_with_every_field()
    {
        var sample = Sample.RussiaBacksAssad();

        var saved = await SaveAsync(sample);

        saved.ShouldBe(new SaveResult(SaveOutcome.Added, 4, 4, 0));
        var article = (await Store.GetArticleAsync("russia-backs-assad", Ct)).ShouldNotBeNull();
        article.ShouldBe(new StoredArticle(
            "russia-backs-assad",
            "Russia backs Assad",
            "https://example.org/russia-backs-assad",
            "guardian",
            Sample.March1,
            sample.Article.ContentHash,
            "v1",
            Clock.GetUtcNow(),
            sample.Article.Text));
        (await Store.CheckAsync(sample.Article, "v1", ct: Ct)).ShouldBe(SaveResult.Unchanged);
        (await Store.CheckAsync(sample.Article, "v2", ct: Ct)).ShouldBeNull("another extractor version makes it stale");
        (await Store.CheckAsync(sample.Article with { Text = sample.Article.Text + " More." }, "v1", ct: Ct)).ShouldBeNull("changed text makes it stale");
    }

    [Fact]
    public async Task Saved_actors_read_back_with_codes_aliases_and_dated_affiliations()
    {
        await SaveAsync(Sample.RussiaBacksAssad());

        var russia = (await Store.GetActorAsync("RUS", Ct)).ShouldNotBeNull();
        russia.Name.ShouldBe("Russia");
        russia.Kind.ShouldBe(ActorKind.Country);
        russia.Aliases.ShouldBe(["Moscow", "the Kremlin"]);
        russia.Codes.ShouldBe(new Dictionary<string, string> { ["iso3"] = "RUS", ["cameo"] = "RUS" }, ignoreOrder: true);
        russia.Affiliations.ShouldBeEmpty();

        var assad = (await Store.GetActorAsync("bashar-al-assad", Ct)).ShouldNotBeNull();
        assad.Name.ShouldBe("Bashar al-Assad");
        assad.Kind.ShouldBe(ActorKind.Person);
        assad.Aliases.ShouldBe(["Assad", "President Assad"]);
        assad.Affiliations.ShouldBe([new Affiliation("SYR", "president", new DateOnly(2000, 7, 17), null)]);
        assad.Codes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Of_two_spellings_of_a_name_or_alias_the_one_that_sorts_first_stays_whatever_the_order()
    {
        // Two workers may store two articles in either order; the graph must come out the same.
        var first = Sample.RussiaBacksAssad();
        var second = first with
        {
            Article = first.Article with { Id = "second-spelling", Text = first.Article.Text + " Asad, again." },
            Extraction = first.Extraction with
            {
                Article = first.Extraction.Article with { Id = "second-spelling" },
                Actors = [.. first.Extraction.Actors.Select(a => a.Id == "bashar-al-assad" ? a with { Name = "Bashar al-Asad", Aliases = ["ASSAD"] } : a)],
            },
        };

        await SaveAsync(first);
        await SaveAsync(second);

        var assad = (await Store.GetActorAsync("bashar-al-assad", Ct)).ShouldNotBeNull();
        assad.Name.ShouldBe("Bashar al-Asad");
        assad.Aliases.ShouldContain("ASSAD");
        assad.Aliases.ShouldNotContain("Assad");
    }

    [Fact]
    public async Task Saved_evidence_reads_back_with_offsets_modality_speaker_and_dates()
    {
        var sample = Sample.RussiaBacksAssad();
        await SaveAsync(sample);

        var evidence = await EvidenceAsync(new EvidenceFilter { ArticleId = "russia-backs-assad" });

        evidence.Count.ShouldBe(4);
        evidence.Select(e => e.Id).Distinct().Count().ShouldBe(4);
        evidence.ShouldAllBe(e => sample.Article.Text.Substring(e.Start, e.End - e.Start) == e.Sentence);
        var aid = evidence.Single(e => e.Type == RelationType.Aid);
        (aid with { Id = "" }).ShouldBe(new Evidence(
            "", "russia-backs-assad", "RUS", "SYR", RelationType.Aid, 1, 10.0, 0.9, Modality.Asserted,
            "Moscow sent weapons to Damascus on 28 February.", 53, 100, null, new DateOnly(2024, 2, 28),
            Sample.March1, "Russia backs Assad", "https://example.org/russia-backs-assad", "v1"));
        var accuse = evidence.Single(e => e.Type == RelationType.Accuse);
        accuse.Modality.ShouldBe(Modality.Reported);
        accuse.SaidBy.ShouldBe("State Department");
        accuse.Polarity.ShouldBe(-1);
        accuse.Score.ShouldBe(-3.0);
        accuse.Confidence.ShouldBe(0.7);
        accuse.EventDate.ShouldBeNull();
        evidence.Single(e => e.Type == RelationType.Consult).Modality.ShouldBe(Modality.Negated);
    }

    [Fact]
    public async Task Saving_the_same_article_and_version_again_is_unchanged_and_adds_nothing()
    {
        await SaveAsync(Sample.RussiaBacksAssad());
        Clock.Advance(TimeSpan.FromHours(1));

        var again = await SaveAsync(Sample.RussiaBacksAssad());

        again.Outcome.ShouldBe(SaveOutcome.Unchanged);
        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(1, 4, 4, 4));
        (await EvidenceAsync(new EvidenceFilter())).Count.ShouldBe(4);
        (await Store.GetArticleAsync("russia-backs-assad", Ct))!.IngestedAt.ShouldBe(Clock.GetUtcNow() - TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task A_new_extractor_version_rewrites_the_evidence_without_duplicates()
    {
        var first = await SaveAsync(Sample.RussiaBacksAssad(), "v1");
        var ids = (await EvidenceAsync(new EvidenceFilter())).Select(e => e.Id).Order().ToList();

        var second = await SaveAsync(Sample.RussiaBacksAssad(), "v2");

        first.Outcome.ShouldBe(SaveOutcome.Added);
        second.ShouldBe(new SaveResult(SaveOutcome.Updated, 4, 4, 0));
        var evidence = await EvidenceAsync(new EvidenceFilter());
        evidence.Select(e => e.Id).Order().ShouldBe(ids);
        evidence.ShouldAllBe(e => e.ExtractorVersion == "v2");
        (await Store.GetArticleAsync("russia-backs-assad", Ct))!.ExtractorVersion.ShouldBe("v2");
    }

    [Fact]
    public async Task Changed_text_replaces_the_evidence_and_reports_what_was_removed()
    {
        await SaveAsync(Sample.RussiaBacksAssad());
        var edited = Sample.Build("russia-backs-assad")
            .Titled("Russia backs Assad (updated)")
            .PublishedAt(Sample.March1)
            .With(Sample.Russia, Sample.Assad, Sample.Turkey)
            .Says("RUS", RelationType.Support, "bashar-al-assad", "Russia pledged its full support for Bashar al-Assad.")
            .Says("RUS", RelationType.Threaten, "TUR", "Russia warned Turkey.")
            .Build();

        var saved = await SaveAsync(edited);

        saved.ShouldBe(new SaveResult(SaveOutcome.Updated, 3, 2, 3));
        var evidence = await EvidenceAsync(new EvidenceFilter { ArticleId = "russia-backs-assad" });
        evidence.Select(e => e.Type).ShouldBe([RelationType.Support, RelationType.Threaten]);
        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(1, 5, 2, 2));
        var article = (await Store.GetArticleAsync("russia-backs-assad", Ct))!;
        article.Title.ShouldBe("Russia backs Assad (updated)");
        article.Text.ShouldBe(edited.Article.Text);
        article.ContentHash.ShouldBe(edited.Article.ContentHash);
    }

    [Fact]
    public async Task Actors_named_by_two_articles_are_merged_not_duplicated()
    {
        await SaveAsync(Sample.RussiaBacksAssad());
        var other = Sample.Build("other")
            .With(
                new Actor("RUS", "Russian Federation", ActorKind.Organization, ["MOSCOW", "RF"], [new Affiliation("CIS", "member", null, new DateOnly(2030, 1, 1))],
                    new Dictionary<string, string> { ["iso3"] = "XXX", ["gw"] = "365" }),
                Sample.Turkey)
            .Says("TUR", RelationType.Consult, "RUS", "Turkey and Russia held talks.")
            .Build();

        await SaveAsync(other);

        (await Store.GetStatsAsync(Ct)).Actors.ShouldBe(5);
        var russia = (await Store.GetActorAsync("RUS", Ct))!;
        russia.Name.ShouldBe("Russia");
        russia.Kind.ShouldBe(ActorKind.Country);
        russia.Aliases.ShouldBe(["MOSCOW", "the Kremlin", "RF"]); // of two casings the one that sorts first, whatever the order
        russia.Codes.ShouldBe(new Dictionary<string, string> { ["iso3"] = "RUS", ["cameo"] = "RUS", ["gw"] = "365" }, ignoreOrder: true);
        russia.Affiliations.ShouldBe([new Affiliation("CIS", "member", null, new DateOnly(2030, 1, 1))]);
        (await Store.FindActorsByNameAsync("Russia", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_affiliation_saved_twice_is_stored_once()
    {
        await SaveAsync(Sample.RussiaBacksAssad("a"));
        await SaveAsync(Sample.RussiaBacksAssad("b"));

        (await Store.GetActorAsync("bashar-al-assad", Ct))!.Affiliations.Count.ShouldBe(1);
        (await Store.GetActorAsync("RUS", Ct))!.Aliases.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("moscow")]
    [InlineData("MOSCOW")]
    [InlineData("rus")]
    [InlineData("russia")]
    [InlineData("The Kremlin")]
    [InlineData(" Russia ")]
    public async Task FindActorsByName_matches_id_name_or_alias_ignoring_case(string name)
    {
        await SaveAsync(Sample.RussiaBacksAssad());

        var found = await Store.FindActorsByNameAsync(name, Ct);

        found.Select(a => a.Id).ShouldBe(["RUS"]);
        found[0].Aliases.ShouldBe(["Moscow", "the Kremlin"]);
    }

    [Theory]
    [InlineData("Mosc")]
    [InlineData("Moscow Kremlin")]
    [InlineData("")]
    [InlineData("%")]
    public async Task FindActorsByName_does_not_match_parts_or_patterns(string name)
    {
        await SaveAsync(Sample.RussiaBacksAssad());

        (await Store.FindActorsByNameAsync(name, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task FindActorsByName_puts_the_exact_name_first_then_the_actor_with_more_evidence()
    {
        var georgia = Actor.Create("GEO", "Georgia", ActorKind.Country);
        var usState = new Actor("georgia-us", "Georgia (US state)", ActorKind.Location, ["Georgia"], [], new Dictionary<string, string>());
        var hafez = new Actor("hafez-al-assad", "Hafez al-Assad", ActorKind.Person, ["Assad"], [], new Dictionary<string, string>());
        await SaveAsync(Sample.Build("places").With(usState, hafez, georgia).Build());
        await SaveAsync(Sample.RussiaBacksAssad());

        (await Store.FindActorsByNameAsync("georgia", Ct)).Select(a => a.Id).ShouldBe(["GEO", "georgia-us"]);
        (await Store.FindActorsByNameAsync("assad", Ct)).Select(a => a.Id).ShouldBe(["bashar-al-assad", "hafez-al-assad"]);
    }

    [Theory]
    [InlineData("RUS", "RUS")]
    [InlineData("rus", "RUS")]
    [InlineData(" Moscow ", "RUS")]
    [InlineData("assad", "bashar-al-assad")]
    [InlineData("russia", "russia")]
    [InlineData("Russia", "RUS")]
    public async Task ResolveActor_takes_the_exact_id_first_then_the_best_name_or_alias(string reference, string expected)
    {
        // Exactly "russia" is this actor's id, though the name of RUS, which has more evidence, matches too.
        var shell = Actor.Create("russia", "Russian Federation (shell company)", ActorKind.Organization);
        await SaveAsync(Sample.Build("shell").With(shell).Build());
        await SaveAsync(Sample.RussiaBacksAssad());

        var found = (await Store.ResolveActorAsync(reference, Ct)).ShouldNotBeNull();

        found.Id.ShouldBe(expected);
        found.ShouldBeEquivalentTo((await Store.GetActorsAsync([expected], Ct))[expected]);
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("Mosc")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("%")]
    public async Task ResolveActor_returns_null_when_nothing_matches(string reference)
    {
        await SaveAsync(Sample.RussiaBacksAssad());

        (await Store.ResolveActorAsync(reference, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task GetActors_returns_the_ids_that_exist_and_skips_the_others()
    {
        await SaveAsync(Sample.RussiaBacksAssad());

        var found = await Store.GetActorsAsync(["RUS", "SYR", "nobody", "RUS"], Ct);

        found.Keys.ShouldBe(["RUS", "SYR"], ignoreOrder: true);
        found["SYR"].Aliases.ShouldBe(["Damascus"]);
        (await Store.GetActorsAsync([], Ct)).ShouldBeEmpty();
        (await Store.GetActorsAsync(["rus"], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Evidence_is_newest_first()
    {
        await SaveBothAsync();

        var all = await EvidenceAsync(new EvidenceFilter());

        Sentences(all).ShouldBe([
            "Russia rejected the American proposal.",
            "The Kremlin again turned Washington down.",
            "Turkey will strike Syria if attacks continue.",
            "Russia pledged its full support for Bashar al-Assad.",
            "Moscow sent weapons to Damascus on 28 February.",
            "Washington accused Moscow of prolonging the war, an official said.",
            "The United States did not meet Syrian officials.",
        ]);
    }

    [Fact]
    public async Task Evidence_filters_by_source_target_or_either_end()
    {
        await SaveBothAsync();

        (await EvidenceAsync(new EvidenceFilter { SourceIds = ["RUS"] })).Select(e => e.Type)
            .ShouldBe([RelationType.Reject, RelationType.Reject, RelationType.Support, RelationType.Aid]);
        (await EvidenceAsync(new EvidenceFilter { TargetIds = ["RUS"] })).Select(e => e.Type).ShouldBe([RelationType.Accuse]);
        (await EvidenceAsync(new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["USA"] })).Count.ShouldBe(2);
        (await EvidenceAsync(new EvidenceFilter { SourceIds = ["USA"], TargetIds = ["RUS", "SYR"] })).Select(e => e.Type)
            .ShouldBe([RelationType.Accuse, RelationType.Consult]);
        (await EvidenceAsync(new EvidenceFilter { ActorIds = ["RUS"] })).Select(e => e.Type)
            .ShouldBe([RelationType.Reject, RelationType.Reject, RelationType.Support, RelationType.Aid, RelationType.Accuse]);
        (await EvidenceAsync(new EvidenceFilter { ActorIds = ["TUR", "bashar-al-assad"] })).Select(e => e.Type)
            .ShouldBe([RelationType.Threaten, RelationType.Support]);
        (await EvidenceAsync(new EvidenceFilter { SourceIds = ["nobody"] })).ShouldBeEmpty();
        (await EvidenceAsync(new EvidenceFilter { SourceIds = ["rus"] })).ShouldBeEmpty();
    }

    [Fact]
    public async Task Evidence_filters_by_type_polarity_modality_and_confidence()
    {
        await SaveBothAsync();

        (await EvidenceAsync(new EvidenceFilter { Types = [RelationType.Aid, RelationType.Threaten] })).Select(e => e.Type)
            .ShouldBe([RelationType.Threaten, RelationType.Aid]);
        (await EvidenceAsync(new EvidenceFilter { Polarity = -1 })).Select(e => e.Type)
            .ShouldBe([RelationType.Reject, RelationType.Reject, RelationType.Threaten, RelationType.Accuse]);
        (await EvidenceAsync(new EvidenceFilter { Modalities = [Modality.Negated] })).Select(e => e.Type).ShouldBe([RelationType.Consult]);
        (await EvidenceAsync(new EvidenceFilter { Modalities = [Modality.Reported, Modality.Future] })).Select(e => e.Type)
            .ShouldBe([RelationType.Threaten, RelationType.Accuse]);
        (await EvidenceAsync(new EvidenceFilter { MinConfidence = 0.8 })).Select(e => e.Confidence).ShouldBe([0.8, 0.9, 0.9]);
        (await EvidenceAsync(new EvidenceFilter { SourceIds = ["RUS"], Types = [RelationType.Reject], MinConfidence = 0.79 })).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Evidence_filters_by_day_using_the_event_date_when_the_sentence_gives_one()
    {
        await SaveBothAsync();

        (await EvidenceAsync(new EvidenceFilter { Since = new DateOnly(2024, 3, 1), Until = new DateOnly(2024, 3, 31) })).Select(e => e.Type)
            .ShouldBe([RelationType.Support, RelationType.Accuse, RelationType.Consult]);
        (await EvidenceAsync(new EvidenceFilter { Until = new DateOnly(2024, 2, 28) })).Select(e => e.Type).ShouldBe([RelationType.Aid]);
        // Published 10 May 18:00 at UTC+2 is 10 May 16:00 UTC: the day is the UTC one.
        (await EvidenceAsync(new EvidenceFilter { Since = new DateOnly(2024, 5, 10) })).Count.ShouldBe(3);
        (await EvidenceAsync(new EvidenceFilter { Since = new DateOnly(2024, 5, 11) })).ShouldBeEmpty();
    }

    [Fact]
    public async Task Evidence_limit_keeps_the_newest_rows()
    {
        await SaveBothAsync();

        Sentences(await EvidenceAsync(new EvidenceFilter { Limit = 2 }))
            .ShouldBe(["Russia rejected the American proposal.", "The Kremlin again turned Washington down."]);
        (await EvidenceAsync(new EvidenceFilter { Limit = 0 })).ShouldBeEmpty();
        (await EvidenceAsync(new EvidenceFilter { Limit = 100 })).Count.ShouldBe(7);
    }

    [Fact]
    public async Task Evidence_without_a_published_date_comes_last_and_has_no_day_unless_the_sentence_dates_it()
    {
        await SaveBothAsync();
        await SaveAsync(Sample.Build("undated")
            .With(Sample.Turkey, Sample.Syria)
            .Says("TUR", RelationType.Assault, "SYR", "Turkish jets bombed Syrian positions.")
            .Says("TUR", RelationType.Mobilize, "SYR", "Turkey massed troops at the border on 3 April 2024.", eventDate: new DateOnly(2024, 4, 3))
            .Build());

        var all = await EvidenceAsync(new EvidenceFilter());

        all[^2].ArticleId.ShouldBe("undated");
        all[^1].ArticleId.ShouldBe("undated");
        all[^2].PublishedAt.ShouldBeNull();
        (await EvidenceAsync(new EvidenceFilter { Since = new DateOnly(2024, 1, 1) })).Select(e => e.Type).ShouldNotContain(RelationType.Assault);
        (await EvidenceAsync(new EvidenceFilter { Since = new DateOnly(2024, 4, 1), Until = new DateOnly(2024, 4, 30) })).Select(e => e.Type)
            .ShouldBe([RelationType.Mobilize]);
    }

    [Fact]
    public async Task SearchActors_ranks_by_evidence_then_name_and_pages_with_totals()
    {
        await SaveBothAsync();

        var first = await Store.SearchActorsAsync(new ActorSearch(First: 2), Ct);
        var last = await Store.SearchActorsAsync(new ActorSearch(First: 2, Offset: 4), Ct);
        var beyond = await Store.SearchActorsAsync(new ActorSearch(First: 2, Offset: 10), Ct);

        first.Items.Select(a => a.Id).ShouldBe(["RUS", "USA"]);
        first.TotalCount.ShouldBe(5);
        first.HasNextPage.ShouldBeTrue();
        last.Items.Select(a => a.Id).ShouldBe(["TUR"]);
        last.TotalCount.ShouldBe(5);
        last.HasNextPage.ShouldBeFalse();
        beyond.Items.ShouldBeEmpty();
        beyond.TotalCount.ShouldBe(5);
        (await Store.SearchActorsAsync(new ActorSearch(First: 10), Ct)).Items.Select(a => a.Id)
            .ShouldBe(["RUS", "USA", "SYR", "bashar-al-assad", "TUR"]);
    }

    [Fact]
    public async Task SearchActors_filters_by_text_in_name_or_alias_and_by_kind()
    {
        await SaveBothAsync();

        (await Store.SearchActorsAsync(new ActorSearch("syr"), Ct)).Items.Select(a => a.Id).ShouldBe(["SYR"]);
        (await Store.SearchActorsAsync(new ActorSearch("KREML"), Ct)).Items.Select(a => a.Id).ShouldBe(["RUS"]);
        (await Store.SearchActorsAsync(new ActorSearch("a", ActorKind.Person), Ct)).Items.Select(a => a.Id).ShouldBe(["bashar-al-assad"]);
        var countries = await Store.SearchActorsAsync(new ActorSearch(Kind: ActorKind.Country), Ct);
        countries.TotalCount.ShouldBe(4);
        countries.Items.ShouldAllBe(a => a.Kind == ActorKind.Country);
        (await Store.SearchActorsAsync(new ActorSearch("%"), Ct)).TotalCount.ShouldBe(0);
        (await Store.SearchActorsAsync(new ActorSearch("_"), Ct)).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task SearchActors_ranking_follows_replaced_evidence()
    {
        await SaveAsync(Sample.RussiaBacksAssad());
        await SaveAsync(Sample.Build("russia-backs-assad")
            .With(Sample.UnitedStates, Sample.Syria)
            .Says("USA", RelationType.Consult, "SYR", "The United States met Syrian officials.")
            .Build());

        (await Store.SearchActorsAsync(new ActorSearch(First: 10), Ct)).Items.Select(a => a.Id)
            .ShouldBe(["SYR", "USA", "bashar-al-assad", "RUS"]);
    }

    [Fact]
    public async Task SearchArticles_finds_text_in_title_or_body_within_dates_newest_first_without_text()
    {
        await SaveBothAsync();

        var all = await Store.SearchArticlesAsync(new ArticleSearch(), Ct);
        all.Items.Select(a => a.Id).ShouldBe(["russia-rebuffs-washington", "russia-backs-assad"]);
        all.Items.ShouldAllBe(a => a.Text == null);
        all.TotalCount.ShouldBe(2);
        (await Store.SearchArticlesAsync(new ArticleSearch("REBUFFS"), Ct)).Items.Select(a => a.Id).ShouldBe(["russia-rebuffs-washington"]);
        (await Store.SearchArticlesAsync(new ArticleSearch("weapons"), Ct)).Items.Select(a => a.Id).ShouldBe(["russia-backs-assad"]);
        (await Store.SearchArticlesAsync(new ArticleSearch(Since: new DateOnly(2024, 3, 2)), Ct)).Items.Select(a => a.Id).ShouldBe(["russia-rebuffs-washington"]);
        (await Store.SearchArticlesAsync(new ArticleSearch(Until: new DateOnly(2024, 3, 1)), Ct)).Items.Select(a => a.Id).ShouldBe(["russia-backs-assad"]);
        (await Store.SearchArticlesAsync(new ArticleSearch("nothing like this"), Ct)).TotalCount.ShouldBe(0);
        var page = await Store.SearchArticlesAsync(new ArticleSearch(First: 1), Ct);
        page.Items.Count.ShouldBe(1);
        page.TotalCount.ShouldBe(2);
        page.HasNextPage.ShouldBeTrue();
    }

    /// <summary>Turkey's warning of 20 June 2024: "Erdoğan" only in its text, "Damascus" in its title.</summary>
    private static Sample TurkeyWarnsDamascus() =>
        Sample.Build("turkey-warns-damascus")
            .Titled("Ankara warns Damascus")
            .PublishedAt(new DateTimeOffset(2024, 6, 20, 8, 0, 0, TimeSpan.Zero))
            .With(Sample.Turkey, Sample.Syria)
            .Says("TUR", RelationType.Threaten, "SYR", "Recep Tayyip Erdoğan said Turkey would strike Syria again.", Modality.Future)
            .Build();

    private async Task<string[]> ArticleIdsAsync(string? text, int first = 20, int offset = 0) =>
        [.. (await Store.SearchArticlesAsync(new ArticleSearch(text, First: first, Offset: offset), Ct)).Items.Select(a => a.Id)];

    [Fact]
    public async Task SearchArticles_needs_every_word_in_any_order_in_title_or_text_ignoring_case_and_accents()
    {
        await SaveBothAsync();
        await SaveAsync(TurkeyWarnsDamascus());

        (await ArticleIdsAsync("weapons Moscow")).ShouldBe(["russia-backs-assad"]);
        (await ArticleIdsAsync("moscow WEAPONS")).ShouldBe(["russia-backs-assad"]);
        (await ArticleIdsAsync("weapons Ankara")).ShouldBeEmpty("every word must appear, not any");
        (await ArticleIdsAsync("Erdogan")).ShouldBe(["turkey-warns-damascus"], "the word is only in the text, and accented there");
        (await ArticleIdsAsync("ERDOĞAN")).ShouldBe(["turkey-warns-damascus"]);
        (await ArticleIdsAsync("erdog\u0306an")).ShouldBe(["turkey-warns-damascus"], "a decomposed accent is part of its word");
        (await ArticleIdsAsync("ankara strike")).ShouldBe(["turkey-warns-damascus"], "one word in the title, one in the text");
        (await ArticleIdsAsync("  strike  ")).ShouldBe(["turkey-warns-damascus", "russia-rebuffs-washington"]);
        (await ArticleIdsAsync("Russia al-Assad")).ShouldBe(["russia-backs-assad"], "punctuation separates words");
    }

    [Fact]
    public async Task SearchArticles_takes_the_last_word_as_a_prefix_and_the_others_whole()
    {
        await SaveBothAsync();
        await SaveAsync(TurkeyWarnsDamascus());

        (await ArticleIdsAsync("Damasc")).ShouldBe(["turkey-warns-damascus", "russia-backs-assad"]);
        (await ArticleIdsAsync("weapons damasc")).ShouldBe(["russia-backs-assad"]);
        (await ArticleIdsAsync("damasc weapons")).ShouldBeEmpty("only the last word may be unfinished");
        (await ArticleIdsAsync("erdo")).ShouldBe(["turkey-warns-damascus"]);
    }

    [Fact]
    public async Task SearchArticles_with_text_keeps_the_order_dates_and_pages_of_a_plain_listing()
    {
        await SaveBothAsync();
        await SaveAsync(TurkeyWarnsDamascus());

        var first = await Store.SearchArticlesAsync(new ArticleSearch("strike", First: 1), Ct);
        first.Items.Select(a => a.Id).ShouldBe(["turkey-warns-damascus"]);
        first.TotalCount.ShouldBe(2);
        first.HasNextPage.ShouldBeTrue();
        var second = await Store.SearchArticlesAsync(new ArticleSearch("strike", First: 1, Offset: 1), Ct);
        second.Items.Select(a => a.Id).ShouldBe(["russia-rebuffs-washington"]);
        second.HasNextPage.ShouldBeFalse();
        second.Items.ShouldAllBe(a => a.Text == null);
        (await Store.SearchArticlesAsync(new ArticleSearch("damascus", Until: new DateOnly(2024, 5, 31)), Ct)).Items.Select(a => a.Id).ShouldBe(["russia-backs-assad"]);
        (await Store.SearchArticlesAsync(new ArticleSearch("damascus", Since: new DateOnly(2024, 6, 20)), Ct)).Items.Select(a => a.Id).ShouldBe(["turkey-warns-damascus"]);
        (await ArticleIdsAsync(" \t\n ")).ShouldBe(["turkey-warns-damascus", "russia-rebuffs-washington", "russia-backs-assad"], "blank text is no filter");
    }

    [Fact]
    public async Task SearchArticles_pages_many_matches_in_the_order_and_with_the_totals_of_the_plain_listing()
    {
        // 1,200 matches (a store may page them otherwise than a few), three a day so the id breaks ties, some undated.
        var day = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var many = Enumerable.Range(0, 1200)
            .Select(i => Sample.Build($"talks-{i:D4}").Titled("Ceasefire talks").PublishedAt(i % 100 == 7 ? null : day.AddDays(i / 3)).Text("Talks went on.").Build())
            .Select(s => new ArticleToSave(s.Article, s.Extraction));
        await Store.SaveArticlesAsync([.. many], "v1", Ct);
        await SaveAsync(Sample.RussiaBacksAssad());

        var listed = (await Store.SearchArticlesAsync(new ArticleSearch(First: 2000), Ct)).Items.Select(a => a.Id).Where(id => id.StartsWith("talks-", StringComparison.Ordinal)).ToList();
        listed.Count.ShouldBe(1200);
        foreach (var (offset, first) in new[] { (0, 20), (590, 30), (1190, 20), (1200, 5) })
        {
            var found = await Store.SearchArticlesAsync(new ArticleSearch("ceasefire TALK", First: first, Offset: offset), Ct);
            found.TotalCount.ShouldBe(1200);
            found.Items.Select(a => a.Id).ShouldBe(listed.Skip(offset).Take(first), $"offset {offset}");
        }

        // Day 60 after 1 January 2024 is 1 March, day 90 is 31 March.
        var march = listed.Where(id => int.Parse(id.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture) is var i && i % 100 != 7 && i / 3 is >= 60 and <= 90).ToList();
        march.Count.ShouldBe(92);
        var inMarch = await Store.SearchArticlesAsync(new ArticleSearch("ceasefire", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), First: 200), Ct);
        inMarch.TotalCount.ShouldBe(92);
        inMarch.Items.Select(a => a.Id).ShouldBe(march);
    }

    [Fact]
    public async Task SearchArticles_reads_search_syntax_as_plain_words_and_punctuation_alone_as_nothing()
    {
        await SaveBothAsync();
        await SaveAsync(TurkeyWarnsDamascus());

        foreach (string hostile in new[] { "\"", "*", "NEAR(", "(", ")", "-", "+", "^", ":", "\"\"", "\\", "'", "' OR 1=1 --", "\" OR \"", "{}", "[x TO y]", "~", "?", "*:*", "AND", "OR", "NOT" })
        {
            await Should.NotThrowAsync(() => Store.SearchArticlesAsync(new ArticleSearch(hostile), Ct), hostile);
        }

        foreach (string punctuation in new[] { "\"", "*", "-", "\"\"", "*:*", "(", "...", "«»" })
        {
            (await Store.SearchArticlesAsync(new ArticleSearch(punctuation), Ct)).TotalCount.ShouldBe(0, punctuation);
        }

        (await ArticleIdsAsync("\"weapons")).ShouldBe(["russia-backs-assad"]);
        (await ArticleIdsAsync("weapons*")).ShouldBe(["russia-backs-assad"]);
        (await ArticleIdsAsync("NEAR(weapons moscow)")).ShouldBeEmpty("NEAR is a word to look for, and no article has it");
        (await ArticleIdsAsync("^weapons")).ShouldBe(["russia-backs-assad"]);
        (await ArticleIdsAsync("title:weapons")).ShouldBeEmpty("a column filter is two words, and no article has 'title'");
        (await ArticleIdsAsync("weapons -moscow")).ShouldBe(["russia-backs-assad"], "a minus is punctuation, not an exclusion");
    }

    [Fact]
    public async Task SearchArticles_follows_an_article_rewritten_with_other_words()
    {
        await SaveBothAsync();
        await SaveAsync(Sample.Build("russia-backs-assad").Titled("Grain for Latakia").With(Sample.Russia, Sample.Syria)
            .Says("RUS", RelationType.Aid, "SYR", "Moscow sent grain to Latakia.").Build(), "v2");

        (await ArticleIdsAsync("weapons")).ShouldBeEmpty();
        (await ArticleIdsAsync("backs")).ShouldBeEmpty();
        (await ArticleIdsAsync("latakia grain")).ShouldBe(["russia-backs-assad"]);
    }

    [Fact]
    public async Task The_same_text_under_another_name_is_a_duplicate_when_asked_and_is_neither_stored_nor_counted()
    {
        var original = Sample.RussiaBacksAssad();
        await SaveAsync(original);
        var copy = original.Article with { Id = "copy-of-it.txt" };
        var copyExtraction = original.Extraction with { Article = ArticleInfo.From(copy) };

        var checkedFirst = await Store.CheckAsync(copy, "v1", skipDuplicateText: true, Ct);
        var saved = await Store.SaveArticlesAsync([new ArticleToSave(copy, copyExtraction) { SkipDuplicateText = true }], "v1", Ct);

        checkedFirst.ShouldBe(SaveResult.DuplicateOfArticle("russia-backs-assad"));
        saved.ShouldBe([SaveResult.DuplicateOfArticle("russia-backs-assad")]);
        (await Store.GetStatsAsync(Ct)).Articles.ShouldBe(1);
        (await Store.GetArticleAsync("copy-of-it.txt", Ct)).ShouldBeNull();
        (await Store.CheckAsync(copy, "v1", skipDuplicateText: false, Ct)).ShouldBeNull("a bulk copy that shares text on purpose is stored");
    }

    [Fact]
    public async Task Replacing_an_unchanged_article_writes_it_again()
    {
        var sample = Sample.RussiaBacksAssad();
        await SaveAsync(sample);
        Clock.Advance(TimeSpan.FromHours(1));

        var saved = await Store.SaveArticlesAsync([new ArticleToSave(sample.Article, sample.Extraction) { Replace = true }], "v1", Ct);

        saved.ShouldBe([new SaveResult(SaveOutcome.Updated, 4, 4, 0)]);
        (await Store.GetArticleAsync("russia-backs-assad", Ct))!.IngestedAt.ShouldBe(Clock.GetUtcNow());
        (await Store.GetStatsAsync(Ct)).Evidence.ShouldBe(4);
    }

    [Fact]
    public async Task Articles_are_found_by_the_extractor_version_they_were_not_extracted_by_and_by_source()
    {
        await SaveAsync(Sample.RussiaBacksAssad(), "v1");
        await SaveAsync(Sample.RussiaRebuffsWashington(), "v2");

        var stale = await Store.SearchArticlesAsync(new ArticleSearch() { NotExtractedBy = "v2" }, Ct);
        var ofSource = await Store.SearchArticlesAsync(new ArticleSearch() { Source = "GUARDIAN" }, Ct);

        stale.Items.Select(a => a.Id).ShouldBe(["russia-backs-assad"]);
        stale.TotalCount.ShouldBe(1);
        ofSource.Items.Select(a => a.Source).ShouldAllBe(s => s == "guardian");
    }

    [Fact]
    public async Task Stats_count_articles_actors_distinct_relationships_and_evidence()
    {
        await SaveBothAsync();

        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(Articles: 2, Actors: 5, Relationships: 6, Evidence: 7));
    }

    [Fact]
    public async Task A_relation_to_an_actor_missing_from_the_extraction_is_refused_and_changes_nothing()
    {
        var original = Sample.RussiaBacksAssad();
        await SaveAsync(original);
        var before = await EvidenceAsync(new EvidenceFilter());
        var broken = Sample.Build("russia-backs-assad")
            .With(Sample.Russia, Sample.Turkey)
            .Says("TUR", RelationType.Consult, "RUS", "Turkey and Russia held talks.")
            .Says("RUS", RelationType.Assault, "ghost", "Russia attacked someone.")
            .Build();

        var refused = await Should.ThrowAsync<ArgumentException>(() => SaveAsync(broken, "v2"));

        refused.Message.ShouldContain("ghost");
        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(1, 4, 4, 4));
        (await Store.CheckAsync(original.Article, "v1", ct: Ct)).ShouldBe(SaveResult.Unchanged);
        (await EvidenceAsync(new EvidenceFilter())).ShouldBe(before);
        (await Store.GetActorAsync("TUR", Ct)).ShouldBeNull();
        (await Store.GetArticleAsync("russia-backs-assad", Ct))!.Text.ShouldBe(original.Article.Text);
    }

    [Fact]
    public async Task An_extraction_of_another_article_is_refused()
    {
        var sample = Sample.RussiaBacksAssad();

        await Should.ThrowAsync<ArgumentException>(() =>
            Store.SaveArticleAsync(sample.Article with { Id = "other" }, sample.Extraction, "v1", Ct));

        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(0, 0, 0, 0));
    }

    [Fact]
    public async Task Two_clients_saving_different_articles_at_once_both_succeed()
    {
        var other = await OpenSameStoreAsync();

        var saves = Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            Task.Run(() => SaveAsync(Store, Sample.RussiaBacksAssad($"first-{i}"))),
            Task.Run(() => SaveAsync(other, Sample.RussiaRebuffsWashington($"second-{i}"))),
        });
        var results = await Task.WhenAll(saves);

        results.ShouldAllBe(r => r.Outcome == SaveOutcome.Added);
        var expected = new StoreStats(Articles: 20, Actors: 5, Relationships: 6, Evidence: 70);
        (await Store.GetStatsAsync(Ct)).ShouldBe(expected);
        (await other.GetStatsAsync(Ct)).ShouldBe(expected);
        (await Store.SearchActorsAsync(new ActorSearch(First: 1), Ct)).Items.Single().Id.ShouldBe("RUS");
        (await EvidenceAsync(new EvidenceFilter { ActorIds = ["RUS"] })).Count.ShouldBe(50);
    }

    [Fact]
    public async Task Data_survives_reopening()
    {
        await SaveBothAsync();
        var stats = await Store.GetStatsAsync(Ct);
        var evidence = await EvidenceAsync(new EvidenceFilter());

        var reopened = await ReopenAsync();

        (await reopened.GetStatsAsync(Ct)).ShouldBe(stats);
        (await reopened.GetEvidenceAsync(new EvidenceFilter(), Ct)).ShouldBe(evidence);
        (await reopened.GetActorAsync("bashar-al-assad", Ct))!.Affiliations.ShouldBe([new Affiliation("SYR", "president", new DateOnly(2000, 7, 17))]);
        (await reopened.SaveArticleAsync(Sample.RussiaBacksAssad().Article, Sample.RussiaBacksAssad().Extraction, "v1", Ct)).Outcome.ShouldBe(SaveOutcome.Unchanged);
    }

    [Fact]
    public async Task Initializing_again_keeps_the_data()
    {
        await SaveBothAsync();

        await Store.InitializeAsync(Ct);
        await Store.InitializeAsync(Ct);

        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(2, 5, 6, 7));
    }

    [Fact]
    public async Task Names_that_look_like_SQL_or_Cypher_are_stored_and_found_verbatim()
    {
        const string name = "Robert'); DROP TABLE actors;--";
        const string alias = "x' OR '1'='1";
        const string cypher = "n}) DETACH DELETE n //";
        var bobby = new Actor("bobby'--", name, ActorKind.Person, [alias, cypher], [new Affiliation("RUS\"; --", "role' OR 1=1")],
            new Dictionary<string, string> { ["k'\"}"] = "v\\'" });
        await SaveAsync(Sample.Build("little-bobby-tables")
            .Titled("\"; DELETE FROM articles; --")
            .With(bobby, Sample.Russia)
            .Says("bobby'--", RelationType.Threaten, "RUS", "Robert'); DROP TABLE actors;-- threatened Russia.")
            .Build());
        await SaveAsync(Sample.RussiaBacksAssad());

        var found = (await Store.FindActorsByNameAsync(name, Ct)).ShouldHaveSingleItem();
        found.Id.ShouldBe("bobby'--");
        found.Name.ShouldBe(name);
        found.Aliases.ShouldBe([alias, cypher]);
        found.Affiliations.ShouldBe([new Affiliation("RUS\"; --", "role' OR 1=1")]);
        found.Codes["k'\"}"].ShouldBe("v\\'");
        (await Store.FindActorsByNameAsync(alias, Ct)).ShouldHaveSingleItem().Id.ShouldBe("bobby'--");
        (await Store.FindActorsByNameAsync("' OR 1=1 --", Ct)).ShouldBeEmpty();
        (await Store.SearchActorsAsync(new ActorSearch("'); DROP"), Ct)).Items.ShouldHaveSingleItem().Id.ShouldBe("bobby'--");
        (await EvidenceAsync(new EvidenceFilter { SourceIds = ["bobby'--"] })).ShouldHaveSingleItem().ArticleTitle.ShouldBe("\"; DELETE FROM articles; --");
        (await Store.SearchArticlesAsync(new ArticleSearch("DELETE FROM"), Ct)).Items.ShouldHaveSingleItem().Id.ShouldBe("little-bobby-tables");
        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(2, 5, 5, 5));
    }

    [Fact]
    public async Task A_bulk_save_stores_each_article_as_a_single_save_would_and_skips_unchanged_ones()
    {
        ArticleToSave[] both = [new(Sample.RussiaBacksAssad().Article, Sample.RussiaBacksAssad().Extraction), new(Sample.RussiaRebuffsWashington().Article, Sample.RussiaRebuffsWashington().Extraction)];

        var first = await Store.SaveArticlesAsync(both, "v1", Ct);
        var again = await Store.SaveArticlesAsync(both, "v1", Ct);

        first.Select(r => r.Outcome).ShouldBe([SaveOutcome.Added, SaveOutcome.Added]);
        first[0].ShouldBe(new SaveResult(SaveOutcome.Added, 4, 4, 0));
        again.Select(r => r.Outcome).ShouldBe([SaveOutcome.Unchanged, SaveOutcome.Unchanged]);
        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(2, 5, 6, 7));
    }

    [Fact]
    public async Task Relationship_totals_sum_each_relationship_under_the_filter()
    {
        await SaveBothAsync();

        var all = await Store.GetRelationshipTotalsAsync(new EvidenceFilter(), ct: Ct);
        var reported = await Store.GetRelationshipTotalsAsync(new EvidenceFilter { Modalities = [Modality.Reported] }, ct: Ct);
        var rejections = (await Store.GetRelationshipTotalsAsync(new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["USA"] }, ct: Ct)).ShouldHaveSingleItem();
        var ofSyria = await Store.GetRelationshipTotalsAsync(new EvidenceFilter { ActorIds = ["SYR"], Modalities = [Modality.Asserted, Modality.Future] }, ct: Ct);

        all.Count.ShouldBe(6);
        all.Sum(t => t.Count).ShouldBe(7);
        reported.ShouldHaveSingleItem().Type.ShouldBe(RelationType.Accuse);
        (rejections.Type, rejections.Count, rejections.Day).ShouldBe((RelationType.Reject, 2, (DateOnly?)null));
        rejections.ConfidenceSum.ShouldBe(1.55, 1e-9);
        rejections.WeightedScoreSum.ShouldBe(-3.1, 1e-9);
        (rejections.FirstSeen, rejections.LastSeen).ShouldBe((new DateOnly(2024, 5, 10), new DateOnly(2024, 5, 10)));
        ofSyria.Select(t => (t.Source, t.Type)).Order().ShouldBe([("RUS", RelationType.Aid), ("TUR", RelationType.Threaten)]);
        ofSyria.Single(t => t.Type == RelationType.Aid).FirstSeen.ShouldBe(new DateOnly(2024, 2, 28));
    }

    [Fact]
    public async Task Relationship_totals_per_day_and_within_dates_follow_replaced_evidence()
    {
        await SaveBothAsync();
        var later = Sample.Build("later").PublishedAt(new DateTimeOffset(2024, 6, 2, 8, 0, 0, TimeSpan.Zero)).With(Sample.Russia, Sample.UnitedStates)
            .Says("RUS", RelationType.Reject, "USA", "Russia refused again.", confidence: 0.5)
            .Build();
        await SaveAsync(later);
        var pair = new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["USA"] };

        var perDay = await Store.GetRelationshipTotalsAsync(pair, perDay: true, Ct);
        var whole = (await Store.GetRelationshipTotalsAsync(pair, ct: Ct)).ShouldHaveSingleItem();
        var june = (await Store.GetRelationshipTotalsAsync(pair with { Since = new DateOnly(2024, 6, 1) }, ct: Ct)).ShouldHaveSingleItem();

        perDay.OrderBy(t => t.Day).Select(t => (t.Day, t.Count)).ShouldBe([(new DateOnly(2024, 5, 10), 2), (new DateOnly(2024, 6, 2), 1)]);
        (whole.Count, whole.FirstSeen, whole.LastSeen).ShouldBe((3, new DateOnly(2024, 5, 10), new DateOnly(2024, 6, 2)));
        (june.Count, june.FirstSeen).ShouldBe((1, new DateOnly(2024, 6, 2)));

        // Replacing the later article's evidence moves the totals and the end of their range back.
        await SaveAsync(Sample.Build("later").PublishedAt(new DateTimeOffset(2024, 6, 2, 8, 0, 0, TimeSpan.Zero)).With(Sample.Russia, Sample.UnitedStates).Text("Nothing happened.").Build());
        var after = (await Store.GetRelationshipTotalsAsync(pair, ct: Ct)).ShouldHaveSingleItem();
        (after.Count, after.LastSeen).ShouldBe((2, new DateOnly(2024, 5, 10)));
        after.ConfidenceSum.ShouldBe(1.55, 1e-9);
        (await Store.GetRelationshipTotalsAsync(pair with { Since = new DateOnly(2024, 6, 1) }, ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Relationship_totals_count_the_articles_their_evidence_comes_from_whatever_was_replaced()
    {
        await SaveBothAsync();
        var pair = new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["USA"] };
        Sample Later(string text) => Sample.Build("later").PublishedAt(new DateTimeOffset(2024, 6, 2, 8, 0, 0, TimeSpan.Zero)).With(Sample.Russia, Sample.UnitedStates)
            .Says("RUS", RelationType.Reject, "USA", text, confidence: 0.5).Build();

        // Two rejections in one article.
        (await Store.GetRelationshipTotalsAsync(pair, ct: Ct)).ShouldHaveSingleItem().Articles.ShouldBe(1);

        await SaveAsync(Later("Russia refused again."));
        var whole = (await Store.GetRelationshipTotalsAsync(pair, ct: Ct)).ShouldHaveSingleItem();
        var perDay = await Store.GetRelationshipTotalsAsync(pair, perDay: true, Ct);
        var june = (await Store.GetRelationshipTotalsAsync(pair with { Since = new DateOnly(2024, 6, 1) }, ct: Ct)).ShouldHaveSingleItem();
        (whole.Count, whole.Articles).ShouldBe((3, 2));
        perDay.OrderBy(t => t.Day).Select(t => (t.Count, t.Articles)).ShouldBe([(2, 1), (1, 1)]);
        (june.Count, june.Articles).ShouldBe((1, 1));

        // Rewriting an article (same text, another extractor) counts it once still; emptying one takes it away.
        await SaveAsync(Sample.RussiaRebuffsWashington(), "v2");
        (await Store.GetRelationshipTotalsAsync(pair, ct: Ct)).ShouldHaveSingleItem().Articles.ShouldBe(2);
        await SaveAsync(Sample.Build("later").PublishedAt(new DateTimeOffset(2024, 6, 2, 8, 0, 0, TimeSpan.Zero)).With(Sample.Russia, Sample.UnitedStates).Text("Nothing happened.").Build());
        (await Store.GetRelationshipTotalsAsync(pair, ct: Ct)).ShouldHaveSingleItem().Articles.ShouldBe(1);
    }

    [Fact]
    public async Task Evidence_in_strongest_order_puts_the_largest_score_times_confidence_first()
    {
        await SaveBothAsync();

        var strongest = await EvidenceAsync(new EvidenceFilter { Order = EvidenceOrder.Strongest, Limit = 3 });
        var ofRussia = await EvidenceAsync(new EvidenceFilter { SourceIds = ["RUS"], Order = EvidenceOrder.Strongest });

        var ofPairs = await EvidenceAsync(new EvidenceFilter { SourceIds = ["RUS", "USA"], TargetIds = ["USA", "SYR", "bashar-al-assad"], Order = EvidenceOrder.Strongest, Limit = 3 });

        strongest.Select(e => e.Type).ShouldBe([RelationType.Aid, RelationType.Support, RelationType.Accuse]);
        ofPairs.Select(e => (e.Type, e.Confidence)).ShouldBe([(RelationType.Aid, 0.9), (RelationType.Support, 0.9), (RelationType.Reject, 0.8)]);
        ofRussia.Select(e => e.Type).ShouldBe([RelationType.Aid, RelationType.Support, RelationType.Reject, RelationType.Reject]);
        ofRussia[2].Confidence.ShouldBe(0.8);
    }

    [Fact]
    public async Task Affiliates_are_the_actors_affiliated_with_any_of_the_ids()
    {
        await SaveBothAsync();

        (await Store.GetAffiliatesAsync(["SYR"], Ct)).Select(a => a.Id).ShouldBe(["bashar-al-assad"]);
        (await Store.GetAffiliatesAsync(["SYR", "bashar-al-assad"], Ct)).ShouldBeEmpty();
        (await Store.GetAffiliatesAsync(["RUS", "USA"], Ct)).ShouldBeEmpty();
        (await Store.GetAffiliatesAsync(["SYR"], Ct))[0].Affiliations.ShouldBe([new Affiliation("SYR", "president", new DateOnly(2000, 7, 17))]);
    }

    [Fact]
    public async Task Strongest_evidence_of_several_relationships_is_read_at_once_under_the_filter()
    {
        await SaveBothAsync();
        var later = Sample.Build("later").PublishedAt(new DateTimeOffset(2024, 6, 2, 8, 0, 0, TimeSpan.Zero)).With(Sample.Russia, Sample.UnitedStates)
            .Says("RUS", RelationType.Reject, "USA", "Russia refused again.", confidence: 0.95)
            .Build();
        await SaveAsync(later);
        RelationshipKey rejects = new("RUS", "USA", RelationType.Reject), aid = new("RUS", "SYR", RelationType.Aid), accuses = new("USA", "RUS", RelationType.Accuse);

        var rows = await Store.GetStrongestEvidenceAsync([rejects, aid, accuses, rejects], new EvidenceFilter { SourceIds = ["ignored"], Modalities = [Modality.Asserted] }, 2, Ct);
        var dated = await Store.GetStrongestEvidenceAsync([rejects], new EvidenceFilter { Until = new DateOnly(2024, 5, 31) }, 5, Ct);

        rows.Where(e => e.Type == RelationType.Reject).Select(e => e.Confidence).ShouldBe([0.95, 0.8]);
        rows.Where(e => e.Type == RelationType.Aid).ShouldHaveSingleItem();
        rows.ShouldNotContain(e => e.Type == RelationType.Accuse, "the accusation is reported, not asserted");
        dated.Select(e => e.Confidence).ShouldBe([0.8, 0.75]);
        (await Store.GetStrongestEvidenceAsync([], new EvidenceFilter(), 2, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Evidence_pages_read_every_row_once_in_key_order_and_keep_the_filter()
    {
        await SaveBothAsync();
        await SaveAsync(Sample.Build("third").PublishedAt(Sample.May10).With(Sample.Russia, Sample.UnitedStates)
            .Says("RUS", RelationType.Reject, "USA", "Moscow said no once more.").Build());

        async Task<List<Evidence>> AllPagesAsync(EvidenceFilter filter, int size)
        {
            var rows = new List<Evidence>();
            EvidenceKey? after = null;
            while (true)
            {
                var page = await Store.GetEvidencePageAsync(filter, after, size, Ct);
                page.Count.ShouldBeLessThanOrEqualTo(size);
                rows.AddRange(page);
                if (page.Count < size)
                {
                    return rows;
                }

                after = EvidenceKey.Of(page[^1]);
            }
        }

        var all = await AllPagesAsync(new EvidenceFilter(), size: 2);

        all.Count.ShouldBe(8);
        all.Select(e => e.Id).Distinct().Count().ShouldBe(8);
        all.Select(e => e.Id).ShouldBe(
            (await EvidenceAsync(new EvidenceFilter()))
                .OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Target, StringComparer.Ordinal)
                .ThenBy(e => Plover.Of(e.Type).Name, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)
                .Select(e => e.Id));
        all.ShouldContain(e => e.ArticleTitle == "Russia backs Assad" && e.PublishedAt == Sample.March1);
        (await AllPagesAsync(new EvidenceFilter(), size: 8)).Select(e => e.Id).ShouldBe(all.Select(e => e.Id));

        var rejects = await AllPagesAsync(new EvidenceFilter { Types = [RelationType.Reject], ActorIds = ["USA"] }, size: 1);
        rejects.Select(e => e.Sentence).ShouldBe(["Russia rejected the American proposal.", "The Kremlin again turned Washington down.", "Moscow said no once more."], ignoreOrder: true);
        var march = await AllPagesAsync(new EvidenceFilter { Since = new DateOnly(2024, 3, 1), Until = new DateOnly(2024, 3, 31) }, size: 2);
        march.Select(e => e.ArticleId).Distinct().ShouldBe(["russia-backs-assad"]);
        march.Count.ShouldBe(3); // the aid was dated 28 February
        (await Store.GetEvidencePageAsync(new EvidenceFilter(), null, 0, Ct)).ShouldBeEmpty();
    }
}
