using System.CommandLine;
using System.Globalization;
using Graph.Core.Corrections;

namespace Graph.Cli.Commands;

/// <summary><c>graph corrections</c>: the analysts' corrections the store applies, oldest first (the order they apply in).</summary>
internal static class CorrectionsCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Also list the corrections that were undone" };
        var command = new Command("corrections", "List the corrections in force (retracted evidence, merged, split and renamed actors): what, when, by which API key, why") { all };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CommonOptions.Services(parse, existingStore: true);
            var corrections = await services.GetRequiredService<ICorrectionLog>().GetCorrectionsAsync(activeOnly: !parse.GetValue(all), ct);
            foreach (var c in corrections)
            {
                string undone = c.Active ? "" : $" (undone {Day(c.UndoneAt!.Value)} by {c.UndoneBy})";
                Console.WriteLine($"{c.Id}  {Day(c.At)}  {c.Kind.ToString().ToLowerInvariant(),-7}  {c.By}: {c.Detail} · “{c.Reason}”{undone}");
            }

            if (corrections.Count == 0)
            {
                Console.WriteLine("no corrections");
            }

            return 0;
        });
        return command;
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
