using System.Globalization;
using Graph.Core.Domain;
using Graph.Core.Queries;
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

    /// <summary>
    /// The scope from the text a user gave (days as <c>YYYY-MM-DD</c>, comma-separated PLOVER types, an actor's name,
    /// alias or id; null or empty for none), or a user error with the reason, naming each option as the caller spells
    /// it: <paramref name="prefix"/> is <c>--</c> on the command line, empty for query parameters.
    /// </summary>
    public static async Task<ExportScope> ParseAsync(
        IGraphStore store, string? since, string? until, string? types, string? actor, string prefix, CancellationToken ct = default)
    {
        var from = ParseDay(since, prefix + "since");
        var to = ParseDay(until, prefix + "until");
        if (from > to)
        {
            throw new UserErrorException($"{prefix}since {since} is after {prefix}until {until}: nothing could match.");
        }

        var typeList = ParseTypes(types, prefix + "types");
        var found = string.IsNullOrWhiteSpace(actor)
            ? null
            : await new GraphQueryService(store).FindActorAsync(actor, ct)
              ?? throw new UserErrorException($"{prefix}actor {actor}: no actor has that name, alias or id.");
        return new ExportScope(from, to, typeList, found);
    }

    private static DateOnly? ParseDay(string? text, string option) =>
        string.IsNullOrEmpty(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new UserErrorException($"{option} {text}: expected a day as YYYY-MM-DD.");

    /// <summary>PLOVER types from a comma-separated list (<c>SUPPORT,accuse</c>), or a user error naming the ones that are not, and the 16 that are.</summary>
    private static IReadOnlyList<RelationType> ParseTypes(string? list, string option)
    {
        var names = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // By name only: Enum parsing would also take "3" for a type.
        PloverType? Find(string name) => Plover.Types.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        var unknown = names.Where(n => Find(n) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new UserErrorException(
                $"{option}: {string.Join(", ", unknown.Select(n => $"'{n}'"))} {(unknown.Count == 1 ? "is not a PLOVER type" : "are not PLOVER types")}; " +
                $"use any of {string.Join(",", Plover.Types.Select(t => t.Name))}.");
        }

        return [.. names.Select(n => Find(n)!.Type).Distinct()];
    }
}
