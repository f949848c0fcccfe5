namespace Graph.Cli.Tests;

/// <summary>Configuration mistakes are reported in one line that says what to fix, and nothing is written.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AnUnknownStoreIsRefusedAtStartWithTheAllowedValues()
    {
        var result = await GraphCli.RunAsync(_dir.Path, ["stats"], new Dictionary<string, string> { ["Graph__Store"] = "Oracle" });

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldContain("Graph:Store must be Sqlite or Neo4j");
        result.Stderr.ShouldNotContain("   at ");
        Directory.Exists(Path.Combine(_dir.Path, "data")).ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnreachableNeo4jFailsLoudlyInOneLine()
    {
        var result = await GraphCli.RunAsync(_dir.Path, ["stats"], new Dictionary<string, string>
        {
            ["Graph__Store"] = "Neo4j",
            ["Graph__Neo4j__Uri"] = "http://127.0.0.1:9",
            ["Graph__Neo4j__MaxRetryAttempts"] = "1",
        });

        result.ExitCode.ShouldBe(1);
        // Retry warnings come first; the last line is the verdict.
        result.Stderr.TrimEnd().Split('\n')[^1].ShouldStartWith("graph: Cannot reach Neo4j at http://127.0.0.1:9");
        result.Stderr.ShouldNotContain("   at ");
    }
}
