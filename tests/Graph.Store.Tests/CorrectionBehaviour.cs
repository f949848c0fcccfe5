using Graph.Core.Corrections;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Graph.Store.Neo4j;
using Graph.Store.Neo4j.Http;
using Graph.Store.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Graph.Store.Tests;

/// <summary>
/// What every store must do for corrections: keep them, and hold the graph as "extraction, then corrections" however
/// often the articles are extracted again. One suite, run on the embedded store and on Neo4j where a server is available.
/// </summary>
public abstract class CorrectionBehaviour : IAsyncLifetime
{
    private const string Analyst = "analyst";

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGraphStore Store { get; set; } = null!;

    private ICorrectionLog Log => (ICorrectionLog)Store;

    private IIngestLog IngestLog { get; set; } = null!;

    private IArticleClaims Claims { get; set; } = null!;

    private ArticleIngestion Ingestion { get; set; } = null!;

    private Corrector Corrector { get; set; } = null!;

    /// <summary>A store (which is its own <see cref="ICorrectionLog"/>) and its ingest log, over empty storage, on <see cref="Clock"/>.</summary>
    protected abstract Task<(IGraphStore Store, IIngestLog Log, IArticleClaims Claims)> CreateEmptyAsync();

    public virtual async ValueTask InitializeAsync()
    {
        var (store, log, claims) = await CreateEmptyAsync();
        (Store, IngestLog, Claims) = (store, log, claims);
        Ingestion = new ArticleIngestion(new SentenceExtractor("v1"), store, claims, log, new IngestionOptions(), Clock, corrections: (ICorrectionLog)store);
        Corrector = new Corrector((ICorrectionLog)store, store, new Reingestion(Ingestion, store), Clock);
        await Ingestion.RunAsync(new IngestRequest("test", "ingest"), Items(
            new Article("a", "Russia supports Syria. Turkey condemns Russia. Turkey supports Syria."),
            new Article("b", "Russia attacks Turkey.")), ct: Ct);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Corrections_are_kept_in_the_order_made_with_who_when_and_why_and_undoing_one_is_recorded_too()
    {
        var evidence = await EvidenceAsync("a", "RUS", "SYR");
        var retract = await Corrector.RetractAsync("a", evidence.Id, "irony, not support", Analyst, Ct);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var rename = await Corrector.RenameAsync("Turkey", "Türkiye", "official name", "editor", Ct);
        Clock.Advance(TimeSpan.FromMinutes(1));

        await Corrector.UndoAsync(retract.Id, "editor", Ct);

        var all = await Log.GetCorrectionsAsync(activeOnly: false, Ct);
        all.Select(c => c.Id).ShouldBe([retract.Id, rename.Id]);
        all[0].ShouldBe(retract with { UndoneBy = "editor", UndoneAt = Clock.GetUtcNow() });
        all[1].ShouldBe(rename);
        (all[1].By, all[1].Reason, all[1].At, all[1].Previous).ShouldBe(("editor", "official name", Clock.GetUtcNow().AddMinutes(-1), "Turkey"));
        (await Log.GetCorrectionsAsync(activeOnly: true, Ct)).ShouldBe([rename]);
    }

    [Fact]
    public async Task A_retraction_holds_through_forced_re_extraction_and_a_new_extractor_version_and_undo_brings_the_evidence_back()
    {
        var wrong = await EvidenceAsync("a", "RUS", "SYR");
        var retraction = await Corrector.RetractAsync("a", wrong.Id, "wrong reading", Analyst, Ct);

        await ReingestAllAsync(Ingestion);
        await ReingestAllAsync(new ArticleIngestion(new SentenceExtractor("v2"), Store, Claims, IngestLog, new IngestionOptions(), Clock, corrections: Log));

        (await Store.GetArticleAsync("a", Ct))!.ExtractorVersion.ShouldBe("v2");
        var left = await Store.GetEvidenceAsync(new EvidenceFilter { ArticleId = "a" }, Ct);
        left.ShouldNotContain(e => e.Id == wrong.Id);
        left.Count.ShouldBe(2, "the other readings of the article stay");
        (await Store.GetRelationshipTotalsAsync(new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["SYR"] }, ct: Ct)).ShouldBeEmpty();

        await Corrector.UndoAsync(retraction.Id, Analyst, Ct);

        (await Store.GetEvidenceAsync(new EvidenceFilter { ArticleId = "a" }, Ct)).ShouldContain(e => e.Id == wrong.Id);
        (await Store.GetStatsAsync(Ct)).Evidence.ShouldBe(4);
    }

    [Fact]
    public async Task A_merged_actor_is_gone_its_evidence_and_names_with_the_actor_kept_through_re_extraction_until_undone()
    {
        var merge = await Corrector.MergeAsync("Turkey", "Syria", "one actor in this corpus", Analyst, Ct);

        await ReingestAllAsync(Ingestion);

        (await Store.GetActorAsync("TUR", Ct)).ShouldBeNull();
        (await Store.FindActorsByNameAsync("Turkey", Ct)).ShouldHaveSingleItem().Id.ShouldBe("SYR");
        (await Store.GetActorAsync("SYR", Ct))!.Name.ShouldBe("Syria");
        var evidence = await Store.GetEvidenceAsync(new EvidenceFilter(), Ct);
        evidence.Select(e => (e.Source, e.Target)).ShouldBe([("RUS", "SYR"), ("RUS", "SYR"), ("SYR", "RUS")], ignoreOrder: true);
        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(2, 2, 3, 3), "Turkey supports Syria was Syria with itself, and went");

        await Corrector.UndoAsync(merge.Id, Analyst, Ct);

        (await Store.GetActorAsync("TUR", Ct)).ShouldNotBeNull().Name.ShouldBe("Turkey");
        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(2, 3, 4, 4));
    }

    [Fact]
    public async Task A_rename_holds_through_re_extraction_and_the_old_name_still_finds_the_actor()
    {
        await Corrector.RenameAsync("TUR", "Türkiye", "official name", Analyst, Ct);

        await ReingestAllAsync(Ingestion);

        var turkey = (await Store.GetActorAsync("TUR", Ct)).ShouldNotBeNull();
        turkey.Name.ShouldBe("Türkiye");
        (await Store.FindActorsByNameAsync("Turkey", Ct)).ShouldHaveSingleItem().Id.ShouldBe("TUR");
    }

    private async Task ReingestAllAsync(ArticleIngestion ingestion) =>
        (await new Reingestion(ingestion, Store).RunAsync(new ReingestRequest(All: true), ct: Ct)).Summary.Extracted.ShouldBe(2);

    private async Task<Evidence> EvidenceAsync(string articleId, string source, string target) =>
        (await Store.GetEvidenceAsync(new EvidenceFilter { ArticleId = articleId, SourceIds = [source], TargetIds = [target] }, Ct)).Single();

    private static async IAsyncEnumerable<IngestItem> Items(params Article[] articles)
    {
        await Task.Yield();
        foreach (var a in articles)
        {
            yield return IngestItem.Ok(a.Id, a);
        }
    }
}

public sealed class SqliteCorrectionTests : CorrectionBehaviour, IDisposable
{
    private readonly TempDir _dir = new();

    protected override async Task<(IGraphStore, IIngestLog, IArticleClaims)> CreateEmptyAsync()
    {
        var options = new SqliteStoreOptions { DataDirectory = _dir.Path };
        var store = new SqliteGraphStore(options, Clock);
        await store.InitializeAsync(Ct);
        var log = new SqliteIngestLog(options, Clock);
        await log.InitializeAsync(Ct);
        return (store, log, log);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

[Collection(Neo4jCollection.Name)]
public sealed class Neo4jCorrectionTests(Neo4jServer server) : CorrectionBehaviour
{
    private readonly HttpClient _http = new();

    protected override async Task<(IGraphStore, IIngestLog, IArticleClaims)> CreateEmptyAsync()
    {
        Assert.SkipWhen(server.SkipReason is not null, server.SkipReason ?? "");
        var options = Options.Create(server.Options!);
        var store = new Neo4jGraphStore(new Neo4jQueryClient(_http, options), options, Clock);
        await store.InitializeAsync(Ct);
        await new Neo4jQueryClient(_http, options).RunAsync("MATCH (n) DETACH DELETE n", ct: Ct);
        var log = new Neo4jIngestLog(store, Clock);
        return (store, log, log);
    }

    public override ValueTask DisposeAsync()
    {
        _http.Dispose();
        return base.DisposeAsync();
    }
}
