using System.CommandLine;
using Graph.Cli.Commands;
using Graph.Cli.Hosting;

var root = new RootCommand("Graph: who stands where in the news, and why")
{
    CommonOptions.Data,
    ServeCommand.Create(),
    ExtractCommand.Create(),
    ExplainCommand.Create(),
    EvalCommand.Create(),
    IngestCommand.Create(),
    StatsCommand.Create(),
    CorrectionsCommand.Create(),
    ExportCommand.Create(),
    ReingestCommand.Create(),
    WorkerCommand.Create(),
    BenchCommand.Create(),
};

// A mistake the user can fix (misconfiguration, an unreachable store, a full disk) is one clear line; anything else is
// a bug, and escapes with its stack trace.
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    return 130;
}
catch (Exception e) when (UserErrors.Describe(e) is { } problem)
{
    await Console.Error.WriteLineAsync($"graph: {problem.Message}");
    return problem.ExitCode;
}
