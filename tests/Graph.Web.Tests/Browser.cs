using System.Diagnostics;
using System.Text;

namespace Graph.Web.Tests;

public sealed record ScriptResult(int ExitCode, string Output)
{
    public IReadOnlyList<string> Failures => Output.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
}

/// <summary>Runs the browser scenarios (browser/explorer.mjs) with Node and Debian's Chromium.</summary>
public static class Browser
{
    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

    public static string Scripts => Path.Combine(Repo.Root, "tests", "Graph.Web.Tests", "browser");

    public static string Screenshots => Path.Combine(Repo.Root, "tests", "Graph.Web.Tests", "screenshots");

    private static readonly SemaphoreSlim _install = new(1, 1);

    /// <summary>Skips the test, saying why, when this machine cannot run a browser.</summary>
    public static async Task RequireAsync()
    {
        if (FindOnPath("node") is null)
        {
            Assert.Skip("Browser tests need Node.js ('node' is not on PATH): apt-get install -y nodejs npm");
        }

        if (!File.Exists(Chromium))
        {
            Assert.Skip($"Browser tests need Chromium at {Chromium}: apt-get install -y chromium");
        }

        await _install.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            // A fresh checkout has no node_modules: install the pinned playwright-core once.
            if (!Directory.Exists(Path.Combine(Scripts, "node_modules", "playwright-core")))
            {
                var npm = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                npm.ExitCode.ShouldBe(0, $"npm ci in {Scripts} failed:\n{npm.Output}");
            }
        }
        finally
        {
            _install.Release();
        }
    }

    /// <summary>Runs a scenario that must pass every check, fetch nothing from elsewhere and raise no script error.</summary>
    public static async Task PassesAsync(string baseUrl, string scenario, string? argument = null)
    {
        await RequireAsync();
        var result = await RunScenarioAsync(baseUrl, scenario, argument);
        result.Failures.ShouldBeEmpty(result.Output);
        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("ok   nothing fetched outside the server");
        result.Output.ShouldContain("ok   no script errors");
    }

    public static async Task<ScriptResult> RunScenarioAsync(string baseUrl, string scenario, string? argument = null)
    {
        List<string> args = ["explorer.mjs", baseUrl.TrimEnd('/'), scenario];
        if (argument is not null)
        {
            args.Add(argument);
        }

        var result = await RunAsync("node", args, TimeSpan.FromMinutes(3));
        TestContext.Current.TestOutputHelper?.WriteLine(result.Output);
        return result;
    }

    private static async Task<ScriptResult> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Scripts,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CHROMIUM"] = Chromium;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        output.Append(await stdout).Append(await stderr);
        return new ScriptResult(process.ExitCode, output.ToString());
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
