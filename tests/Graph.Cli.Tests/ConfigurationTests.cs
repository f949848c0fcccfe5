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

    [Theory]
    [InlineData("stats")]
    [InlineData("ingest")]
    [InlineData("serve")]
    [InlineData("worker")]
    public async Task AnUnreachableNeo4jFailsLoudlyInOneLine(string command)
    {
        string[] args = command switch
        {
            "ingest" => ["ingest", Repo.SeedFolder],
            "serve" => ["serve", "--urls", "http://127.0.0.1:0"],
            "worker" => ["worker", "--urls", "http://127.0.0.1:0"],
            _ => [command],
        };
        var result = await GraphCli.RunAsync(_dir.Path, args, new Dictionary<string, string>
        {
            ["Graph__Store"] = "Neo4j",
            ["Graph__Neo4j__Uri"] = "http://127.0.0.1:9",
            ["Graph__Neo4j__MaxRetryAttempts"] = "1",
            // The worker refuses to start without a scheduled source before it ever asks the store.
            ["Graph__Worker__Sources__0__Name"] = "inbox",
            ["Graph__Worker__Sources__0__Kind"] = "Folder",
            ["Graph__Worker__Sources__0__Path"] = Repo.SeedFolder,
            ["Graph__Worker__Sources__0__Schedule"] = "0 0/5 * * * ?",
        });

        result.ExitCode.ShouldBe(1, result.Stderr);
        // One line: no retry warnings or host failure logged before it.
        result.Stderr.TrimEnd().Split('\n').ShouldHaveSingleItem().ShouldStartWith("graph: Cannot reach Neo4j at http://127.0.0.1:9");
        result.Stdout.ShouldNotContain("   at ");
    }
}
