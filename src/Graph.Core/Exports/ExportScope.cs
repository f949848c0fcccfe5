using System.Globalization;
using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Core.Exports;

/// <summary>
/// What an export takes out of the store: evidence of <see cref="Since"/>..<see cref="Until"/> (by the day the event
/// happened, else the day it was published; inclusive), of <see cref="Types"/> (any when empty), of <see cref="Actor"/>
/// and its relationships (everyone when null). Every modality is exported; the rows say which it is.
/// </summary>
public sealed record ExportScope(DateOnly? Since = null, DateOnly? Until = null, IReadOnlyCollection<RelationType>? Types = null, Actor? Actor = null)
{
    /// <summary>Whether the scope keeps every piece of evidence: then the graph holds every actor, related or not, as <c>stats</c> counts them.</summary>
    public bool IsWholeStore => Since is null && Until is null && (Types is null || Types.Count == 0) && Actor is null;

    public EvidenceFilter Filter => new()
    {
        Since = Since,
        Until = Until,
        Types = Types ?? [],
        ActorIds = Actor is null ? [] : [Actor.Id],
    };

    /// <summary>The scope, or a user error when the dates are the wrong way round.</summary>
    public static ExportScope Of(DateOnly? since, DateOnly? until, IReadOnlyCollection<RelationType>? types, Actor? actor) =>
        since > until
            ? throw new UserErrorException($"--since {since:yyyy-MM-dd} is after --until {until:yyyy-MM-dd}: nothing could match.")
            : new ExportScope(since, until, types, actor);

    /// <summary>A day as <c>YYYY-MM-DD</c> (null when absent), or a user error naming <paramref name="option"/>.</summary>
    public static DateOnly? ParseDay(string? text, string option) =>
        string.IsNullOrEmpty(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new UserErrorException($"{option} {text}: expected a day as YYYY-MM-DD.");

    /// <summary>
    /// PLOVER types from a comma-separated list (<c>SUPPORT,accuse</c>), or a user error naming the ones that are not,
    /// and the 16 that are.
    /// </summary>
    public static IReadOnlyList<RelationType> ParseTypes(string? list)
    {
        var names = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // By name only: Enum parsing would also take "3" for a type.
        PloverType? Find(string name) => Plover.Types.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        var unknown = names.Where(n => Find(n) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new UserErrorException(
                $"--types: {string.Join(", ", unknown.Select(n => $"'{n}'"))} {(unknown.Count == 1 ? "is not a PLOVER type" : "are not PLOVER types")}; " +
                $"use any of {string.Join(",", Plover.Types.Select(t => t.Name))}.");
        }

        return [.. names.Select(n => Find(n)!.Type).Distinct()];
    }
}
