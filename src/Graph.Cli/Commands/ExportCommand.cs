using System.CommandLine;
using System.Text;
using Graph.Core;
using Graph.Core.Exports;
using Graph.Core.Storage;

namespace Graph.Cli.Commands;

/// <summary><c>graph export</c>: the events or the graph of the store, for a spreadsheet, pandas, Gephi, yEd or another Neo4j.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "jsonl or csv: one row per piece of evidence; graphml, gexf or cypher: actors and relationships",
            Required = true,
        };
        format.AcceptOnlyFromAmong([.. ExportFormats.All.Select(f => f.Name)]);
        var since = new Option<string?>("--since") { Description = "Only evidence of this day or later (YYYY-MM-DD; the event's day, else the article's)" };
        var until = new Option<string?>("--until") { Description = "Only evidence of this day or earlier (YYYY-MM-DD)" };
        var types = new Option<string?>("--types") { Description = "Only these PLOVER types, comma separated (SUPPORT,ACCUSE)" };
        var actor = new Option<string?>("--actor") { Description = "Only this actor (name, alias or id) and its relationships" };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output (replaced only when the export is complete)" };
        var command = new Command("export", "Write the store's events (jsonl, csv) or graph (graphml, gexf, cypher) to standard output or a file")
        {
            format, since, until, types, actor, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CommonOptions.Services(parse, existingStore: true);
            var store = services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(ct);
            ExportScope scope;
            try
            {
                scope = await ExportScope.ParseAsync(store, parse.GetValue(since), parse.GetValue(until), parse.GetValue(types), parse.GetValue(actor), "--", ct);
            }
            catch (UserErrorException e)
            {
                // A mistake in the arguments (exit 2), not in the store or the machine (exit 1).
                await Console.Error.WriteLineAsync($"graph export: {e.Message}");
                return 2;
            }

            var exporter = ExportFormats.Find(parse.GetValue(format));
            var export = new GraphExport(store);
            if (parse.GetValue(output) is not { } file)
            {
                await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
                await exporter.WriteAsync(export, scope, stdout, ct);
                return 0;
            }

            // Written beside the file and moved over it once complete: a failed or cancelled export leaves the old file as it was.
            string path = Path.GetFullPath(file);
            string partial = path + ".partial";
            try
            {
                await using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(false), 1 << 16))
                {
                    await exporter.WriteAsync(export, scope, writer, ct);
                }

                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            await Console.Error.WriteLineAsync($"graph export: wrote {path}");
            return 0;
        });
        return command;
    }
}
