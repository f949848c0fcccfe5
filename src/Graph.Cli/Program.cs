using System.CommandLine;
using Graph.Cli.Commands;

var root = new RootCommand("Graph: who stands where in the news, and why")
{
    CommonOptions.Data,
    ServeCommand.Create(),
    ExtractCommand.Create(),
    IngestCommand.Create(),
    StatsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
