namespace Graph.Cli.Tests;

/// <summary>
/// <c>graph bench api</c> on a small replica of the seed: it builds the store once, reuses it, and prints every figure.
/// Times are printed, never asserted.
/// </summary>
public sealed class BenchApiTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Prints_latency_and_throughput_of_every_query_and_reuses_its_store()
    {
        string[] args = ["bench", "api", "--corpus", Repo.SeedFolder, "--articles", "60", "--seconds", "0.2", "--clients", "2", "--data", Path.Combine(_dir.Path, "bench")];

        var first = await GraphCli.RunAsync(_dir.Path, args);
        var second = await GraphCli.RunAsync(_dir.Path, args);

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("store: built 60 articles");
        first.Stdout.ShouldContain("60 articles,");
        foreach (string query in (string[])["actor (by id)", "stance busy pair", "stance random pairs, includeAffiliates", "relationships source", "neighborhood", "over HTTP"])
        {
            first.Stdout.ShouldContain(query);
        }

        first.Lines.Count(l => l.Contains("stance busy pair", StringComparison.Ordinal)).ShouldBe(4, "two in process, two over HTTP");
        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stdout.ShouldContain("store: reusing");
    }
}
