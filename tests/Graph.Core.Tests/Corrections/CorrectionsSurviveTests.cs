using Graph.Core.Corrections;
using Graph.Core.Domain;
using Graph.Core.Exports;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Extraction;

namespace Graph.Core.Tests.Corrections;

/// <summary>
/// Corrections over the seed article, with the real extractor and the real embedded store, wired as the program wires
/// them: each must hold through a forced ingest, <c>reingest --all</c> and a new extractor version (an edited lexicon).
/// </summary>
public sealed class CorrectionsSurviveTests : IAsyncLifetime
{
    private const string ArticleId = "seed";
    private const string Analyst = "analyst";

    private readonly TempDir _lexicon = new();
    private GraphHost _host = null!;
    private int _supportBefore;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGraphStore Store => _host.Store;

    private Corrector Corrector => _host.Get<Corrector>();

    public async ValueTask InitializeAsync()
    {
        _host = await GraphHost.StartAsync();
        (await _host.IngestAsync(IngestItem.Ok(ArticleId, SeedArticle()))).Added.ShouldBe(1);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _lexicon.Dispose();
    }

    [Fact]
    public async Task A_retracted_reading_stays_retracted_through_forced_ingest_reingest_all_and_an_edited_lexicon_until_restored()
    {
        var wrong = await SupportAsync("RUS", "bashar-al-assad");
        long before = (await Store.GetStatsAsync(Ct)).Evidence;
        _supportBefore = (await Store.GetRelationshipTotalsAsync(new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["bashar-al-assad"] }, ct: Ct))
            .Where(t => t.Type == RelationType.Support).Sum(t => t.Count);

        var retraction = await Corrector.RetractAsync(ArticleId, wrong.Id, "Russia's backing is reported, not Russia's own act", Analyst, Ct);

        retraction.Kind.ShouldBe(CorrectionKind.Retract);
        retraction.By.ShouldBe(Analyst);
        retraction.Detail.ShouldContain(wrong.Sentence);
        await ShouldBeRetractedAsync(wrong, before - 1, "right after the retraction");

        await ForcedIngestAsync();
        await ShouldBeRetractedAsync(wrong, before - 1, "after ingest --force");

        var all = await _host.Get<Reingestion>().RunAsync(new ReingestRequest(All: true), ct: Ct);
        all.Summary.Extracted.ShouldBe(1);
        await ShouldBeRetractedAsync(wrong, before - 1, "after reingest --all");

        var edited = RuleExtractor.FromDirectory(null, EditedLexicon());
        edited.Version.ShouldNotBe(_host.Get<IExtractor>().Version);
        var stale = await ReingestionBy(edited).RunAsync(new ReingestRequest(), ct: Ct);
        stale.Summary.Extracted.ShouldBe(1, "the article is stale under the new extractor version");
        (await Store.GetArticleAsync(ArticleId, Ct))!.ExtractorVersion.ShouldBe(edited.Version);
        await ShouldBeRetractedAsync(wrong, before - 1, "after a new extractor version");

        var restored = await Corrector.RestoreAsync(wrong.Id, Analyst, Ct);

        restored.Id.ShouldBe(retraction.Id);
        restored.Active.ShouldBeFalse();
        restored.UndoneBy.ShouldBe(Analyst);
        (await Store.GetEvidenceAsync(new EvidenceFilter { ArticleId = ArticleId }, Ct)).ShouldContain(e => e.Id == wrong.Id);
        (await Store.GetStatsAsync(Ct)).Evidence.ShouldBe(before);
        (await Corrector.ListAsync(activeOnly: true, Ct)).ShouldBeEmpty();
        (await Corrector.ListAsync(activeOnly: false, Ct)).ShouldHaveSingleItem().UndoneAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_merge_keeps_holding_after_re_ingestion_and_undoing_it_brings_the_actor_back()
    {
        var putinSupport = await SupportAsync("vladimir-putin", "bashar-al-assad");

        await Corrector.MergeAsync("Putin", "Russia", "speaks for Russia here", Analyst, Ct);

        await ShouldBeMergedAsync("right after the merge");
        await ForcedIngestAsync();
        await ShouldBeMergedAsync("after ingest --force");
        await _host.Get<Reingestion>().RunAsync(new ReingestRequest(All: true), ct: Ct);
        await ShouldBeMergedAsync("after reingest --all");

        var merge = (await Corrector.ListAsync(activeOnly: true, Ct)).ShouldHaveSingleItem();
        await Corrector.UndoAsync(merge.Id, Analyst, Ct);

        (await Store.GetActorAsync("vladimir-putin", Ct)).ShouldNotBeNull().Name.ShouldBe("Vladimir Putin");
        (await Store.GetEvidenceAsync(new EvidenceFilter { ArticleId = ArticleId }, Ct)).ShouldContain(e => e.Id == putinSupport.Id);
        (await Store.FindActorsByNameAsync("Vladimir Putin", Ct))[0].Id.ShouldBe("vladimir-putin");
    }

    [Fact]
    public async Task A_renamed_actor_keeps_its_new_name_through_re_ingestion_and_is_still_found_by_the_old_one()
    {
        await Corrector.RenameAsync("RUS", "Russian Federation (state)", "house style", Analyst, Ct);
        await ForcedIngestAsync();
        await _host.Get<Reingestion>().RunAsync(new ReingestRequest(All: true), ct: Ct);

        var russia = (await Store.GetActorAsync("RUS", Ct)).ShouldNotBeNull();
        russia.Name.ShouldBe("Russian Federation (state)");
        (await Store.FindActorsByNameAsync("Russia", Ct))[0].Id.ShouldBe("RUS");

        await Corrector.UndoAsync((await Corrector.ListAsync(true, Ct)).Single().Id, Analyst, Ct);
        (await Store.GetActorAsync("RUS", Ct))!.Name.ShouldBe("Russia");
    }

    [Fact]
    public async Task An_alias_split_off_becomes_an_actor_of_its_own_with_the_evidence_read_from_it_and_the_split_survives_re_ingestion()
    {
        // The extractor reads "President Assad" as Bashar al-Assad; say an analyst holds it names someone else.
        var assad = (await Store.GetActorAsync("bashar-al-assad", Ct)).ShouldNotBeNull();
        assad.Aliases.ShouldContain("Assad");

        var split = await Corrector.SplitAsync("bashar-al-assad", "assad", "the family, not the president", Analyst, Ct);
        await _host.Get<Reingestion>().RunAsync(new ReingestRequest(All: true), ct: Ct);

        split.Into.ShouldBe("assad");
        (await Store.GetActorAsync("assad", Ct)).ShouldNotBeNull().Name.ShouldBe("Assad");
        (await Store.GetActorAsync("bashar-al-assad", Ct))?.Aliases.ShouldNotContain("Assad");
        (await Store.GetEvidenceAsync(new EvidenceFilter { ActorIds = ["assad"] }, Ct)).ShouldNotBeEmpty("sentences naming only 'Assad' now name the new actor");

        await Corrector.UndoAsync(split.Id, Analyst, Ct);
        (await Store.GetActorAsync("assad", Ct)).ShouldBeNull();
        (await Store.GetActorAsync("bashar-al-assad", Ct))!.Aliases.ShouldContain("Assad");
    }

    [Fact]
    public async Task Exports_leave_retracted_evidence_out()
    {
        var wrong = await SupportAsync("RUS", "bashar-al-assad");
        await Corrector.RetractAsync(ArticleId, wrong.Id, "wrong reading", Analyst, Ct);

        var rows = new List<EventRow>();
        await foreach (var row in new GraphExport(Store).EventsAsync(new ExportScope(), Ct))
        {
            rows.Add(row);
        }

        rows.ShouldNotBeEmpty();
        rows.ShouldNotContain(r => r.Id == wrong.Id);
    }

    [Fact]
    public async Task Corrections_that_name_nothing_or_give_no_reason_are_refused_and_recorded_nowhere()
    {
        var wrong = await SupportAsync("RUS", "bashar-al-assad");

        await Should.ThrowAsync<UserErrorException>(() => Corrector.RetractAsync(ArticleId, "no-such-evidence", "why", Analyst, Ct));
        await Should.ThrowAsync<UserErrorException>(() => Corrector.RetractAsync(ArticleId, wrong.Id, "  ", Analyst, Ct));
        await Should.ThrowAsync<UserErrorException>(() => Corrector.MergeAsync("Russia", "Russia", "same", Analyst, Ct));
        await Should.ThrowAsync<UserErrorException>(() => Corrector.MergeAsync("Atlantis", "Russia", "none", Analyst, Ct));
        await Should.ThrowAsync<UserErrorException>(() => Corrector.SplitAsync("RUS", "Russia", "its own name", Analyst, Ct));
        await Should.ThrowAsync<UserErrorException>(() => Corrector.UndoAsync("no-such-correction", Analyst, Ct));

        (await Corrector.ListAsync(activeOnly: false, Ct)).ShouldBeEmpty();
    }

    private async Task ShouldBeRetractedAsync(Evidence wrong, long evidence, string when)
    {
        var stored = await Store.GetEvidenceAsync(new EvidenceFilter { ArticleId = ArticleId }, Ct);
        stored.ShouldNotContain(e => e.Id == wrong.Id, when);
        stored.ShouldContain(e => e.Source == "USA" && e.Target == "RUS" && e.Type == RelationType.Consult, $"the other readings stay ({when})");
        (await Store.GetStatsAsync(Ct)).Evidence.ShouldBe(evidence, when);
        (await Store.GetRelationshipTotalsAsync(new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["bashar-al-assad"] }, ct: Ct))
            .Where(t => t.Type == RelationType.Support).Sum(t => t.Count).ShouldBe(_supportBefore - 1, $"the relationship counts one sentence less ({when})");
    }

    private async Task ShouldBeMergedAsync(string when)
    {
        (await Store.GetActorAsync("vladimir-putin", Ct)).ShouldBeNull(when);
        (await Store.GetEvidenceAsync(new EvidenceFilter { ActorIds = ["vladimir-putin"] }, Ct)).ShouldBeEmpty(when);
        (await Store.FindActorsByNameAsync("Putin", Ct)).ShouldHaveSingleItem(when).Id.ShouldBe("RUS");
        (await Store.GetActorAsync("RUS", Ct))!.Name.ShouldBe("Russia", when);
    }

    private async Task<Evidence> SupportAsync(string source, string target) =>
        (await Store.GetEvidenceAsync(new EvidenceFilter { ArticleId = ArticleId, SourceIds = [source], TargetIds = [target] }, Ct))
        .First(e => e.Type == RelationType.Support);

    private async Task ForcedIngestAsync()
    {
        var forced = await _host.Ingestion.RunAsync(new IngestRequest("seed", "ingest") { Force = true }, GraphHost.Items(IngestItem.Ok(ArticleId, SeedArticle())), ct: Ct);
        forced.Updated.ShouldBe(1);
    }

    private Reingestion ReingestionBy(IExtractor extractor) =>
        new(new ArticleIngestion(extractor, Store, _host.Get<IArticleClaims>(), _host.Log, new IngestionOptions(), TimeProvider.System, corrections: _host.Get<ICorrectionLog>()), Store);

    private static Article SeedArticle() => new(ArticleId, File.ReadAllText(Repo.SeedArticle));

    /// <summary>A linguist's edit that touches nothing the seed article says: another support verb.</summary>
    private string EditedLexicon()
    {
        var source = Repo.File("graph-seed", "lexicon");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_lexicon.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var support = Path.Combine(_lexicon.Path, "events", "support.json");
        File.WriteAllText(support, File.ReadAllText(support).Replace("\"commend\"", "\"commend\", \"laud\"", StringComparison.Ordinal));
        return _lexicon.Path;
    }
}
