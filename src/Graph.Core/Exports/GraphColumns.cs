using Graph.Core.Domain;

namespace Graph.Core.Exports;

/// <summary>A property every node or edge of an exported graph carries (when it has a value), with its XML Schema type.</summary>
internal sealed record GraphColumn<T>(string Name, string Type, Func<T, string?> Value);

/// <summary>
/// The properties the graph formats write, the same in GraphML and GEXF, so a file opens the same in yEd and Gephi;
/// each also gets a label (GEXF has a place for it, GraphML a <c>label</c> key): the actor's name, the edge's type.
/// </summary>
internal static class GraphColumns
{
    public static string Label(Actor actor) => actor.Name;

    public static string Label(GraphEdge edge) => Plover.Of(edge.Type).Name;

    public static IReadOnlyList<GraphColumn<Actor>> Node { get; } =
    [
        new("actorId", "string", a => a.Id),
        new("kind", "string", a => Invariant.Of(a.Kind)),
        new("cameo", "string", a => a.Codes.GetValueOrDefault("cameo")),
        new("iso3", "string", a => a.Codes.GetValueOrDefault("iso3")),
        new("aliases", "string", a => a.Aliases.Count == 0 ? null : string.Join("; ", a.Aliases)),
    ];

    public static IReadOnlyList<GraphColumn<GraphEdge>> Edge { get; } =
    [
        new("type", "string", e => Plover.Of(e.Type).Name),
        new("cameoRoot", "string", e => e.CameoRoot),
        new("evidence", "int", e => Invariant.Of(e.Evidence)),
        new("counted", "int", e => Invariant.Of(e.Counted)),
        new("score", "double", e => Invariant.Of(e.Score)),
        new("confidence", "double", e => Invariant.Of(e.Confidence)),
        new("polarity", "int", e => Invariant.Of(e.Polarity)),
        new("firstSeen", "string", e => Invariant.Of(e.FirstSeen)),
        new("lastSeen", "string", e => Invariant.Of(e.LastSeen)),
    ];
}
