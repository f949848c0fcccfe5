using System.Collections.Frozen;

namespace Graph.Core.Domain;

/// <summary>
/// How the graph is named in Neo4j, by the store and by the Cypher export alike. Aggregate relationships are named by
/// their PLOVER type as a verb in the third person, with the preposition English needs to read <c>(A)-[:TYPE]->(B)</c>
/// as a sentence: Russia <c>SUPPORTS</c> Assad, the US <c>COOPERATES_WITH</c> Turkey, Israel <c>RETREATS_FROM</c> Gaza.
/// </summary>
public static class GraphNames
{
    public static readonly FrozenDictionary<RelationType, string> EdgeTypes = new Dictionary<RelationType, string>
    {
        [RelationType.Agree] = "AGREES_WITH",
        [RelationType.Consult] = "CONSULTS",
        [RelationType.Support] = "SUPPORTS",
        [RelationType.Concede] = "CONCEDES_TO",
        [RelationType.Cooperate] = "COOPERATES_WITH",
        [RelationType.Aid] = "AIDS",
        [RelationType.Retreat] = "RETREATS_FROM",
        [RelationType.Request] = "REQUESTS",
        [RelationType.Accuse] = "ACCUSES",
        [RelationType.Reject] = "REJECTS",
        [RelationType.Threaten] = "THREATENS",
        [RelationType.Protest] = "PROTESTS_AGAINST",
        [RelationType.Sanction] = "SANCTIONS",
        [RelationType.Mobilize] = "MOBILIZES_AGAINST",
        [RelationType.Coerce] = "COERCES",
        [RelationType.Assault] = "ASSAULTS",
    }.ToFrozenDictionary();

    /// <summary>The second label an actor carries beside <c>:Actor</c>.</summary>
    public static readonly FrozenDictionary<ActorKind, string> KindLabels = new Dictionary<ActorKind, string>
    {
        [ActorKind.Country] = "Country",
        [ActorKind.Person] = "Person",
        [ActorKind.Organization] = "Organization",
        [ActorKind.ArmedGroup] = "ArmedGroup",
        [ActorKind.Group] = "Group",
        [ActorKind.Location] = "Location",
    }.ToFrozenDictionary();

    /// <summary>Codes (CAMEO, ISO...) are flat actor properties with this prefix: <c>code_cameo</c>.</summary>
    public const string CodePrefix = "code_";
}
