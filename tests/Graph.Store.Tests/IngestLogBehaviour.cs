using System.Diagnostics;
using Graph.Core.Ingestion;
using Graph.Store.Neo4j;
using Graph.Store.Neo4j.Http;
using Graph.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Graph.Store.Tests;

/// <summary>
/// What every store's ingestion log and claims must do: one suite, run against the embedded store's <c>worker.db</c>
/// and against Neo4j (where a server is available), so workers sharing a store see the same history and claims.
/// </summary>
public abstract class IngestLogBehaviour : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected IIngestLog Log { get; private set; } = null!;

    protected IArticleClaims Claims => (IArticleClaims)Log;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A log and claims over empty storage of their own, on <see cref="Clock"/>.</summary>
    protected abstract Task<IIngestLog> CreateEmptyLogAsync();

    /// <summary>Makes a run look as if another process started it: the one a later look must judge alive or dead.</summary>
    protected abstract Task SetOwnerAsync(long runId, string owner);

    public virtual async ValueTask InitializeAsync() => Log = await CreateEmptyLogAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Runs_are_numbered_recorded_and_listed_most_recent_first_by_source()
    {
        var first = await Log.StartRunAsync("inbox", "scheduled", Ct);
        var second = await Log.StartRunAsync("feed", "scheduled", Ct);
        Clock.Advance(TimeSpan.FromSeconds(30));
        await Log.FinishRunAsync(new IngestRun(first, "inbox", "scheduled", Clock.GetUtcNow(), Clock.GetUtcNow(), 12, 9, 1, 0, 10, 1, null) { Duplicates = 1 }, Ct);

        var all = await Log.GetRunsAsync(10, null, Ct);
        var inbox = (await Log.GetRunsAsync(10, "inbox", Ct)).ShouldHaveSingleItem();

        second.ShouldBeGreaterThan(first);
        all.Select(r => r.Id).ShouldBe([second, first]);
        all[0].EndedAt.ShouldBeNull();
        (inbox.Read, inbox.Added, inbox.Updated, inbox.Duplicates, inbox.Extracted, inbox.Failed, inbox.Interrupted).ShouldBe((12, 9, 1, 1, 10, 1, false));
        inbox.EndedAt.ShouldBe(Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_run_whose_process_was_killed_is_listed_as_interrupted_at_its_last_sign_of_life()
    {
        using var dead = Process.Start(new ProcessStartInfo("true"))!;
        await dead.WaitForExitAsync(Ct);
        var killed = await Log.StartRunAsync("inbox", "ingest", Ct);
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Log.UpdateRunAsync(new IngestRun(killed, "inbox", "ingest", Clock.GetUtcNow(), null, 40, 40, 0, 0, 40, 0, null), Ct);
        var lastSign = Clock.GetUtcNow();
        await SetOwnerAsync(killed, $"{Environment.MachineName}:{dead.Id}");
        var alive = await Log.StartRunAsync("inbox", "ingest", Ct);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var runs = await Log.GetRunsAsync(10, null, Ct);

        var over = runs.Single(r => r.Id == killed);
        (over.Interrupted, over.Read, over.EndedAt).ShouldBe((true, 40, lastSign));
        over.Error.ShouldBe("its process ended (killed?) before the run did");
        runs.Single(r => r.Id == alive).EndedAt.ShouldBeNull("this process is alive and its run goes on");
    }

    [Fact]
    public async Task Dead_letters_count_attempts_and_records_are_paged_resolved_and_dropped()
    {
        await Log.AddDeadLetterAsync("inbox", "/in/a.txt", "empty", ct: Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Log.AddDeadLetterAsync("inbox", "/in/batch.json", "3 records could not be read", 3, Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Log.AddDeadLetterAsync("inbox", "/in/a.txt", "still empty", ct: Ct);
        await Log.AddDeadLetterAsync("feed", "https://example.org/gone", "HTTP 404", ct: Ct);

        var page = await Log.GetDeadLettersAsync(new DeadLetterQuery(Source: "inbox", First: 1, Offset: 1), Ct);
        var a = (await Log.GetDeadLettersAsync(new DeadLetterQuery(Origin: "/in/a.txt"), Ct)).Items.ShouldHaveSingleItem();
        await Log.ResolveDeadLettersAsync(["/in/a.txt", "/not/there"], Ct);
        var dropped = await Log.DropDeadLettersAsync(new DeadLetterQuery(Source: "feed"), Ct);
        var left = await Log.GetDeadLettersAsync(new DeadLetterQuery(), Ct);

        page.TotalCount.ShouldBe(2);
        page.Items.ShouldHaveSingleItem().Origin.ShouldBe("/in/batch.json");
        page.Items[0].Count.ShouldBe(3);
        (a.Attempts, a.Error, a.FirstFailedAt < a.LastFailedAt).ShouldBe((2, "still empty", true));
        dropped.ShouldBe(1);
        left.Items.Select(d => d.Origin).ShouldBe(["/in/batch.json"]);
    }

    [Fact]
    public async Task A_sources_dead_letters_are_capped_and_the_rest_counted_on_one_overflow_letter()
    {
        for (int i = 0; i < DeadLetters.MaxPerSource + 3; i++)
        {
            await Log.AddDeadLetterAsync("inbox", $"/in/{i:0000}.txt", "binary content", ct: Ct);
        }

        var all = await Log.GetDeadLettersAsync(new DeadLetterQuery(Source: "inbox", First: 0), Ct);
        var overflow = (await Log.GetDeadLettersAsync(new DeadLetterQuery(Origin: DeadLetters.OverflowOrigin("inbox")), Ct)).Items.ShouldHaveSingleItem();

        all.TotalCount.ShouldBe(DeadLetters.MaxPerSource);
        overflow.Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_claim_is_held_until_released_or_its_lease_runs_out_and_a_killed_holders_claim_is_taken_over()
    {
        (await Claims.TryClaimAsync("a", TimeSpan.FromMinutes(5), Ct)).ShouldBeTrue();
        (await Claims.TryClaimAsync("a", TimeSpan.FromMinutes(5), Ct)).ShouldBeTrue("a process may renew its own claim");
        await Claims.ReleaseAsync("a", Ct);
        (await Claims.TryClaimAsync("a", TimeSpan.FromMinutes(5), Ct)).ShouldBeTrue();
    }
}

public sealed class SqliteIngestLogTests : IngestLogBehaviour, IDisposable
{
    private readonly TempDir _dir = new();

    protected override async Task<IIngestLog> CreateEmptyLogAsync()
    {
        var log = new SqliteIngestLog(new SqliteStoreOptions { DataDirectory = _dir.Path }, Clock);
        await log.InitializeAsync(Ct);
        return log;
    }

    protected override async Task SetOwnerAsync(long runId, string owner)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, SqliteIngestLog.FileName)}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE ingest_runs SET owner = $owner WHERE id = $id;";
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$id", runId);
        await command.ExecuteNonQueryAsync(Ct);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_worker_db_from_before_gets_its_new_columns_and_keeps_its_runs()
    {
        using var old = new TempDir();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(old.Path, SqliteIngestLog.FileName)};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE ingest_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, kind TEXT NOT NULL, started_at TEXT NOT NULL,
                    ended_at TEXT, read INTEGER NOT NULL DEFAULT 0, added INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,
                    unchanged INTEGER NOT NULL DEFAULT 0, extracted INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0, error TEXT);
                CREATE TABLE dead_letters (origin TEXT PRIMARY KEY, source TEXT NOT NULL, error TEXT NOT NULL, first_failed_at TEXT NOT NULL,
                    last_failed_at TEXT NOT NULL, attempts INTEGER NOT NULL);
                CREATE TABLE article_claims (article_id TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL);
                INSERT INTO ingest_runs (source, kind, started_at, ended_at, read, added) VALUES ('seed', 'seed', '2024-01-01T00:00:00.0000000Z', '2024-01-01T00:00:01.0000000Z', 6, 6);
                INSERT INTO dead_letters VALUES ('/in/x.txt', 'seed', 'empty', '2024-01-01T00:00:00.0000000Z', '2024-01-01T00:00:00.0000000Z', 1);
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        var log = new SqliteIngestLog(new SqliteStoreOptions { DataDirectory = old.Path }, Clock);

        (await log.GetRunsAsync(5, null, Ct)).ShouldHaveSingleItem().Added.ShouldBe(6);
        (await log.GetDeadLettersAsync(new DeadLetterQuery(), Ct)).Items.ShouldHaveSingleItem().Count.ShouldBe(1);
    }
}

[Collection(Neo4jCollection.Name)]
public sealed class Neo4jIngestLogTests(Neo4jServer server) : IngestLogBehaviour
{
    private readonly HttpClient _http = new();

    protected override async Task<IIngestLog> CreateEmptyLogAsync()
    {
        Assert.SkipWhen(server.SkipReason is not null, server.SkipReason ?? "");
        var options = Options.Create(server.Options!);
        var store = new Neo4jGraphStore(new Neo4jQueryClient(_http, options), options, Clock);
        await store.InitializeAsync(Ct);
        await Client().RunAsync("MATCH (n) DETACH DELETE n", ct: Ct);
        return new Neo4jIngestLog(store, Clock);
    }

    protected override Task SetOwnerAsync(long runId, string owner) =>
        Client().RunAsync("MATCH (r:IngestRun {id: $id}) SET r.owner = $owner", new { id = runId, owner }, ct: Ct);

    public override ValueTask DisposeAsync()
    {
        _http.Dispose();
        return base.DisposeAsync();
    }

    private Neo4jQueryClient Client() => new(_http, Options.Create(server.Options!));
}
