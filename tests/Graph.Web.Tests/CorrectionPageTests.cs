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
