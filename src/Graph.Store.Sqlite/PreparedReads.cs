using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Graph.Store.Sqlite;

/// <summary>
/// Read connections kept open with their statements prepared, for the small queries the API asks most (an actor by id
/// or name, a pair's sums). Preparing such a statement costs SQLite more than running it, and a pooled connection
/// forgets its statements when it is handed back. Idle, a connection holds no transaction, so writers and
/// checkpoints never wait for it.
/// </summary>
internal sealed class PreparedReads(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    /// <summary>Connections kept when idle: about one per concurrent request on a small server.</summary>
    private const int MaxIdle = 8;

    /// <summary>Statements kept per connection; the filters of a sum make a few shapes, not an unbounded number.</summary>
    private const int MaxStatements = 64;

    private readonly ConcurrentBag<Reader> _idle = [];
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameters"/> and reads its rows with <paramref name="read"/>.</summary>
    public async Task<T> ReadAsync<T>(string sql, IEnumerable<SqliteParameter> parameters, Func<SqliteCommand, Task<T>> read, CancellationToken ct)
    {
        var reader = _idle.TryTake(out var idle) ? idle : new Reader(await open(ct));
        try
        {
            var command = reader.Prepared(sql);
            command.Parameters.Clear();
            foreach (var p in parameters)
            {
                command.Parameters.AddWithValue(p.ParameterName, p.Value);
            }

            var result = await read(command);
            if (!_disposed && _idle.Count < MaxIdle)
            {
                _idle.Add(reader);
                reader = null;
            }

            return result;
        }
        finally
        {
            reader?.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private sealed class Reader(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

        public SqliteCommand Prepared(string sql)
        {
            if (_statements.TryGetValue(sql, out var command))
            {
                return command;
            }

            if (_statements.Count >= MaxStatements)
            {
                DisposeStatements();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Prepare();
            _statements[sql] = command;
            return command;
        }

        public void Dispose()
        {
            DisposeStatements();
            connection.Dispose();
        }

        private void DisposeStatements()
        {
            foreach (var command in _statements.Values)
            {
                command.Dispose();
            }

            _statements.Clear();
        }
    }
}
