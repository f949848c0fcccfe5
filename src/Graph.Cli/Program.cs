using System.CommandLine;
using Graph.Cli.Commands;

var root = new RootCommand("Graph: who stands where in the news, and why")
{
    CommonOptions.Data,
    ServeCommand.Create(),
    ExtractCommand.Create(),
    IngestCommand.Create(),
    StatsCommand.Create(),
    ReingestCommand.Create(),
    WorkerCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
