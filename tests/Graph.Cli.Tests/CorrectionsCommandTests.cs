using System.Text.Json;
using Graph.Cli.Hosting;
using Graph.Core.Corrections;
using Graph.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Cli.Tests;

/// <summary>
/// A retraction made on a store (as the API makes it), then the real <c>graph</c> commands on that store: it holds
/// through <c>ingest --force</c> and <c>reingest --all</c>, <c>export</c> leaves it out and <c>corrections</c> lists it.
/// </summary>
public sealed class CorrectionsCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retraction_holds_through_the_commands_that_store_again_is_left_out_of_exports_and_is_listed()
    {
        (await GraphCli.RunAsync(_dir.Path, "ingest", Repo.SeedArticle)).ExitCode.ShouldBe(0);
        string wrong;
        await using (var services = Services())
        {
            var store = services.GetRequiredService<IGraphStore>();
            var evidence = (await store.GetEvidenceAsync(new EvidenceFilter { SourceIds = ["RUS"], TargetIds = ["bashar-al-assad"] }, Ct))[0];
            wrong = evidence.Id;
            await services.GetRequiredService<Corrector>().RetractAsync(evidence.ArticleId, wrong, "reported, not Russia's act", "alice", Ct);
        }

        SqliteConnection.ClearAllPools();
        var forced = await GraphCli.RunAsync(_dir.Path, "ingest", Repo.SeedArticle, "--force");
        var reingested = await GraphCli.RunAsync(_dir.Path, "reingest", "--all");
        var export = await GraphCli.RunAsync(_dir.Path, "export", "--format", "jsonl");
        var listed = await GraphCli.RunAsync(_dir.Path, "corrections");

        forced.ExitCode.ShouldBe(0, forced.Stderr);
        reingested.ExitCode.ShouldBe(0, reingested.Stderr);
        export.ExitCode.ShouldBe(0, export.Stderr);
        var ids = export.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        ids.ShouldNotBeEmpty();
        ids.ShouldNotContain(wrong, "exports leave retracted evidence out, after ingest --force and reingest --all");
        listed.ExitCode.ShouldBe(0, listed.Stderr);
        listed.Lines.ShouldHaveSingleItem().ShouldContain("retract");
        listed.Stdout.ShouldContain("alice: Russia SUPPORT Bashar al-Assad");
        listed.Stdout.ShouldContain("“reported, not Russia's act”");
    }

    /// <summary>The program's services over the test's store, as every command wires them.</summary>
    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Graph:DataDirectory", Path.Combine(_dir.Path, "data"))])
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddGraph(configuration);
        return services.BuildServiceProvider();
    }
}
