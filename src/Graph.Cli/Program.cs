using System.CommandLine;
using Graph.Cli.Commands;
using Graph.Store.Neo4j.Http;
using Microsoft.Extensions.Options;
using Polly;

var root = new RootCommand("Graph: who stands where in the news, and why")
{
    CommonOptions.Data,
    ServeCommand.Create(),
    ExtractCommand.Create(),
    ExplainCommand.Create(),
    EvalCommand.Create(),
    IngestCommand.Create(),
    StatsCommand.Create(),
    ReingestCommand.Create(),
    WorkerCommand.Create(),
    BenchCommand.Create(),
};

// A misconfiguration or an unreachable store is the user's to fix: one clear line, not a stack trace.
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"graph: invalid configuration: {string.Join(" ", e.Failures)}");
    return 2;
}
catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException or InvalidOperationException
    or Neo4jException or ExecutionRejectedException)
{
    await Console.Error.WriteLineAsync($"graph: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    return 130;
}
