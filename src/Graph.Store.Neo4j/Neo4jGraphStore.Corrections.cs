using Graph.Core.Corrections;
using Graph.Core.Domain;

namespace Graph.Store.Neo4j;

/// <summary>Corrections as <c>:Correction</c> nodes in the graph itself, so that every host sharing the graph applies the same ones.</summary>
public sealed partial class Neo4jGraphStore : ICorrectionLog
{
    public Task AddCorrectionAsync(Correction correction, CancellationToken ct = default) =>
        WriteAsync(Cypher.AddCorrection, new
        {
            props = new Dictionary<string, object?>
            {
                ["id"] = correction.Id,
                ["kind"] = correction.Kind.ToString(),
                ["subject"] = correction.Subject,
                ["articleId"] = correction.ArticleId,
                ["into"] = correction.Into,
                ["name"] = correction.Name,
                ["previous"] = correction.Previous,
                ["detail"] = correction.Detail,
                ["reason"] = correction.Reason,
                ["by"] = correction.By,
                ["at"] = Values.Instant(correction.At),
            },
        }, ct);

    public async Task<IReadOnlyList<Correction>> GetCorrectionsAsync(bool activeOnly, CancellationToken ct = default)
    {
        var result = await ReadAsync(Cypher.GetCorrections, new { activeOnly }, ct);
        return [.. result.Rows.Select(r => r["correction"]).Select(c => new Correction(
            Values.String(c, "id")!,
            Enum.Parse<CorrectionKind>(Values.String(c, "kind")!),
            Values.String(c, "subject")!,
            Values.String(c, "articleId"),
            Values.String(c, "into"),
            Values.String(c, "name"),
            Values.String(c, "previous"),
            Values.String(c, "detail")!,
            Values.String(c, "reason")!,
            Values.String(c, "by")!,
            Values.ParseInstant(Values.String(c, "at"))!.Value)
        {
            UndoneBy = Values.String(c, "undoneBy"),
            UndoneAt = Values.ParseInstant(Values.String(c, "undoneAt")),
        })];
    }

    public async Task<bool> UndoCorrectionAsync(string id, string by, DateTimeOffset at, CancellationToken ct = default)
    {
        var result = await WriteAsync(Cypher.UndoCorrection, new { id, by, at = Values.Instant(at) }, ct);
        return result.Rows is [var row, ..] && row["undone"].GetInt64() > 0;
    }

    public Task RenameActorAsync(string actorId, string name, CancellationToken ct = default) =>
        EditActorsAsync([actorId], actors => actors.TryGetValue(actorId, out var a)
            ? [a with { Name = name, Aliases = WithAlias(a.Aliases, a.Name == name ? [] : [a.Name]) }]
            : [], ct);

    public Task RemoveAliasAsync(string actorId, string alias, CancellationToken ct = default) =>
        EditActorsAsync([actorId], actors => actors.TryGetValue(actorId, out var a)
            ? [a with { Aliases = [.. a.Aliases.Where(x => !x.Equals(alias, StringComparison.OrdinalIgnoreCase))] }]
            : [], ct);

    public async Task FoldActorAsync(string from, string into, CancellationToken ct = default)
    {
        await EditActorsAsync([from, into], actors => actors.TryGetValue(from, out var f) && actors.TryGetValue(into, out var i)
            ? [i with { Aliases = WithAlias(i.Aliases, [f.Name, .. f.Aliases]) }]
            : [], ct);
        await RemoveActorIfUnusedAsync(from, ct);
    }

    public Task RemoveActorIfUnusedAsync(string actorId, CancellationToken ct = default) =>
        WriteAsync(Cypher.DeleteActorIfUnused, new { id = actorId }, ct);

    /// <summary>Reads the actors under their write lock, and writes back what <paramref name="edit"/> makes of them.</summary>
    private Task<int> EditActorsAsync(string[] ids, Func<IReadOnlyDictionary<string, Actor>, IReadOnlyList<Actor>> edit, CancellationToken ct) =>
        InTransactionAsync(async (tx, token) =>
        {
            var locked = await tx.RunAsync(Cypher.LockExistingActors, new { ids }, token);
            var actors = locked.Rows.Select(r => Values.Actor(r["actor"])).ToDictionary(a => a.Id, StringComparer.Ordinal);
            var edited = edit(actors);
            foreach (var a in edited)
            {
                await tx.RunAsync(Cypher.ReplaceActor, new { id = a.Id, props = Values.ActorProperties(a) }, token);
            }

            return edited.Count;
        }, ct);

    /// <summary>The aliases with those of <paramref name="more"/> not already there in some casing.</summary>
    private static List<string> WithAlias(IReadOnlyList<string> aliases, IEnumerable<string> more)
    {
        var all = aliases.ToList();
        all.AddRange(more.Where(m => !string.IsNullOrWhiteSpace(m) && !all.Contains(m, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase));
        return all;
    }
}
