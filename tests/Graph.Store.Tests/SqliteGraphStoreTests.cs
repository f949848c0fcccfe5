using Graph.Core.Domain;
using Graph.Core.Storage;
using Graph.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.Store.Tests;

/// <summary>The behaviour suite on a fresh SQLite file in a temp folder, plus what only the SQLite store promises.</summary>
public sealed class SqliteGraphStoreTests : GraphStoreBehaviour
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "graph-store-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteGraphStore> _stores = [];

    private SqliteStoreOptions Options => new() { DataDirectory = Path.Combine(_folder, "data") };

    protected override async Task<IGraphStore> CreateEmptyStoreAsync() => await OpenAsync();

    protected override async Task<IGraphStore> OpenSameStoreAsync() => await OpenAsync();

    protected override async Task<IGraphStore> ReopenAsync()
    {
        CloseAll();
        return await OpenAsync();
    }

    public override ValueTask DisposeAsync()
    {
        CloseAll();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return base.DisposeAsync();
    }

    private async Task<SqliteGraphStore> OpenAsync(SqliteStoreOptions? options = null)
    {
        var store = new SqliteGraphStore(options ?? Options, Clock);
        _stores.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }

    private void CloseAll()
    {
        _stores.ForEach(s => s.Dispose());
        _stores.Clear();
    }

    private async Task<T> QueryFileAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Options.FilePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync(Ct))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_file_is_created_in_a_missing_folder_in_WAL_mode_with_a_schema_version()
    {
        var options = new SqliteStoreOptions { DataDirectory = Path.Combine(_folder, "a", "b"), FileName = "x.db" };

        await OpenAsync(options);

        File.Exists(Path.Combine(_folder, "a", "b", "x.db")).ShouldBeTrue();
        (await QueryFileAsync<string>("PRAGMA journal_mode;")).ShouldBe("wal");
        (await QueryFileAsync<long>("PRAGMA user_version;")).ShouldBe(6);
    }

    [Fact]
    public async Task Queries_before_InitializeAsync_create_the_schema_first()
    {
        var options = new SqliteStoreOptions { DataDirectory = Path.Combine(_folder, "lazy") };
        using var store = new SqliteGraphStore(options, Clock);

        (await store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(0, 0, 0, 0));
        (await SaveAsync(store, Sample.RussiaBacksAssad())).Outcome.ShouldBe(SaveOutcome.Added);
    }

    [Fact]
    public async Task A_file_from_a_newer_schema_is_refused_not_damaged()
    {
        await SaveAsync(Sample.RussiaBacksAssad());
        CloseAll();
        await QueryFileAsync<long>("PRAGMA user_version = 99; SELECT 0;");

        using var store = new SqliteGraphStore(Options, Clock);
        var refused = await Should.ThrowAsync<Graph.Core.UserErrorException>(() => store.InitializeAsync(Ct));

        refused.Message.ShouldContain("newer");
        (await QueryFileAsync<long>("SELECT count(*) FROM evidence;")).ShouldBe(4);
    }

    [Fact]
    public async Task A_store_from_before_the_word_index_gets_it_filled_on_open()
    {
        await SaveBothAsync();
        CloseAll();
        // What a version 3 file is: the same tables without the word index and its triggers, nor article counts.
        await QueryFileAsync<long>("""
            DROP TRIGGER evidence_totalled; DROP TRIGGER evidence_untotalled; ALTER TABLE relationship_totals DROP COLUMN articles;
            DROP TRIGGER articles_fts_inserted; DROP TRIGGER articles_fts_deleted; DROP TRIGGER articles_fts_updated;
            DROP TABLE articles_fts; DROP INDEX articles_content_hash; PRAGMA user_version = 3; SELECT 0;
            """);

        var store = await OpenAsync();

        (await QueryFileAsync<long>("PRAGMA user_version;")).ShouldBe(6);
        (await store.SearchArticlesAsync(new ArticleSearch("weapons"), Ct)).Items.Select(a => a.Id).ShouldBe(["russia-backs-assad"]);
        (await store.SearchArticlesAsync(new ArticleSearch("russia"), Ct)).TotalCount.ShouldBe(2);
        (await QueryFileAsync<string>("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1); SELECT 'ok';")).ShouldBe("ok");
    }

    [Fact]
    public async Task A_store_from_before_article_counts_gets_them_on_open_and_keeps_them_after()
    {
        await SaveBothAsync();
        CloseAll();
        // What a version 5 file is: relationship totals without articles, kept by triggers that do not count them.
        await QueryFileAsync<long>("""
            DROP TRIGGER evidence_totalled; DROP TRIGGER evidence_untotalled; ALTER TABLE relationship_totals DROP COLUMN articles;
            PRAGMA user_version = 5; SELECT 0;
            """);
        var pair = new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["USA"] };

        var store = await OpenAsync();

        (await QueryFileAsync<long>("PRAGMA user_version;")).ShouldBe(6);
        (await store.GetRelationshipTotalsAsync(pair, ct: Ct)).ShouldHaveSingleItem().Articles.ShouldBe(1);
        var later = Sample.Build("later").With(Sample.Russia, Sample.UnitedStates).Says("RUS", RelationType.Reject, "USA", "Russia refused again.").Build();
        await store.SaveArticleAsync(later.Article, later.Extraction, "v1", Ct);
        (await store.GetRelationshipTotalsAsync(pair, ct: Ct)).ShouldHaveSingleItem().Articles.ShouldBe(2);
    }

    [Fact]
    public async Task The_word_index_stays_consistent_with_the_articles_through_rewrites()
    {
        await SaveBothAsync();
        await SaveAsync(Sample.RussiaBacksAssad(), "v2");
        await SaveAsync(Sample.Build("russia-backs-assad").Titled("Grain for Latakia").With(Sample.Russia, Sample.Syria)
            .Says("RUS", RelationType.Aid, "SYR", "Moscow sent grain to Latakia.").Build(), "v3");

        // 'integrity-check' with rank 1 compares the index with the articles table itself and fails on any difference.
        (await QueryFileAsync<string>("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1); SELECT 'ok';")).ShouldBe("ok");
        (await Store.SearchArticlesAsync(new ArticleSearch("weapons"), Ct)).TotalCount.ShouldBe(0);
        (await Store.SearchArticlesAsync(new ArticleSearch("latakia grain"), Ct)).Items.Select(a => a.Id).ShouldBe(["russia-backs-assad"]);
    }

    [Fact]
    public async Task A_failure_inside_the_transaction_rolls_back_everything_of_that_article()
    {
        var original = Sample.RussiaBacksAssad();
        await SaveAsync(original);
        var good = Sample.Build("russia-backs-assad")
            .With(Sample.Russia, Sample.Turkey)
            .Says("TUR", RelationType.Consult, "RUS", "Turkey and Russia held talks.")
            .Build();
        // A null sentence passes validation but cannot be bound: the insert fails after the article and actors were written.
        var broken = good with { Extraction = good.Extraction with { Relations = [good.Extraction.Relations[0] with { Sentence = null! }] } };

        await Should.ThrowAsync<InvalidOperationException>(() => SaveAsync(broken, "v2"));

        (await Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(1, 4, 4, 4));
        (await Store.CheckAsync(original.Article, "v1", ct: Ct)).ShouldBe(SaveResult.Unchanged);
        (await Store.GetActorAsync("TUR", Ct)).ShouldBeNull();
        (await Store.SearchActorsAsync(new ActorSearch(First: 1), Ct)).Items.Single().Id.ShouldBe("RUS");
    }

    [Fact]
    public async Task AddSqliteGraphStore_registers_one_store_over_the_configured_folder()
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSqliteGraphStore(o => o.DataDirectory = Path.Combine(_folder, "di"));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var store = provider.GetRequiredService<IGraphStore>();
        await SaveAsync(store, Sample.RussiaBacksAssad());

        store.ShouldBeOfType<SqliteGraphStore>();
        provider.GetRequiredService<IGraphStore>().ShouldBeSameAs(store);
        File.Exists(Path.Combine(_folder, "di", "graph.db")).ShouldBeTrue();
        (await store.GetArticleAsync("russia-backs-assad", Ct))!.IngestedAt.ShouldBe(Clock.GetUtcNow());
    }

    [Theory]
    [InlineData("", "graph.db")]
    [InlineData("data", "")]
    [InlineData("data", "sub/graph.db")]
    public async Task AddSqliteGraphStore_refuses_bad_options_at_start(string folder, string file)
    {
        var services = new ServiceCollection().AddSqliteGraphStore(o =>
        {
            o.DataDirectory = folder;
            o.FileName = file;
        });
        await using var provider = services.BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IGraphStore>());
    }
}
