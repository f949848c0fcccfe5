using System.Diagnostics;
using System.Globalization;
using Graph.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace Graph.Worker;

/// <summary>Runs, dead letters, article claims and HTTP validators in <c>worker.db</c>.</summary>
public sealed class SqliteIngestLog(WorkerDatabase database, TimeProvider time) : IIngestLog
{
    /// <summary>Who holds a claim: host and process id, so a claim of a process that died can be taken over.</summary>
    public static readonly string Owner = $"{Environment.MachineName}:{Environment.ProcessId}";

    private readonly Lazy<Task> _initialized = new(() => database.InitializeAsync(CancellationToken.None));

    /// <summary>Creates <c>worker.db</c> and its tables if missing; every other method does it first anyway.</summary>
    public Task InitializeAsync(CancellationToken ct = default) => _initialized.Value.WaitAsync(ct);

    // A server that found its store already full never ran ingestion, yet the API may ask for runs.
    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        await InitializeAsync(ct);
        return await database.OpenAsync(ct);
    }

    public async Task<long> StartRunAsync(string source, string kind, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO ingest_runs (source, kind, started_at) VALUES ($source, $kind, $at) RETURNING id;";
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$at", Format(time.GetUtcNow()));
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task FinishRunAsync(IngestRun run, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE ingest_runs SET ended_at = $ended, read = $read, added = $added, updated = $updated,
                unchanged = $unchanged, extracted = $extracted, failed = $failed, error = $error
            WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$id", run.Id);
        command.Parameters.AddWithValue("$ended", Format(run.EndedAt ?? time.GetUtcNow()));
        command.Parameters.AddWithValue("$read", run.Read);
        command.Parameters.AddWithValue("$added", run.Added);
        command.Parameters.AddWithValue("$updated", run.Updated);
        command.Parameters.AddWithValue("$unchanged", run.Unchanged);
        command.Parameters.AddWithValue("$extracted", run.Extracted);
        command.Parameters.AddWithValue("$failed", run.Failed);
        command.Parameters.AddWithValue("$error", (object?)run.Error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task<IReadOnlyList<IngestRun>> GetRunsAsync(int first = 20, CancellationToken ct = default) => GetRunsAsync(first, null, ct);

    public async Task<IReadOnlyList<IngestRun>> GetRunsAsync(int first, string? source, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, source, kind, started_at, ended_at, read, added, updated, unchanged, extracted, failed, error
            FROM ingest_runs WHERE $source IS NULL OR source = $source ORDER BY id DESC LIMIT $first;
            """;
        command.Parameters.AddWithValue("$first", Math.Max(0, first));
        command.Parameters.AddWithValue("$source", (object?)source ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var runs = new List<IngestRun>();
        while (await reader.ReadAsync(ct))
        {
            runs.Add(new IngestRun(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : Parse(reader.GetString(4)),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return runs;
    }

    public async Task AddDeadLetterAsync(string source, string origin, string error, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dead_letters (origin, source, error, first_failed_at, last_failed_at, attempts)
            VALUES ($origin, $source, $error, $at, $at, 1)
            ON CONFLICT (origin) DO UPDATE SET error = excluded.error, source = excluded.source,
                last_failed_at = excluded.last_failed_at, attempts = attempts + 1;
            """;
        command.Parameters.AddWithValue("$origin", origin);
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$error", error);
        command.Parameters.AddWithValue("$at", Format(time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task RemoveDeadLetterAsync(string origin, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM dead_letters WHERE origin = $origin;";
        command.Parameters.AddWithValue("$origin", origin);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int first = 100, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT origin, source, error, first_failed_at, last_failed_at, attempts
            FROM dead_letters ORDER BY last_failed_at DESC, origin LIMIT $first;
            """;
        command.Parameters.AddWithValue("$first", Math.Max(0, first));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(ct))
        {
            letters.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                Parse(reader.GetString(3)), Parse(reader.GetString(4)), reader.GetInt32(5)));
        }

        return letters;
    }

    /// <summary>
    /// Claims the article for this process until <paramref name="lease"/> runs out, so that two workers never
    /// extract it both. A claim whose lease ran out, or whose owner was a process of this host that no longer
    /// exists (killed), is taken over.
    /// </summary>
    public async Task<bool> TryClaimAsync(string articleId, TimeSpan lease, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (await TryInsertClaimAsync(connection, articleId, now, now + (long)lease.TotalMilliseconds, ct))
        {
            return true;
        }

        var holder = await GetOwnerAsync(connection, articleId, ct);
        if (holder is null || !IsDeadLocalProcess(holder))
        {
            return false;
        }

        // The holder was killed mid-article: its lease is void now, not when it would have run out. Matching on the
        // dead owner keeps the takeover atomic when two survivors try at once.
        return await TryInsertClaimAsync(connection, articleId, now, now + (long)lease.TotalMilliseconds, ct, holder);
    }

    public async Task ReleaseAsync(string articleId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM article_claims WHERE article_id = $id AND owner = $owner;";
        command.Parameters.AddWithValue("$id", articleId);
        command.Parameters.AddWithValue("$owner", Owner);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> TryInsertClaimAsync(SqliteConnection connection, string articleId, long now, long expires, CancellationToken ct, string? deadOwner = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO article_claims (article_id, owner, expires_at) VALUES ($id, $owner, $expires)
            ON CONFLICT (article_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE article_claims.owner = excluded.owner OR article_claims.expires_at < $now OR article_claims.owner = $dead;
            """;
        command.Parameters.AddWithValue("$id", articleId);
        command.Parameters.AddWithValue("$owner", Owner);
        command.Parameters.AddWithValue("$expires", expires);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$dead", (object?)deadOwner ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    private static async Task<string?> GetOwnerAsync(SqliteConnection connection, string articleId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner FROM article_claims WHERE article_id = $id;";
        command.Parameters.AddWithValue("$id", articleId);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private static bool IsDeadLocalProcess(string owner)
    {
        var colon = owner.LastIndexOf(':');
        if (colon < 0 || owner[..colon] != Environment.MachineName || !int.TryParse(owner[(colon + 1)..], CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>The validators last seen for a URL, for a conditional GET.</summary>
    public async Task<(string? ETag, string? LastModified)> GetValidatorsAsync(string url, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, last_modified FROM http_validators WHERE url = $url;";
        command.Parameters.AddWithValue("$url", url);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : (null, null);
    }

    public async Task SaveValidatorsAsync(string url, string? etag, string? lastModified, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO http_validators (url, etag, last_modified, fetched_at) VALUES ($url, $etag, $lm, $at)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at;
            """;
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$etag", (object?)etag ?? DBNull.Value);
        command.Parameters.AddWithValue("$lm", (object?)lastModified ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", Format(time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
