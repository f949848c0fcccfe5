using System.Diagnostics;

namespace Graph.Api.Tests;

/// <summary>The graphql-http audit suite (GraphQL over HTTP spec) against a live host: no MUST or SHOULD may fail.</summary>
public sealed class AuditTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    [Fact]
    public async Task Graphql_http_audit_reports_no_must_or_should_failure()
    {
        string? node = FindOnPath("node");
        Assert.SkipWhen(node is null, "node is not installed, so the graphql-http audit cannot run.");
        string dir = Repo.File("tests", "Graph.Api.Tests", "audit");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "graphql-http")))
        {
            string? npm = FindOnPath("npm");
            Assert.SkipWhen(npm is null, "npm is not installed, so graphql-http cannot be installed for the audit.");
            var install = await RunAsync(npm!, ["ci", "--no-audit", "--no-fund"], dir);
            install.Code.ShouldBe(0, install.Output);
        }

        var audit = await RunAsync(node!, ["audit.mjs", fixture.Host.Endpoint.ToString()], dir);

        audit.Code.ShouldBe(0, audit.Output);
        audit.Output.ShouldContain("0 MUST/SHOULD failures");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string workingDirectory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
