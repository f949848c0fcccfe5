using System.Globalization;
using System.Text.Json;
using Graph.Core;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Graph.Store.Sqlite;

/// <summary>
/// The embedded store's ingestion log and claims: runs, dead letters and article claims in <c>worker.db</c> beside the
/// graph. A file of its own, so that claiming the next article never waits for the graph's write lock while the previous
/// one is saved. Several processes (two workers, a CLI run, the server) share it safely.
/// </summary>
public sealed class SqliteIngestLog(SqliteStoreOptions options, TimeProvider time) : IIngestLog, IArticleClaims
{
    public const string FileName = "worker.db";

    private readonly Lazy<Task> _initialized = new(() => InitializeOnceAsync(options, CancellationToken.None));

    public string FilePath { get; } = Path.GetFullPath(Path.Combine(options.DataDirectory, FileName));

    /// <summary>Creates <c>worker.db</c> and its tables if missing (or brings them up to date); every other method does it first anyway.</summary>
    public Task InitializeAsync(CancellationToken ct = default) => _initialized.Value.WaitAsync(ct);

    public Task<long> StartRunAsync(string source, string kind, CancellationToken ct = default) =>
        WriteAsync(async connection =>
        {
            await SweepAsync(connection, ct);
            await using var command = Command(connection, """
                INSERT INTO ingest_runs (source, kind, started_at, heartbeat_at, owner) VALUES ($source, $kind, $at, $at, $owner) RETURNING id;
                """);
            command.Parameters.AddWithValue("$source", source);
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$at", Format(time.GetUtcNow()));
            command.Parameters.AddWithValue("$owner", ProcessOwner.Current);
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }, ct);

    public Task UpdateRunAsync(IngestRun run, CancellationToken ct = default) => RecordAsync(run, ended: false, ct);

    public Task FinishRunAsync(IngestRun run, CancellationToken ct = default) => RecordAsync(run, ended: true, ct);

    private Task RecordAsync(IngestRun run, bool ended, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Command(connection, $"""
                UPDATE ingest_runs SET {(ended ? "ended_at = $now, error = $error, interrupted = $interrupted," : "")}
                    heartbeat_at = $now, read = $read, added = $added, updated = $updated, unchanged = $unchanged,
                    duplicates = $duplicates, extracted = $extracted, failed = $failed
                WHERE id = $id;
                """);
            command.Parameters.AddWithValue("$id", run.Id);
            command.Parameters.AddWithValue("$now", Format(run.EndedAt ?? time.GetUtcNow()));
            command.Parameters.AddWithValue("$read", run.Read);
            command.Parameters.AddWithValue("$added", run.Added);
            command.Parameters.AddWithValue("$updated", run.Updated);
            command.Parameters.AddWithValue("$unchanged", run.Unchanged);
            command.Parameters.AddWithValue("$duplicates", run.Duplicates);
            command.Parameters.AddWithValue("$extracted", run.Extracted);
            command.Parameters.AddWithValue("$failed", run.Failed);
            command.Parameters.AddWithValue("$error", (object?)run.Error ?? DBNull.Value);
            command.Parameters.AddWithValue("$interrupted", run.Interrupted);
            return await command.ExecuteNonQueryAsync(ct);
        }, ct);

    public Task<IReadOnlyList<IngestRun>> GetRunsAsync(int first = 20, string? source = null, CancellationToken ct = default) =>
        WriteAsync<IReadOnlyList<IngestRun>>(async connection =>
        {
            await SweepAsync(connection, ct);
            await using var command = Command(connection, """
                SELECT id, source, kind, started_at, ended_at, read, added, updated, unchanged, extracted, failed, error, duplicates, interrupted
                FROM ingest_runs WHERE $source IS NULL OR source = $source ORDER BY id DESC LIMIT $first;
                """);
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
                    reader.IsDBNull(11) ? null : reader.GetString(11))
                {
                    Duplicates = reader.GetInt32(12),
                    Interrupted = reader.GetBoolean(13),
                });
            }

            return runs;
        }, ct);

    /// <summary>
    /// Runs not ended whose process is gone (killed on this host) or that have been silent too long are over: they are
    /// marked interrupted, ended at their last sign of life.
    /// </summary>
    private async Task SweepAsync(SqliteConnection connection, CancellationToken ct)
    {
        var open = new List<(long Id, string? Owner, string Last)>();
        await using (var command = Command(connection, "SELECT id, owner, coalesce(heartbeat_at, started_at) FROM ingest_runs WHERE ended_at IS NULL;"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                open.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
            }
        }

        var now = time.GetUtcNow();
        foreach (var (id, owner, last) in open.Where(r => ProcessOwner.IsRunOver(r.Owner, Parse(r.Last), now)))
        {
            await using var update = Command(connection, """
                UPDATE ingest_runs SET ended_at = $last, interrupted = 1,
                    error = coalesce(error, 'its process ended (killed?) before the run did')
                WHERE id = $id AND ended_at IS NULL;
                """);
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$last", last);
            await update.ExecuteNonQueryAsync(ct);
        }
    }

    public Task AddDeadLetterAsync(string source, string origin, string error, int count = 1, CancellationToken ct = default) =>
        WriteAsync(async connection =>
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            bool overflow = false;
            await using (var check = Command(connection, """
                SELECT NOT EXISTS (SELECT 1 FROM dead_letters WHERE origin = $origin)
                   AND (SELECT count(*) FROM dead_letters WHERE source = $source) >= $cap;
                """, tx))
            {
                check.Parameters.AddWithValue("$origin", origin);
                check.Parameters.AddWithValue("$source", source);
                check.Parameters.AddWithValue("$cap", DeadLetters.MaxPerSource - 1);
                overflow = Convert.ToInt64(await check.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 1;
            }

            await using var command = Command(connection, $"""
                INSERT INTO dead_letters (origin, source, error, first_failed_at, last_failed_at, attempts, count)
                VALUES ($origin, $source, $error, $at, $at, 1, $count)
                ON CONFLICT (origin) DO UPDATE SET error = excluded.error, source = excluded.source,
                    last_failed_at = excluded.last_failed_at, attempts = attempts + 1,
                    count = {(overflow ? "count + excluded.count" : "excluded.count")};
                """, tx);
            command.Parameters.AddWithValue("$origin", overflow ? DeadLetters.OverflowOrigin(source) : origin);
            command.Parameters.AddWithValue("$source", source);
            command.Parameters.AddWithValue("$error", overflow ? DeadLetters.OverflowError(origin, error) : error);
            command.Parameters.AddWithValue("$count", count);
            command.Parameters.AddWithValue("$at", Format(time.GetUtcNow()));
            await command.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            return 0;
        }, ct);

    public Task ResolveDeadLettersAsync(IReadOnlyCollection<string> origins, CancellationToken ct = default) =>
        origins.Count == 0
            ? Task.CompletedTask
            : WriteAsync(async connection =>
            {
                await using var command = Command(connection, "DELETE FROM dead_letters WHERE origin IN (SELECT value FROM json_each($origins));");
                command.Parameters.AddWithValue("$origins", JsonSerializer.Serialize(origins));
                return await command.ExecuteNonQueryAsync(ct);
            }, ct);

    public Task<int> DropDeadLettersAsync(DeadLetterQuery query, CancellationToken ct = default) =>
        WriteAsync(async connection =>
        {
            await using var command = Command(connection, $"DELETE FROM dead_letters {DeadLetterFilter};");
            AddFilter(command, query);
            return await command.ExecuteNonQueryAsync(ct);
        }, ct);

    public Task<Page<DeadLetter>> GetDeadLettersAsync(DeadLetterQuery query, CancellationToken ct = default) =>
        WriteAsync(async connection =>
        {
            await using var count = Command(connection, $"SELECT count(*) FROM dead_letters {DeadLetterFilter};");
            AddFilter(count, query);
            int total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

            await using var command = Command(connection, $"""
                SELECT origin, source, error, first_failed_at, last_failed_at, attempts, count
                FROM dead_letters {DeadLetterFilter} ORDER BY last_failed_at DESC, origin LIMIT $first OFFSET $offset;
                """);
            AddFilter(command, query);
            command.Parameters.AddWithValue("$first", Math.Max(0, query.First));
            command.Parameters.AddWithValue("$offset", Math.Max(0, query.Offset));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var letters = new List<DeadLetter>();
            while (await reader.ReadAsync(ct))
            {
                letters.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    Parse(reader.GetString(3)), Parse(reader.GetString(4)), reader.GetInt32(5)) { Count = reader.GetInt32(6) });
            }

            return new Page<DeadLetter>(letters, total, Math.Max(0, query.Offset));
        }, ct);

    private const string DeadLetterFilter = "WHERE ($source IS NULL OR source = $source) AND ($origin IS NULL OR origin = $origin)";

    private static void AddFilter(SqliteCommand command, DeadLetterQuery query)
    {
        command.Parameters.AddWithValue("$source", (object?)query.Source ?? DBNull.Value);
        command.Parameters.AddWithValue("$origin", (object?)query.Origin ?? DBNull.Value);
    }

    /// <summary>
    /// Claims the article for this process until <paramref name="lease"/> runs out. A claim whose lease ran out, or
    /// whose owner was a process of this host that no longer exists (killed), is taken over.
    /// </summary>
    public async Task<bool> TryClaimAsync(string articleId, TimeSpan lease, CancellationToken ct = default) =>
        (await TryClaimManyAsync([articleId], lease, ct)).Contains(articleId);

    /// <summary>Claims as <see cref="TryClaimAsync"/> does, all in one transaction.</summary>
    public Task<IReadOnlySet<string>> TryClaimManyAsync(IReadOnlyCollection<string> articleIds, TimeSpan lease, CancellationToken ct = default) =>
        WriteAsync<IReadOnlySet<string>>(async connection =>
        {
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            if (articleIds.Count == 0)
            {
                return claimed;
            }

            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var expires = now + (long)lease.TotalMilliseconds;
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using var insert = Command(connection, """
                INSERT INTO article_claims (article_id, owner, expires_at) VALUES ($id, $owner, $expires)
                ON CONFLICT (article_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE article_claims.owner = excluded.owner OR article_claims.expires_at < $now OR article_claims.owner = $dead;
                """, tx);
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var dead = insert.Parameters.Add("$dead", SqliteType.Text);
            insert.Parameters.AddWithValue("$owner", ProcessOwner.Current);
            insert.Parameters.AddWithValue("$expires", expires);
            insert.Parameters.AddWithValue("$now", now);
            await using var owner = Command(connection, "SELECT owner FROM article_claims WHERE article_id = $id;", tx);
            var ownerOf = owner.Parameters.Add("$id", SqliteType.Text);
            foreach (var articleId in articleIds)
            {
                id.Value = articleId;
                dead.Value = DBNull.Value;
                if (await insert.ExecuteNonQueryAsync(ct) == 1)
                {
                    claimed.Add(articleId);
                    continue;
                }

                // The holder was killed mid-article: its lease is void now, not when it would have run out. Matching on the
                // dead owner keeps the takeover atomic when two survivors try at once.
                ownerOf.Value = articleId;
                if (await owner.ExecuteScalarAsync(ct) is string holder && ProcessOwner.IsDeadLocalProcess(holder))
                {
                    dead.Value = holder;
                    if (await insert.ExecuteNonQueryAsync(ct) == 1)
                    {
                        claimed.Add(articleId);
                    }
                }
            }

            await tx.CommitAsync(ct);
            return claimed;
        }, ct);

    public Task ReleaseAsync(string articleId, CancellationToken ct = default) => ReleaseManyAsync([articleId], ct);

    public Task ReleaseManyAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct = default) =>
        articleIds.Count == 0
            ? Task.CompletedTask
            : WriteAsync(async connection =>
            {
                await using var command = Command(connection, "DELETE FROM article_claims WHERE article_id IN (SELECT value FROM json_each($ids)) AND owner = $owner;");
                command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(articleIds));
                command.Parameters.AddWithValue("$owner", ProcessOwner.Current);
                return await command.ExecuteNonQueryAsync(ct);
            }, ct);

    /// <summary>Opens <c>worker.db</c>, runs <paramref name="work"/>, and says "disk full" in one line when the file cannot grow.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await InitializeAsync(ct);
            await using var connection = await OpenAsync(options, ct);
            return await work(connection);
        }
        catch (SqliteException e) when (WriteRefused.Is(e))
        {
            throw new StorageFullException(FilePath, e);
        }
    }

    private static async Task<SqliteConnection> OpenAsync(SqliteStoreOptions options, CancellationToken ct)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(Path.Combine(options.DataDirectory, FileName)),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync(ct);
        // Several processes share the file; waiting beats failing with SQLITE_BUSY. NORMAL in WAL mode survives a killed
        // process (only power loss may drop the last commits), and spares an fsync per claim.
        await ConnectionSettings.ApplyOnceAsync(connection, "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;", ct);
        return connection;
    }

    private static async Task InitializeOnceAsync(SqliteStoreOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetFullPath(options.DataDirectory));
        await using var connection = await OpenAsync(options, ct);
        await using (var wal = Command(connection, "PRAGMA journal_mode = WAL;"))
        {
            await wal.ExecuteNonQueryAsync(ct);
        }

        // Its own user_version: the worker's schedules and HTTP validators share the file but not these tables.
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var version = Command(connection, "PRAGMA user_version;", tx);
        for (long step = Convert.ToInt64(await version.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture); step < Migrations.Length; step++)
        {
            await using var migrate = Command(connection, Migrations[step] + $"\nPRAGMA user_version = {step + 1};", tx);
            await migrate.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS ingest_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            read INTEGER NOT NULL DEFAULT 0,
            added INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            extracted INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            error TEXT);
        CREATE TABLE IF NOT EXISTS dead_letters (
            origin TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            error TEXT NOT NULL,
            first_failed_at TEXT NOT NULL,
            last_failed_at TEXT NOT NULL,
            attempts INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS article_claims (
            article_id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            expires_at INTEGER NOT NULL);
        """,
        """
        -- Who runs a run and when it last said so: a run whose process died is told from one still going.
        ALTER TABLE ingest_runs ADD COLUMN owner TEXT;
        ALTER TABLE ingest_runs ADD COLUMN heartbeat_at TEXT;
        ALTER TABLE ingest_runs ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE ingest_runs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX ingest_runs_open ON ingest_runs(ended_at) WHERE ended_at IS NULL;
        -- Records of one file that failed together are one letter with their count; letters are listed by source, page by page.
        ALTER TABLE dead_letters ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
        CREATE INDEX dead_letters_source ON dead_letters(source, last_failed_at);
        CREATE INDEX dead_letters_recent ON dead_letters(last_failed_at, origin);
        """,
    ];

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command;
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
