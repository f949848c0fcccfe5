using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Graph.Core.Exports;
using Graph.Store.Sqlite;

namespace Graph.Store.Neo4j.Tests;

/// <summary>
/// With no Neo4j server here, Neo4j's own Cypher front end (the <c>@neo4j-cypher/language-support</c> linter:
/// parser plus semantic analysis) checks every statement the store sends and every shipped sample query,
/// as Cypher 5 and as Cypher 25. Needs Node.js and the npm registry; without them the test says it was skipped.
/// </summary>
public sealed class CypherLintTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "CypherLint");

    [Fact]
    public async Task Every_statement_and_sample_query_passes_Neo4js_linter()
    {
        var statements = typeof(Cypher).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        foreach (var (statement, i) in Cypher.Schema.Select((s, i) => (s, i)))
        {
            statements[$"Schema[{i}]"] = statement;
        }

        foreach (var (query, i) in SampleQueries().Select((q, i) => (q, i)))
        {
            statements[$"sample-queries.cypher #{i + 1}"] = query;
        }

        statements.Count.ShouldBeGreaterThan(30);
        await LintAsync(statements);
    }

    [Fact]
    public async Task The_Cypher_export_passes_Neo4js_linter_whatever_the_text_it_holds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir();
        using var store = new SqliteGraphStore(new SqliteStoreOptions { DataDirectory = dir.Path }, TimeProvider.System);
        foreach (var sample in new[] { Sample.RussiaBacksAssad(), Sample.RussiaRebuffsWashington(), Sample.Hostile() })
        {
            await store.SaveArticleAsync(sample.Article, sample.Extraction, "v1", ct);
        }

        var text = new StringWriter();
        await new CypherFormat().WriteAsync(new GraphExport(store), new ExportScope(), text, ct);

        var statements = text.ToString().Split('\n').Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal))
            .Select((l, i) => (Name: $"export line {i + 1}", Statement: l.TrimEnd(';')))
            .ToDictionary(x => x.Name, x => x.Statement);
        statements.Count.ShouldBeGreaterThan(5);
        await LintAsync(statements);
    }

    /// <summary>Runs the linter over the named statements: it must find nothing.</summary>
    private static async Task LintAsync(Dictionary<string, string> statements)
    {
        var ct = TestContext.Current.CancellationToken;
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            var (installed, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(3), ct);
            Assert.SkipUnless(installed, $"Cypher lint skipped: 'npm ci' of the Neo4j Cypher linter failed or npm is missing ({output.Trim()})");
        }

        string file = Path.Combine(Path.GetTempPath(), $"cypher-lint-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(statements), ct);
        try
        {
            // Minutes, not seconds: the linter is slow, and slower still on a machine busy with the rest of the suite.
            var (ok, output) = await RunAsync("node", ["lint.mjs", file], TimeSpan.FromMinutes(5), ct);

            ok.ShouldBeTrue(output);
            output.Trim().ShouldBeEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The queries of sample-queries.cypher, without comments and Browser commands (<c>:param</c>).</summary>
    private static IEnumerable<string> SampleQueries() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "graph-seed", "neo4j", "sample-queries.cypher"))
            .Split(";\n")
            .Select(part => string.Join('\n', part.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal))).Trim())
            .Where(q => q.Length > 0 && !q.StartsWith(':'));

    private static async Task<(bool Ok, string Output)> RunAsync(string program, string[] arguments, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, $"{program}: {e.Message}");
        }

        using (process)
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            cts.CancelAfter(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            return (process.ExitCode == 0, await stdout + await stderr);
        }
    }
}
