namespace Graph.Web.Tests;

/// <summary>The real server over the seed articles, with an API key named <c>analyst</c>, so the explorer may correct it.</summary>
public sealed class KeyedSeedServer : IAsyncLifetime
{
    public const string Key = "analyst-key-0123456789abcdef";

    private readonly TempDir _dir = new();
    private ServedGraph _served = null!;

    public string Url => _served.Url;

    public async ValueTask InitializeAsync() =>
        _served = await ServedGraph.StartAsync(Path.Combine(_dir.Path, "data"), Repo.SeedFolder, ("Graph:Api:ApiKeys:analyst", Key));

    public async ValueTask DisposeAsync()
    {
        await _served.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>A correction and its undo, made in the explorer as an analyst would (browser/explorer.mjs, scenario "corrections").</summary>
public sealed class CorrectionPageTests(KeyedSeedServer server) : IClassFixture<KeyedSeedServer>
{
    [Fact]
    public async Task AWrongReadingIsRetractedFromTheStanceListedAndUndone()
    {
        await Browser.RequireAsync();
        var result = await Browser.RunScenarioAsync(server.Url, "corrections", KeyedSeedServer.Key);
        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("ok   nothing fetched outside the server");
    }
}

/// <summary>The corpus store of the shared folder, when this machine has it, with the same <c>analyst</c> key: its own store, so a correction made here touches no other test's.</summary>
public sealed class KeyedCorpusServer : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private ServedGraph? _served;

    public string Url => _served?.Url ?? "";

    public bool Available => _served is not null;

    public async ValueTask InitializeAsync()
    {
        if (Path.Exists(Repo.Corpus))
        {
            _served = await ServedGraph.StartAsync(Path.Combine(_dir.Path, "data"), Repo.Corpus, ("Graph:Api:ApiKeys:analyst", KeyedSeedServer.Key));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }

        _dir.Dispose();
    }
}

/// <summary>The same correction and undo on the corpus store, where Russia → Assad rests on several articles.</summary>
public sealed class CorpusCorrectionPageTests(KeyedCorpusServer server) : IClassFixture<KeyedCorpusServer>
{
    [Fact]
    public async Task AWrongReadingIsRetractedFromTheStanceListedAndUndone()
    {
        if (!server.Available)
        {
            Assert.Skip($"The corpus {Repo.Corpus} is not on this machine.");
        }

        await Browser.RequireAsync();
        var result = await Browser.RunScenarioAsync(server.Url, "corrections", KeyedSeedServer.Key);
        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("ok   nothing fetched outside the server");
    }
}
