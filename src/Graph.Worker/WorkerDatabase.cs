using Microsoft.Data.Sqlite;

namespace Graph.Worker;

/// <summary>
/// <c>worker.db</c> in the data directory: what belongs to this host whatever the store is, its schedules (the Quartz
/// tables, which Quartz provisions itself, see <see cref="WorkerScheduler"/>) and its HTTP validators. On the embedded
/// store the same file holds the ingestion log and claims too (the SQLite adapter's tables).
/// </summary>
public sealed class WorkerDatabase(string dataDirectory)
{
    private readonly Lazy<Task> _initialized = new(() => InitializeOnceAsync(dataDirectory));

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

    /// <summary>Creates the file and the worker's own tables once per process.</summary>
    public Task InitializeAsync(CancellationToken ct) => _initialized.Value.WaitAsync(ct);

    public async Task<SqliteConnection> OpenInitializedAsync(CancellationToken ct)
    {
        await InitializeAsync(ct);
        return await OpenAsync(ct);
    }

    private static async Task InitializeOnceAsync(string dataDirectory)
    {
        var database = new WorkerDatabase(dataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(database.FilePath)!);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", CancellationToken.None);
        await ExecuteAsync(connection, Schema, CancellationToken.None);
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS http_validators (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL);
        """;
}
