namespace Graph.Web.Tests;

/// <summary>The real server over the seed articles, with an API key named <c>analyst</c>, so the explorer may correct it.</summary>
public sealed class KeyedSeedServer() : Server(Repo.SeedFolder, (ApiKeySetting, Key))
{
    public const string Key = "analyst-key-0123456789abcdef";

    internal const string ApiKeySetting = "Graph:Api:ApiKeys:analyst";
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
public sealed class KeyedCorpusServer() : Server(Repo.Corpus, (KeyedSeedServer.ApiKeySetting, KeyedSeedServer.Key));

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
