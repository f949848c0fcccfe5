using System.Runtime.CompilerServices;
using Graph.Core.Ingestion;
using Graph.Extraction.Reading;

namespace Graph.Cli.Hosting;

/// <summary>What the reader found, as items of the ingestion use case.</summary>
internal static class ReadItems
{
    public static async IAsyncEnumerable<IngestItem> AsIngestItems(this IAsyncEnumerable<ReadResult> results, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var r in results.WithCancellation(ct))
        {
            yield return new IngestItem(r.Origin, r.Article, r.Error);
        }
    }
}
