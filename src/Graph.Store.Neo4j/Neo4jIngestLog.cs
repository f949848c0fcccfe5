using System.Text.Json;
using Graph.Core.Ingestion;
using Graph.Core.Storage;

namespace Graph.Store.Neo4j;

/// <summary>
/// The ingestion log (runs, dead letters) and the article claims in Neo4j itself, over the same Query API and resilience
/// as the graph: workers on several hosts sharing one graph share one history and never extract the same article twice.
/// </summary>
public sealed class Neo4jIngestLog(Neo4jGraphStore store, TimeProvider time) : IIngestLog, IArticleClaims
{
    public Task InitializeAsync(CancellationToken ct = default) => store.InitializeAsync(ct);

    public async Task<long> StartRunAsync(string source, string kind, CancellationToken ct = default)
    {
        await SweepAsync(ct);
        var result = await store.WriteAsync(Cypher.StartRun, new { source, kind, at = Values.Instant(time.GetUtcNow()), owner = ProcessOwner.Current }, ct);
        return result.Rows[0]["id"].GetInt64();
    }

    public Task UpdateRunAsync(IngestRun run, CancellationToken ct = default) => RecordAsync(run, ended: false, ct);

    public Task FinishRunAsync(IngestRun run, CancellationToken ct = default) => RecordAsync(run, ended: true, ct);

    private Task RecordAsync(IngestRun run, bool ended, CancellationToken ct) =>
        store.WriteAsync(Cypher.RecordRun, new
        {
            id = run.Id,
            now = Values.Instant(run.EndedAt ?? time.GetUtcNow()),
            ended,
            error = run.Error,
            interrupted = run.Interrupted,
            counts = new
            {
                read = run.Read,
                added = run.Added,
                updated = run.Updated,
                unchanged = run.Unchanged,
                duplicates = run.Duplicates,
                extracted = run.Extracted,
                failed = run.Failed,
            },
        }, ct);

    public async Task<IReadOnlyList<IngestRun>> GetRunsAsync(int first = 20, string? source = null, CancellationToken ct = default)
    {
        await SweepAsync(ct);
        var result = await store.ReadAsync(Cypher.GetRuns, new { source, first = Math.Max(0, first) }, ct);
        return [.. result.Rows.Select(r => Run(r["run"]))];
    }

    /// <summary>Runs not ended whose process is gone (killed on this host) or that have been silent too long are recorded as interrupted.</summary>
    private async Task SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var open = await store.ReadAsync(Cypher.OpenRuns, null, ct);
        foreach (var row in open.Rows)
        {
            var lastSeen = Values.String(row["lastSeen"]);
            if (ProcessOwner.IsRunOver(Values.String(row["owner"]), Values.ParseInstant(lastSeen) ?? now, now))
            {
                await store.WriteAsync(Cypher.InterruptRun, new { id = row["id"].GetInt64(), lastSeen, error = "its process ended (killed?) before the run did" }, ct);
            }
        }
    }

    public Task AddDeadLetterAsync(string source, string origin, string error, int count = 1, CancellationToken ct = default) =>
        store.WriteAsync(Cypher.AddDeadLetter, new
        {
            source,
            origin,
            error,
            count,
            at = Values.Instant(time.GetUtcNow()),
            cap = DeadLetters.MaxPerSource - 1,
            overflowOrigin = DeadLetters.OverflowOrigin(source),
            overflowError = DeadLetters.OverflowError(origin, error),
        }, ct);

    public Task ResolveDeadLettersAsync(IReadOnlyCollection<string> origins, CancellationToken ct = default) =>
        origins.Count == 0 ? Task.CompletedTask : store.WriteAsync(Cypher.ResolveDeadLetters, new { origins }, ct);

    public async Task<int> DropDeadLettersAsync(DeadLetterQuery query, CancellationToken ct = default)
    {
        var result = await store.WriteAsync(Cypher.DropDeadLetters, new { source = query.Source, origin = query.Origin }, ct);
        return result.Rows[0]["dropped"].GetInt32();
    }

    public async Task<Page<DeadLetter>> GetDeadLettersAsync(DeadLetterQuery query, CancellationToken ct = default)
    {
        int offset = Math.Max(0, query.Offset);
        var result = await store.ReadAsync(Cypher.GetDeadLetters, new { source = query.Source, origin = query.Origin, offset, first = Math.Max(0, query.First) }, ct);
        var row = result.Rows[0];
        return new Page<DeadLetter>([.. row["items"].EnumerateArray().Select(Letter)], row["total"].GetInt32(), offset);
    }

    public async Task<bool> TryClaimAsync(string articleId, TimeSpan lease, CancellationToken ct = default)
    {
        var (claimed, holder) = await ClaimAsync(articleId, lease, dead: null, ct);
        // The holder was killed mid-article: its lease is void now, not when it would have run out.
        return claimed || (ProcessOwner.IsDeadLocalProcess(holder) && (await ClaimAsync(articleId, lease, holder, ct)).Claimed);
    }

    private async Task<(bool Claimed, string? Holder)> ClaimAsync(string articleId, TimeSpan lease, string? dead, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await store.WriteAsync(Cypher.TryClaim, new
        {
            id = articleId,
            owner = ProcessOwner.Current,
            now,
            expires = now + (long)lease.TotalMilliseconds,
            dead,
        }, ct);
        var row = result.Rows[0];
        return (row["claimed"].ValueKind == JsonValueKind.True, Values.String(row["owner"]));
    }

    public Task ReleaseAsync(string articleId, CancellationToken ct = default) =>
        store.WriteAsync(Cypher.ReleaseClaim, new { id = articleId, owner = ProcessOwner.Current }, ct);

    private static IngestRun Run(JsonElement r) =>
        new(r.GetProperty("id").GetInt64(), Values.String(r, "source")!, Values.String(r, "kind")!,
            Values.ParseInstant(Values.String(r, "startedAt"))!.Value, Values.ParseInstant(Values.String(r, "endedAt")),
            Int(r, "read"), Int(r, "added"), Int(r, "updated"), Int(r, "unchanged"), Int(r, "extracted"), Int(r, "failed"), Values.String(r, "error"))
        {
            Duplicates = Int(r, "duplicates"),
            Interrupted = r.TryGetProperty("interrupted", out var i) && i.ValueKind == JsonValueKind.True,
        };

    private static DeadLetter Letter(JsonElement d) =>
        new(Values.String(d, "origin")!, Values.String(d, "source")!, Values.String(d, "error") ?? "",
            Values.ParseInstant(Values.String(d, "firstFailedAt"))!.Value, Values.ParseInstant(Values.String(d, "lastFailedAt"))!.Value, Int(d, "attempts"))
        {
            Count = Int(d, "count", 1),
        };

    private static int Int(JsonElement map, string name, int missing = 0) =>
        map.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : missing;
}
