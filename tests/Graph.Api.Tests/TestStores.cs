using Graph.Core.Storage;
using Graph.Store.Sqlite;

namespace Graph.Api.Tests;

internal static class TestStores
{
    /// <summary>The real embedded store, in a directory of its own.</summary>
    public static IGraphStore Create(string dataDirectory) =>
        new SqliteGraphStore(new SqliteStoreOptions { DataDirectory = dataDirectory }, TimeProvider.System);
}
