using Microsoft.Data.Sqlite;

namespace Graph.Store.Sqlite;

/// <summary>SQLite's two ways of saying a file cannot grow, told apart from every other database error.</summary>
internal static class WriteRefused
{
    /// <summary>
    /// SQLITE_FULL: the disk is full (a write came back short). SQLITE_IOERR_WRITE: a write failed outright, which is
    /// what a file-size limit (<c>ulimit -f</c>, EFBIG) or a disk that filled between two writes gives.
    /// </summary>
    public static bool Is(SqliteException e) => e.SqliteErrorCode == SQLitePCL.raw.SQLITE_FULL || e.SqliteExtendedErrorCode == SQLitePCL.raw.SQLITE_IOERR_WRITE;
}
