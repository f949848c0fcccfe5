namespace Graph.Core.Corrections;

public enum CorrectionKind
{
    /// <summary>A piece of evidence is a wrong reading: it stops counting.</summary>
    Retract,

    /// <summary>Two actors are one: the first's evidence, names and aliases go to the second.</summary>
    Merge,

    /// <summary>An alias of an actor names someone else: it becomes an actor of its own, with the evidence read from it.</summary>
    Split,

    /// <summary>An actor's name is wrong: it gets another (the old one stays as an alias).</summary>
    Rename,
}

/// <summary>
/// An analyst's correction of what extraction read, applied on top of every extraction until it is undone. Keyed by
/// what survives re-extraction: an evidence id (<see cref="Storage.EvidenceIdentity"/>) or an actor id.
/// </summary>
/// <remarks>
/// <c>Id</c> sorts by when it was made. <c>Subject</c>: for a retraction the evidence id, else the actor corrected.
/// <c>ArticleId</c>: a retraction's article. <c>Into</c>: a merge's kept actor, a split's new actor id. <c>Name</c>: a
/// merge's kept actor's name, the alias split off, the new name. <c>Previous</c>: the name a rename replaced.
/// <c>Detail</c>: what was corrected, in words, as it stood then. <c>By</c>: the name of the API key it was made with.
/// </remarks>
public sealed record Correction(
    string Id,
    CorrectionKind Kind,
    string Subject,
    string? ArticleId,
    string? Into,
    string? Name,
    string? Previous,
    string Detail,
    string Reason,
    string By,
    DateTimeOffset At)
{
    public string? UndoneBy { get; init; }

    public DateTimeOffset? UndoneAt { get; init; }

    public bool Active => UndoneAt is null;
}
