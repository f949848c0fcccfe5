using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Graph.Store.Sqlite;

/// <summary>
/// Per-connection PRAGMAs, applied once per SQLite handle. The pool hands the same handle out again and it keeps its
/// settings, so applying them on every open would cost a statement per query for nothing.
/// </summary>
internal static class ConnectionSettings
{
    private static readonly ConditionalWeakTable<sqlite3, object> Applied = [];

    public static async Task ApplyOnceAsync(SqliteConnection connection, string pragmas, CancellationToken ct)
    {
        var handle = connection.Handle!;
        if (Applied.TryGetValue(handle, out _))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(ct);
        Applied.AddOrUpdate(handle, pragmas);
    }
}
