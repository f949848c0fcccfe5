namespace Graph.Store.Neo4j.Http;

/// <summary>An explicit Query API transaction. Every call after the begin carries the server's cluster-affinity header.</summary>
public sealed class Neo4jTransaction : IAsyncDisposable
{
    private readonly Neo4jQueryClient _client;
    private readonly Uri _uri;
    private bool _open = true;

    internal Neo4jTransaction(Neo4jQueryClient client, Uri uri, string id, string? affinity)
    {
        _client = client;
        _uri = uri;
        Id = id;
        Affinity = affinity;
    }

    public string Id { get; }

    public string? Affinity { get; }

    public bool IsOpen => _open;

    public async Task<QueryResult> RunAsync(string statement, object? parameters = null, CancellationToken ct = default)
    {
        EnsureOpen();
        return await _client.RunInTransactionAsync(_uri, statement, parameters, Affinity, ct);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        EnsureOpen();
        _open = false;
        await _client.CommitAsync(_uri, Affinity, ct);
    }

    public async Task RollbackAsync(CancellationToken ct = default)
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        await _client.RollbackAsync(_uri, Affinity, ct);
    }

    /// <summary>Rolls back a transaction left open, best effort: the server would expire it anyway.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_open)
        {
            return;
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await RollbackAsync(cts.Token);
        }
        catch (Exception e) when (e is Neo4jException or OperationCanceledException or HttpRequestException)
        {
            // Nothing more to do: the transaction was never committed and times out on the server.
        }
    }

    private void EnsureOpen()
    {
        if (!_open)
        {
            throw new InvalidOperationException($"Transaction {Id} is already committed or rolled back.");
        }
    }
}
