using System.Diagnostics;

namespace Graph.Cli.Tests;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the real <c>graph</c> program (built beside the tests) as a child process, as a user would.</summary>
public static class GraphCli
{
    /// <summary>How to start <c>graph ARGS</c> in <paramref name="dataDir"/>, its store in <c>data</c> there, its output captured.</summary>
    public static ProcessStartInfo StartInfo(string dataDir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "graph.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GRAPH_DATA"] = Path.Combine(dataDir, "data");
        start.Environment["GRAPH_HOME"] = Repo.Root;
        return start;
    }

    public static Task<CliResult> RunAsync(string dataDir, params string[] args) => RunAsync(dataDir, args, new Dictionary<string, string>());

    public static async Task<CliResult> RunAsync(string dataDir, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var start = StartInfo(dataDir, args);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // A program that hangs fails its test, and does not outlive it.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"graph {string.Join(' ', args)} did not exit within 3 minutes.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
