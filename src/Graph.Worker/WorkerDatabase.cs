using Microsoft.Data.Sqlite;

namespace Graph.Worker;

/// <summary>
/// <c>worker.db</c> in the data directory: runs, dead letters, article claims, HTTP validators and the Quartz
/// tables (which Quartz provisions itself, see <see cref="WorkerScheduler"/>). Separate from the graph so operational state stays embedded whatever the graph store is.
/// </summary>
public sealed class WorkerDatabase(string dataDirectory)
{
    public const string FileName = "worker.db";

    public string FilePath { get; } = Path.GetFullPath(Path.Combine(dataDirectory, FileName));

    public string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = FilePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        // Several processes (two workers, a CLI run) share the file; waiting beats failing with SQLITE_BUSY.
        // NORMAL in WAL mode survives a killed process (only power loss may drop the last commits), and spares an
        // fsync per claim.
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;", ct);
        return connection;
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await using var connection = await OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", ct);
        await ExecuteAsync(connection, Schema, ct);
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private const string Schema = """
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
        CREATE TABLE IF NOT EXISTS http_validators (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL);
        """;
}
