using Graph.Core.Ingestion;

namespace Graph.Worker.Tests;

/// <summary>Folder and JSON Lines sources: one bad entry costs that entry, never the source.</summary>
public sealed class SourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEntryThatBreaksTheReaderIsOneDeadLetterTheRestIsIngestedAndNewFilesArePickedUpOnTheNextRun()
    {
        using var inbox = new TempDir();
        // A lone surrogate in a JSON string: the kind of entry that made the reader throw and the whole source fail.
        inbox.File("a.jsonl", "{\"id\":\"a-1\",\"text\":\"Russia condemned Turkey over the attack.\"}\n{\"id\":\"a-2\",\"text\":\"x \\ud800\"}\n");
        inbox.File("b.txt", "Turkey accused Russia of lying about the strikes.");
        await using var host = await GraphHost.StartAsync(
            ("Graph:Worker:Sources:0:Name", "inbox"),
            ("Graph:Worker:Sources:0:Kind", "Folder"),
            ("Graph:Worker:Sources:0:Path", inbox.Path));
        var runner = host.Get<SourceRunner>();

        var first = await runner.RunAsync("inbox", force: false, observer: null, Ct);
        inbox.File("c.txt", "Iran held talks with Turkey in Ankara.");
        var second = await runner.RunAsync("inbox", force: false, observer: null, Ct);

        first.Added.ShouldBe(2, "a-1 and b.txt");
        first.Failed.ShouldBe(1);
        second.Added.ShouldBe(1, "the new file");
        second.Unchanged.ShouldBe(2);
        var letter = (await host.Log.GetDeadLettersAsync(new DeadLetterQuery(Source: "inbox"), Ct)).Items.ShouldHaveSingleItem();
        letter.Origin.ShouldStartWith(Path.Combine(inbox.Path, "a.jsonl"));
        letter.Attempts.ShouldBe(2);
        var runs = await host.Log.GetRunsAsync(5, "inbox", Ct);
        runs.ShouldAllBe(r => r.Error == null && r.EndedAt != null, "a bad entry does not fail the run");
        (await host.Store.GetArticleAsync("c.txt", Ct)).ShouldNotBeNull();
    }
}
