using System.Text.Json;

// One browser and one server at a time: the machine has two cores and the drawing time is printed.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace Graph.Web.Tests;

/// <summary>
/// The real <c>graph serve</c> host (<see cref="ServedGraph"/>) as a fixture, over a temp store filled from <paramref name="seed"/>
/// (none when it is not on this machine), with <paramref name="settings"/> added to its configuration.
/// </summary>
public abstract class Server(string? seed, params (string Key, string? Value)[] settings) : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private ServedGraph? _served;

    public string Url => _served?.Url ?? "";

    public bool Available => _served is not null;

    public async ValueTask InitializeAsync()
    {
        if (seed is not null && Path.Exists(seed))
        {
            _served = await ServedGraph.StartAsync(Path.Combine(_dir.Path, "data"), seed, settings);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }

        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    public Task<JsonElement> QueryAsync(string query) => _served!.QueryAsync(query);
}

/// <summary>Seeded like a first <c>graph serve</c>: the repository's graph-seed/articles.</summary>
public sealed class SeedServer() : Server(Repo.SeedFolder);

/// <summary>The full Guardian corpus of the shared folder, when this machine has it.</summary>
public sealed class CorpusServer() : Server(Repo.Corpus)
{
    public static string Corpus => Repo.Corpus;
}
