using GraphQL.DataLoader;

namespace Graph.Api.Loading;

/// <summary>
/// Collects the keys that resolvers ask for while a level of the query executes, then fetches them with one call
/// when GraphQL.NET first awaits a result. Each key is fetched at most once per request.
/// </summary>
internal sealed class Batch<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly HashSet<TKey> _pending = [];
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>> _fetches = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_lock)
        {
            if (!_fetches.ContainsKey(key))
            {
                _pending.Add(key);
            }
        }

        return new Pending(this, key);
    }

    public async Task<TValue?> GetAsync(TKey key, CancellationToken ct)
    {
        Task<IReadOnlyDictionary<TKey, TValue>> fetching;
        TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>>? mine = null;
        TKey[] keys = [];
        lock (_lock)
        {
            if (!_fetches.TryGetValue(key, out fetching!))
            {
                _pending.Add(key);
                keys = [.. _pending];
                _pending.Clear();
                mine = new TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>>(TaskCreationOptions.RunContinuationsAsynchronously);
                fetching = mine.Task;
                foreach (var k in keys)
                {
                    _fetches[k] = fetching;
                }
            }
        }

        if (mine is not null)
        {
            // Fetched outside the lock, so other resolvers can queue keys for the next round meanwhile.
            try
            {
                mine.SetResult(await fetch(keys, ct));
            }
            catch (Exception e)
            {
                mine.SetException(e);
            }
        }

        var found = await fetching;
        return found.TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Pending(Batch<TKey, TValue> batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => batch.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>A batched result transformed once it arrives (the GraphQL.DataLoader package's <c>Then</c>, which we cannot install).</summary>
internal sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
{
    public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) => map(await inner.GetResultAsync(cancellationToken));

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
}

internal static class DataLoaderResultExtensions
{
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) => new Mapped<TIn, TOut>(result, map);
}
