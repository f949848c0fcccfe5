namespace Graph.Core.Corrections;

/// <summary>
/// Where corrections are kept: beside the graph they correct, in the same store (a table of the embedded store, nodes in
/// Neo4j), so that a copy of the graph carries them. Also the few edits to stored actors that saving extraction output
/// cannot make, because saving only ever adds names and aliases.
/// </summary>
public interface ICorrectionLog
{
    /// <summary>Records a correction (its id and time already set).</summary>
    Task AddCorrectionAsync(Correction correction, CancellationToken ct = default);

    /// <summary>Corrections in the order they were made: every one, or only those in force.</summary>
    Task<IReadOnlyList<Correction>> GetCorrectionsAsync(bool activeOnly, CancellationToken ct = default);

    /// <summary>Marks a correction undone; false when there is none in force with that id.</summary>
    Task<bool> UndoCorrectionAsync(string id, string by, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Gives the actor another name; its old name becomes an alias.</summary>
    Task RenameActorAsync(string actorId, string name, CancellationToken ct = default);

    /// <summary>Takes an alias (any casing) off an actor.</summary>
    Task RemoveAliasAsync(string actorId, string alias, CancellationToken ct = default);

    /// <summary>
    /// After <paramref name="from"/>'s evidence went to <paramref name="into"/>: its name and aliases become aliases of
    /// <paramref name="into"/>, and it is removed if no evidence names it any more.
    /// </summary>
    Task FoldActorAsync(string from, string into, CancellationToken ct = default);

    /// <summary>Removes an actor no evidence names any more (a split undone); one still named stays.</summary>
    Task RemoveActorIfUnusedAsync(string actorId, CancellationToken ct = default);
}
