using System.Diagnostics;
using Graph.Core.Ingestion;
using Microsoft.Extensions.Time.Testing;

namespace Graph.Store.Neo4j.Tests;

/// <summary>
/// The ingestion log and the article claims in Neo4j, over the wire: what each call sends, and what it makes of the
/// server's recorded answers. With them in the graph's own engine, workers on several hosts share one history and one
/// set of claims.
/// </summary>
public sealed class IngestLogWireTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeNeo4j _server = new() { Respond = r => Task.FromResult(ScriptedNeo4j.Answer(r)) };
    private readonly FakeTimeProvider _clock = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Neo4jIngestLog Log() => new(_server.Store(time: _clock), _clock);

    private IReadOnlyList<Received> Sent(string statement) => [.. _server.Requests.Where(r => r.Statement == statement)];

    [Fact]
    public async Task A_run_takes_the_next_id_of_one_counter_and_records_who_runs_it_as_a_write()
    {
        var id = await Log().StartRunAsync("inbox", "scheduled", Ct);

        id.ShouldBe(7);
        var start = Sent(Cypher.StartRun).ShouldHaveSingleItem();
        start.AccessMode.ShouldBeNull("a write goes to the leader");
        start.Parameters.GetProperty("owner").GetString().ShouldBe(ProcessOwner.Current);
        start.Parameters.GetProperty("at").GetString().ShouldBe("2024-03-01T09:30:00.0000000Z");
        Cypher.StartRun.ShouldContain("MERGE (c:IngestCounter {name: 'ingestRun'})");
        Cypher.Schema.ShouldContain("CREATE CONSTRAINT ingest_counter IF NOT EXISTS FOR (c:IngestCounter) REQUIRE c.name IS UNIQUE");
    }

    [Fact]
    public async Task Runs_read_back_with_their_counts_and_a_run_silent_on_another_host_is_recorded_interrupted()
    {
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.OpenRuns ? Reply.Recorded("open-runs.json") : ScriptedNeo4j.Answer(r));

        var runs = await Log().GetRunsAsync(10, "inbox", Ct);

        var interrupt = Sent(Cypher.InterruptRun).ShouldHaveSingleItem();
        interrupt.Parameters.GetProperty("id").GetInt64().ShouldBe(5);
        interrupt.Parameters.GetProperty("lastSeen").GetString().ShouldBe("2020-01-01T09:30:00.0000000Z");
        Sent(Cypher.GetRuns).ShouldHaveSingleItem().Parameters.GetProperty("source").GetString().ShouldBe("inbox");
        runs.Select(r => (r.Id, r.Read, r.Added, r.Updated, r.Duplicates, r.Extracted, r.Failed, r.Interrupted)).ShouldBe([
            (7L, 12, 9, 1, 1, 10, 1, false),
            (5L, 3, 3, 0, 0, 3, 0, true),
        ]);
        runs[0].EndedAt.ShouldBe(new DateTimeOffset(2024, 3, 1, 9, 31, 12, 500, TimeSpan.Zero));
    }

    [Fact]
    public async Task The_end_of_a_run_is_recorded_with_its_counts_error_and_interruption()
    {
        var run = new IngestRun(7, "inbox", "scheduled", Now, Now.AddMinutes(1), 12, 9, 1, 0, 10, 1, "stopped before the end (cancelled)") { Duplicates = 1, Interrupted = true };

        await Log().FinishRunAsync(run, Ct);

        var sent = Sent(Cypher.RecordRun).ShouldHaveSingleItem().Parameters;
        sent.GetProperty("ended").GetBoolean().ShouldBeTrue();
        sent.GetProperty("interrupted").GetBoolean().ShouldBeTrue();
        sent.GetProperty("error").GetString().ShouldBe("stopped before the end (cancelled)");
        sent.GetProperty("now").GetString().ShouldBe("2024-03-01T09:31:00.0000000Z");
        sent.GetProperty("counts").GetProperty("duplicates").GetInt32().ShouldBe(1);
        sent.GetProperty("counts").GetProperty("failed").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Dead_letters_are_capped_per_source_paged_and_read_back_with_their_record_counts()
    {
        var log = Log();

        await log.AddDeadLetterAsync("inbox", "/srv/inbox/batch.json", "3 records could not be read", 3, Ct);
        var page = await log.GetDeadLettersAsync(new DeadLetterQuery(Source: "inbox", First: 2, Offset: 4), Ct);

        var add = Sent(Cypher.AddDeadLetter).ShouldHaveSingleItem().Parameters;
        add.GetProperty("count").GetInt32().ShouldBe(3);
        add.GetProperty("cap").GetInt32().ShouldBe(DeadLetters.MaxPerSource - 1);
        add.GetProperty("overflowOrigin").GetString().ShouldBe(DeadLetters.OverflowOrigin("inbox"));
        var get = Sent(Cypher.GetDeadLetters).ShouldHaveSingleItem().Parameters;
        (get.GetProperty("first").GetInt32(), get.GetProperty("offset").GetInt32(), get.GetProperty("source").GetString()).ShouldBe((2, 4, "inbox"));
        page.TotalCount.ShouldBe(3);
        page.Items.Select(d => (d.Origin, d.Count, d.Attempts)).ShouldBe([("/srv/inbox/batch.json", 1_000_000, 2), ("https://example.org/gone", 1, 1)]);
    }

    [Fact]
    public async Task Resolving_and_dropping_dead_letters_are_one_statement_each()
    {
        var log = Log();

        await log.ResolveDeadLettersAsync(["a.txt", "b.txt"], Ct);
        await log.ResolveDeadLettersAsync([], Ct);
        var dropped = await log.DropDeadLettersAsync(new DeadLetterQuery(Source: "inbox"), Ct);

        Sent(Cypher.ResolveDeadLetters).ShouldHaveSingleItem().Parameters.GetProperty("origins").EnumerateArray().Select(o => o.GetString()).ShouldBe(["a.txt", "b.txt"]);
        dropped.ShouldBe(2);
    }

    [Fact]
    public async Task A_claim_is_taken_with_a_lease_and_one_held_by_a_live_worker_elsewhere_is_left_to_it()
    {
        var log = Log();

        var taken = await log.TryClaimAsync("article-1", TimeSpan.FromMinutes(5), Ct);
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.TryClaim ? Reply.Recorded("claim-held.json") : ScriptedNeo4j.Answer(r));
        var held = await log.TryClaimAsync("article-2", TimeSpan.FromMinutes(5), Ct);

        taken.ShouldBeTrue();
        held.ShouldBeFalse();
        var claims = Sent(Cypher.TryClaim);
        claims.Count.ShouldBe(2, "a holder on another host is not taken over before its lease runs out");
        var first = claims[0].Parameters;
        first.GetProperty("owner").GetString().ShouldBe(ProcessOwner.Current);
        first.GetProperty("now").GetInt64().ShouldBe(Now.ToUnixTimeMilliseconds());
        first.GetProperty("expires").GetInt64().ShouldBe(Now.AddMinutes(5).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_claim_held_by_a_killed_process_of_this_host_is_taken_over_at_once()
    {
        using var dead = Process.Start(new ProcessStartInfo("true"))!;
        await dead.WaitForExitAsync(Ct);
        string holder = $"{Environment.MachineName}:{dead.Id}";
        int asked = 0;
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.TryClaim
            ? Interlocked.Increment(ref asked) == 1 ? Reply.Rows(["claimed", "owner"], [false, holder]) : Reply.Recorded("claim-taken.json")
            : ScriptedNeo4j.Answer(r));

        var taken = await Log().TryClaimAsync("article-1", TimeSpan.FromMinutes(5), Ct);

        taken.ShouldBeTrue();
        var claims = Sent(Cypher.TryClaim);
        claims.Count.ShouldBe(2);
        claims[1].Parameters.GetProperty("dead").GetString().ShouldBe(holder, "the takeover names the dead holder, so two survivors cannot both take it");
    }

    [Fact]
    public async Task A_release_only_removes_this_processs_own_claim()
    {
        await Log().ReleaseAsync("article-1", Ct);

        var sent = Sent(Cypher.ReleaseClaim).ShouldHaveSingleItem().Parameters;
        sent.GetProperty("owner").GetString().ShouldBe(ProcessOwner.Current);
        Cypher.ReleaseClaim.ShouldContain("WHERE c.owner = $owner");
    }

    [Fact]
    public async Task The_same_text_under_another_name_is_reported_a_duplicate_without_writing()
    {
        var (article, extraction) = StoreWireTests.RussiaBacksAssad("second-name.txt");
        _server.Respond = r => Task.FromResult(r.Statement == Cypher.ArticleState ? Reply.Recorded("article-state-duplicate.json") : ScriptedNeo4j.Answer(r));
        var store = _server.Store(time: _clock);

        var check = await store.CheckAsync(article, "rules-1.0", skipDuplicateText: true, Ct);
        var saved = await store.SaveArticlesAsync([new Graph.Core.Storage.ArticleToSave(article, extraction) { SkipDuplicateText = true }], "rules-1.0", Ct);

        check.ShouldBe(Graph.Core.Storage.SaveResult.DuplicateOfArticle("first-name.txt"));
        saved.ShouldBe([Graph.Core.Storage.SaveResult.DuplicateOfArticle("first-name.txt")]);
        Sent(Cypher.ArticleState).ShouldAllBe(r => r.Parameters.GetProperty("dedupe").GetBoolean() && r.Parameters.GetProperty("hash").GetString() == article.ContentHash);
        _server.Statements.ShouldNotContain(Cypher.MergeArticle);
    }
}
