using System.Collections.Concurrent;
using GraphQLParser.AST;

namespace Graph.Api.Http;

/// <summary>
/// Documents that parsed and validated, by their text: clients send the same few queries over and over, and parsing and
/// validating them again costs more than answering a simple one. Bounded in entries and in text kept; executions only
/// read a document, so one is shared by concurrent requests.
/// </summary>
internal sealed class DocumentCache
{
    private const int MaxEntries = 1000;
    private const int MaxQueryLength = 16 * 1024;

    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    public GraphQLDocument? Get(string query) => _documents.GetValueOrDefault(query);

    public void Add(string query, GraphQLDocument document)
    {
        if (query.Length > MaxQueryLength)
        {
            return;
        }

        if (_documents.Count >= MaxEntries)
        {
            // Many distinct queries (literals built into the text): start again rather than track which are hot.
            _documents.Clear();
        }

        _documents.TryAdd(query, document);
    }
}
