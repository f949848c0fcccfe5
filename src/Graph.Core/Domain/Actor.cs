namespace Graph.Core.Domain;

/// <summary>
/// A state, person, organisation, armed group or collective that can stand in a relationship.
/// <paramref name="Id"/> is stable across articles (ISO code for states, a slug otherwise) so the
/// store can merge what different articles say about the same actor.
/// </summary>
public sealed record Actor(
    string Id,
    string Name,
    ActorKind Kind,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<Affiliation> Affiliations,
    IReadOnlyDictionary<string, string> Codes)
{
    public static Actor Create(string id, string name, ActorKind kind) =>
        new(id, name, kind, [], [], new Dictionary<string, string>());
}

/// <summary>
/// "Putin is president of Russia": the actor this one speaks for, in which role, and when.
/// Dates are inclusive start, exclusive end; null means open.
/// </summary>
public sealed record Affiliation(string ActorId, string Role, DateOnly? From = null, DateOnly? Until = null)
{
    public bool IsInForceOn(DateOnly? day) =>
        day is not { } d || ((From is null || From <= d) && (Until is null || d < Until));
}
