using System.Diagnostics;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Graph.Core.Tests.Ingestion;

/// <summary>
/// The one ingestion use case over the real embedded store, log and claims: what a run stores, skips, records and
/// dead-letters, and what it must not do.
/// </summary>
public sealed class ArticleIngestionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IngestItem Ok(string id, string text) => IngestItem.Ok(id, new Article(id, text));

    [Fact]
    public async Task A_bad_article_is_dead_lettered_the_run_goes_on_and_is_recorded_and_the_letter_goes_once_it_reads_fine()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor());

        var summary = await host.IngestAsync(IngestItem.Fail("bad.txt", "not valid UTF-8"), Ok("good.txt", "Russia condemns Turkey."));

        (summary.Added, summary.Failed, summary.Extracted).ShouldBe((1, 1, 1));
        summary.Failures.ShouldBe([new IngestFailure("bad.txt", "not valid UTF-8")]);
        var dead = (await host.Log.GetDeadLettersAsync(new DeadLetterQuery(), Ct)).Items.ShouldHaveSingleItem();
        (dead.Origin, dead.Source, dead.Error, dead.Attempts, dead.Count).ShouldBe(("bad.txt", "test", "not valid UTF-8", 1, 1));
        var run = (await host.Log.GetRunsAsync(ct: Ct)).ShouldHaveSingleItem();
        (run.Source, run.Kind, run.Read, run.Added, run.Extracted, run.Failed, run.Error, run.Interrupted).ShouldBe(("test", "ingest", 2, 1, 1, 1, (string?)null, false));

        await host.IngestAsync(Ok("bad.txt", "Turkey meets Russia."));

        (await host.Log.GetDeadLettersAsync(new DeadLetterQuery(), Ct)).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task Articles_with_a_blank_id_invisible_text_or_a_nul_are_refused_whoever_read_them_and_the_rest_is_stored()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor());

        var summary = await host.IngestAsync(
            Ok("   ", "Russia condemns Turkey."),
            Ok("bom", "\uFEFF\u200B"),
            Ok("nul", "Russia\0 condemns Turkey."),
            Ok("good", "Turkey meets Russia."));

        (summary.Added, summary.Failed, summary.Extracted).ShouldBe((1, 3, 1));
        summary.Failures.Select(f => (f.Origin, f.Error)).ShouldBe([
            ("   ", "the id is blank"),
            ("bom", "the article has no text"),
            ("nul", "the text contains a NUL character (\\u0000)"),
        ]);
    }

    [Fact]
    public async Task An_extractor_that_throws_fails_that_article_with_its_reason_and_a_dead_letter_and_stores_nothing_for_it()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor());

        var summary = await host.IngestAsync(Ok("broken", $"Russia supports Syria. {SentenceExtractor.Breaks}."), Ok("fine", "Turkey condemns Russia."));

        summary.Added.ShouldBe(1);
        var failure = summary.Failures.ShouldHaveSingleItem();
        failure.Origin.ShouldBe("broken");
        failure.Error.ShouldBe("the extractor failed: InvalidOperationException: index out of range in the sentence splitter");
        (await host.Store.GetArticleAsync("broken", Ct)).ShouldBeNull("an article the extractor failed on is not stored as having no relations");
        (await host.Log.GetDeadLettersAsync(new DeadLetterQuery(Origin: "broken"), Ct)).TotalCount.ShouldBe(1);
    }

    [Fact]
    public async Task The_real_extractor_does_not_swallow_its_failures()
    {
        await using var host = await GraphHost.StartAsync();

        // "Yesterday" of the first day there is: the date arithmetic of the analysis throws. It used to be swallowed, and
        // the article stored as saying nothing.
        var ancient = new Article("ancient", "Russia condemned Turkey yesterday.", PublishedAt: DateTimeOffset.MinValue);

        var summary = await host.IngestAsync(IngestItem.Ok("ancient", ancient));

        summary.Failures.ShouldHaveSingleItem().Error.ShouldStartWith("the extractor failed: ArgumentOutOfRangeException");
        (await host.Store.GetStatsAsync(Ct)).Articles.ShouldBe(0);
    }

    [Fact]
    public async Task The_records_of_one_file_that_fail_are_one_failure_with_their_count_and_one_dead_letter()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor());
        var items = Enumerable.Range(0, 5000).Select(i => IngestItem.Fail($"/in/batch.json[{i}]", "missing \"text\" (a string)"))
            .Prepend(Ok("/in/a.txt", "Russia supports Syria."))
            .Append(IngestItem.Fail("/in/feed.jsonl:7", "not valid JSON"))
            .Append(Ok("/in/z.txt", "Turkey condemns Russia."))
            .ToArray();
        var seen = new Collect();

        var summary = await host.IngestAsync("inbox", seen, items);

        summary.Failed.ShouldBe(5001);
        summary.Added.ShouldBe(2);
        seen.Failures.Select(f => (f.Origin, f.Count)).ShouldBe([("/in/batch.json", 5000), ("/in/feed.jsonl:7", 1)]);
        seen.Failures[0].Error.ShouldStartWith("5000 records could not be read: record [0]: missing \"text\" (a string); record [1]:");
        seen.Failures[0].Error.ShouldEndWith("and 4997 more");
        var letters = await host.Log.GetDeadLettersAsync(new DeadLetterQuery(Source: "inbox"), Ct);
        letters.Items.Select(d => (d.Origin, d.Count)).ShouldBe([("/in/batch.json", 5000), ("/in/feed.jsonl:7", 1)], ignoreOrder: true);
        (await host.Log.GetRunsAsync(1, ct: Ct))[0].Failed.ShouldBe(5001);

        // The file read clean next time: its one letter goes.
        await host.IngestAsync("inbox", null, Ok("/in/batch.json[0]", "Russia meets Turkey."));
        (await host.Log.GetDeadLettersAsync(new DeadLetterQuery(Origin: "/in/batch.json"), Ct)).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task Dead_letters_are_capped_per_source_and_listed_a_page_at_a_time()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor());
        var bad = Enumerable.Range(0, DeadLetters.MaxPerSource + 200).Select(i => IngestItem.Fail($"/in/{i:0000}.txt", "binary content")).ToArray();

        await host.IngestAsync("inbox", null, bad);

        var all = await host.Log.GetDeadLettersAsync(new DeadLetterQuery(Source: "inbox", First: 10, Offset: 20), Ct);
        all.TotalCount.ShouldBe(DeadLetters.MaxPerSource);
        all.Items.Count.ShouldBe(10);
        var overflow = (await host.Log.GetDeadLettersAsync(new DeadLetterQuery(Origin: DeadLetters.OverflowOrigin("inbox")), Ct)).Items.ShouldHaveSingleItem();
        overflow.Count.ShouldBe(201);
        overflow.Error.ShouldStartWith("the latest: /in/1199.txt: binary content");
    }

    [Fact]
    public async Task A_run_never_reads_the_dead_letters_whatever_their_number()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor());
        var counting = new CountingLog(host.Log);
        var ingestion = new ArticleIngestion(host.Get<IExtractor>(), host.Store, host.Get<IArticleClaims>(), counting, new IngestionOptions(), TimeProvider.System);
        await host.IngestAsync("inbox", null, [.. Enumerable.Range(0, 300).Select(i => IngestItem.Fail($"/in/{i}.txt", "empty"))]);

        await ingestion.RunAsync(new IngestRequest("inbox", "ingest"), GraphHost.Items(Ok("/in/new.txt", "Russia supports Syria.")), ct: Ct);

        counting.Reads.ShouldBe(0);
    }

    [Fact]
    public async Task Forced_re_extraction_rewrites_an_article_even_when_its_text_and_extractor_version_are_unchanged()
    {
        // Two extractors of one version reading differently: an edited lexicon before its version changes.
        await using var host = await GraphHost.StartAsync(new SentenceExtractor("v1"));
        await host.IngestAsync(Ok("a", "Russia supports Syria. Turkey condemns Russia."));
        var edited = new SentenceExtractor("v1", new Dictionary<string, RelationType> { ["supports"] = RelationType.Aid });
        var ingestion = new ArticleIngestion(edited, host.Store, host.Get<IArticleClaims>(), host.Log, new IngestionOptions(), TimeProvider.System);

        var plain = await ingestion.RunAsync(new IngestRequest("again", "ingest"), GraphHost.Items(Ok("a", "Russia supports Syria. Turkey condemns Russia.")), ct: Ct);
        var forced = await ingestion.RunAsync(new IngestRequest("again", "ingest") { Force = true }, GraphHost.Items(Ok("a", "Russia supports Syria. Turkey condemns Russia.")), ct: Ct);

        (plain.Unchanged, plain.Extracted).ShouldBe((1, 0));
        (forced.Updated, forced.Extracted).ShouldBe((1, 1));
        (await host.Store.GetEvidenceAsync(new EvidenceFilter { ArticleId = "a" }, Ct)).Select(e => e.Type).ShouldBe([RelationType.Aid]);
    }

    [Fact]
    public async Task The_same_text_under_two_names_is_stored_and_counted_once_and_the_second_name_is_reported_a_duplicate()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor());
        var seen = new Collect();

        // One after the other in one run: the second is prepared while the first is saved, and the store still decides.
        var summary = await host.IngestAsync("inbox", seen, Ok("story.txt", "Russia supports Syria."), Ok("copy-of-story.txt", "Russia supports Syria."));
        var again = await host.IngestAsync("inbox", null, Ok("copy-of-story.txt", "Russia supports Syria."));

        (summary.Added, summary.Duplicates).ShouldBe((1, 1));
        seen.Results[1].ShouldBe(new IngestResult("copy-of-story.txt", SaveOutcome.Duplicate, 0, 0, 0) { DuplicateOf = "story.txt", Origin = "copy-of-story.txt" });
        (again.Duplicates, again.Extracted).ShouldBe((1, 0), "a known duplicate is not extracted again");
        (await host.Store.GetStatsAsync(Ct)).ShouldBe(new StoreStats(1, 2, 1, 1));
        (await host.Log.GetRunsAsync(1, ct: Ct))[0].Duplicates.ShouldBe(1);
    }

    [Fact]
    public async Task An_article_claimed_by_a_live_worker_is_left_to_it_but_a_killed_workers_claim_is_taken_over()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor());
        using var alive = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        using var dead = Process.Start(new ProcessStartInfo("true"))!;
        await dead.WaitForExitAsync(Ct);
        await ClaimAsync(host, "held", $"{Environment.MachineName}:{alive.Id}");
        await ClaimAsync(host, "orphan", $"{Environment.MachineName}:{dead.Id}");
        try
        {
            var seen = new Collect();
            var summary = await host.IngestAsync("test", seen, Ok("held", "Russia condemns Turkey."), Ok("orphan", "Turkey condemns Russia."));

            summary.ClaimedElsewhere.ShouldBe(1);
            seen.Results.Select(r => (r.ArticleId, r.Outcome)).ShouldBe([("orphan", SaveOutcome.Added)]);
            (await host.Store.GetArticleAsync("held", Ct)).ShouldBeNull();
        }
        finally
        {
            alive.Kill();
        }
    }

    [Fact]
    public async Task A_cancelled_run_stops_between_two_articles_and_is_recorded_interrupted_with_what_it_stored()
    {
        await using var host = await GraphHost.StartAsync(new SentenceExtractor());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var stopAfterThird = new StopAfter(3, cancel);
        var items = Enumerable.Range(0, 50).Select(i => Ok($"a-{i}", $"Russia supports Syria {i} times. Turkey condemns Russia.")).ToArray();

        await Should.ThrowAsync<OperationCanceledException>(() =>
            host.Ingestion.RunAsync(new IngestRequest("test", "ingest"), GraphHost.Items(items), stopAfterThird, cancel.Token));

        var run = (await host.Log.GetRunsAsync(1, ct: Ct)).ShouldHaveSingleItem();
        run.Interrupted.ShouldBeTrue();
        run.EndedAt.ShouldNotBeNull();
        run.Error.ShouldBe("stopped before the end (cancelled)");
        run.Added.ShouldBeInRange(3, 4);
        (await host.Store.GetStatsAsync(Ct)).Articles.ShouldBe(run.Added);
        (await host.Log.GetDeadLettersAsync(new DeadLetterQuery(), Ct)).TotalCount.ShouldBe(0, "stopping is not a failure of the article in flight");
    }

    private static async Task ClaimAsync(GraphHost host, string articleId, string owner)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "worker.db")}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO article_claims (article_id, owner, expires_at) VALUES ($id, $owner, $expires);";
        command.Parameters.AddWithValue("$id", articleId);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$expires", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>Cancels the run once it has seen this many results, as SIGTERM would in the middle of one.</summary>
    private sealed class StopAfter(int results, CancellationTokenSource cancel) : IIngestObserver
    {
        private int _seen;

        public async ValueTask OnResultAsync(IngestResult result, CancellationToken ct)
        {
            if (++_seen == results)
            {
                await cancel.CancelAsync();
            }
        }

        public ValueTask OnFailureAsync(IngestFailure failure, CancellationToken ct) => ValueTask.CompletedTask;
    }

    /// <summary>The real log, counting how often its dead letters are read.</summary>
    private sealed class CountingLog(IIngestLog inner) : IIngestLog
    {
        public int Reads { get; private set; }

        public Task InitializeAsync(CancellationToken ct = default) => inner.InitializeAsync(ct);

        public Task<long> StartRunAsync(string source, string kind, CancellationToken ct = default) => inner.StartRunAsync(source, kind, ct);

        public Task UpdateRunAsync(IngestRun run, CancellationToken ct = default) => inner.UpdateRunAsync(run, ct);

        public Task FinishRunAsync(IngestRun run, CancellationToken ct = default) => inner.FinishRunAsync(run, ct);

        public Task<IReadOnlyList<IngestRun>> GetRunsAsync(int first = 20, string? source = null, CancellationToken ct = default) => inner.GetRunsAsync(first, source, ct);

        public Task AddDeadLetterAsync(string source, string origin, string error, int count = 1, CancellationToken ct = default) => inner.AddDeadLetterAsync(source, origin, error, count, ct);

        public Task ResolveDeadLettersAsync(IReadOnlyCollection<string> origins, CancellationToken ct = default) => inner.ResolveDeadLettersAsync(origins, ct);

        public Task<int> DropDeadLettersAsync(DeadLetterQuery query, CancellationToken ct = default) => inner.DropDeadLettersAsync(query, ct);

        public Task<Page<DeadLetter>> GetDeadLettersAsync(DeadLetterQuery query, CancellationToken ct = default)
        {
            Reads++;
            return inner.GetDeadLettersAsync(query, ct);
        }
    }
}
