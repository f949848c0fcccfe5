using Graph.Core.Storage;

namespace Graph.Api.Tests;

internal static class TestStores
{
    public static IGraphStore Create(string dataDirectory) => new InMemoryGraphStore();
}
