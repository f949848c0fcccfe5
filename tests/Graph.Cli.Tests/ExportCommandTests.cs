using System.Text.Json;
using System.Xml.Linq;
using Graph.Core.Exports;

namespace Graph.Cli.Tests;

/// <summary>The seed articles ingested once into an embedded store that every export test reads.</summary>
public sealed class SeedStore : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public string Dir => _dir.Path;

    public CliResult Stats { get; private set; } = null!;

    public long Count(string what) =>
        long.Parse(Stats.Lines.Single(l => l.StartsWith(what + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    public async ValueTask InitializeAsync()
    {
        var ingest = await GraphCli.RunAsync(Dir, "ingest", Repo.SeedFolder);
        ingest.ExitCode.ShouldBe(0, ingest.Stderr);
        Stats = await GraphCli.RunAsync(Dir, "stats");
    }

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary><c>graph export</c> on the seed store, run as a user runs it.</summary>
public sealed class ExportCommandTests(SeedStore seed) : IClassFixture<SeedStore>
{
    private Task<CliResult> ExportAsync(params string[] args) => GraphCli.RunAsync(seed.Dir, ["export", .. args]);

    [Fact]
    public async Task GraphML_of_the_store_has_as_many_nodes_and_edges_as_stats_reports_actors_and_relationships()
    {
        var result = await ExportAsync("--format", "graphml");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldStartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        var (nodes, edges) = GraphFiles.CheckGraphML(XDocument.Parse(result.Stdout));
        nodes.ShouldBe((int)seed.Count("actors"));
        edges.ShouldBe((int)seed.Count("relationships"));
        seed.Count("relationships").ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task GEXF_written_to_a_file_has_every_actor_and_relationship_and_nothing_goes_to_standard_output()
    {
        string file = Path.Combine(seed.Dir, "graph.gexf");

        var result = await ExportAsync("--format", "gexf", "--out", file);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain($"wrote {file}");
        GraphFiles.CheckGexf(XDocument.Load(file)).ShouldBe(((int)seed.Count("actors"), (int)seed.Count("relationships")));
        File.Exists(file + ".partial").ShouldBeFalse();
    }

    [Fact]
    public async Task Events_in_JSON_Lines_and_CSV_are_the_same_rows_one_per_piece_of_evidence()
    {
        var jsonl = await ExportAsync("--format", "jsonl");
        var csv = await ExportAsync("--format", "csv");

        jsonl.ExitCode.ShouldBe(0, jsonl.Stderr);
        csv.ExitCode.ShouldBe(0, csv.Stderr);
        var rows = jsonl.Lines.Select(l => JsonSerializer.Deserialize<EventRow>(l, JsonLinesFormat.Json)!).ToList();
        rows.Count.ShouldBe((int)seed.Count("evidence"));
        var lines = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(string.Join(',', EventRow.Columns));
        lines.Length.ShouldBeGreaterThanOrEqualTo(rows.Count + 1);
        rows.ShouldContain(r => r.Source == "RUS" && r.Target == "bashar-al-assad" && r.Type == "SUPPORT" && r.SourceCameo == "RUS");
        rows.ShouldAllBe(r => r.ArticleId.Length > 0 && r.Sentence.Length > 0 && r.CameoRoot.Length == 2);
    }

    [Fact]
    public async Task Filters_narrow_the_export_to_an_actor_types_and_days()
    {
        var russia = await ExportAsync("--format", "jsonl", "--actor", "Moscow", "--types", "support,AID");
        var none = await ExportAsync("--format", "graphml", "--since", "1900-01-01", "--until", "1900-12-31");

        russia.ExitCode.ShouldBe(0, russia.Stderr);
        var rows = russia.Lines.Select(l => JsonSerializer.Deserialize<EventRow>(l, JsonLinesFormat.Json)!).ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => (r.Source == "RUS" || r.Target == "RUS") && (r.Type == "SUPPORT" || r.Type == "AID"));
        none.ExitCode.ShouldBe(0, none.Stderr);
        GraphFiles.CheckGraphML(XDocument.Parse(none.Stdout)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_the_reason_and_leave_an_earlier_file_untouched()
    {
        string file = Path.Combine(seed.Dir, "kept.csv");
        await File.WriteAllTextAsync(file, "earlier export", TestContext.Current.CancellationToken);

        var types = await ExportAsync("--format", "csv", "--types", "SUPPORT,HUG", "--out", file);
        var day = await ExportAsync("--format", "csv", "--since", "2024-02-30");
        var order = await ExportAsync("--format", "csv", "--since", "2024-05-01", "--until", "2024-04-01");
        var actor = await ExportAsync("--format", "csv", "--actor", "Atlantis");
        var format = await ExportAsync("--format", "xlsx");

        types.ExitCode.ShouldBe(2);
        types.Stderr.ShouldContain("--types: 'HUG' is not a PLOVER type; use any of AGREE,CONSULT,SUPPORT");
        (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).ShouldBe("earlier export");
        day.ExitCode.ShouldBe(2);
        day.Stderr.ShouldContain("--since 2024-02-30: expected a day as YYYY-MM-DD");
        order.ExitCode.ShouldBe(2);
        order.Stderr.ShouldContain("is after --until");
        actor.ExitCode.ShouldBe(2);
        actor.Stderr.ShouldContain("--actor Atlantis: no actor has that name, alias or id");
        format.ExitCode.ShouldNotBe(0);
        format.Stderr.ShouldContain("Argument 'xlsx' not recognized");
        new[] { types, day, order, actor }.ShouldAllBe(r => r.Stdout.Length == 0, "nothing half-exported");
    }

    [Fact]
    public async Task A_store_that_does_not_exist_is_refused_not_exported_empty()
    {
        using var empty = new TempDir();

        var result = await GraphCli.RunAsync(empty.Path, "export", "--format", "graphml");

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("No store at");
        result.Stdout.ShouldBeEmpty();
    }
}
