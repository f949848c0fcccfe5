using System.Collections.Frozen;
using Graph.Core.Domain;

namespace Graph.Store.Neo4j;

/// <summary>How the domain reads in Neo4j Browser: the names of <see cref="GraphNames"/>, which the Cypher export shares.</summary>
public static class GraphModel
{
    /// <summary>The relationship type of each PLOVER type's aggregate edge (<see cref="GraphNames.EdgeTypes"/>).</summary>
    public static FrozenDictionary<RelationType, string> EdgeTypes => GraphNames.EdgeTypes;

    /// <summary>The second label an actor carries beside <c>:Actor</c> (<see cref="GraphNames.KindLabels"/>).</summary>
    public static FrozenDictionary<ActorKind, string> KindLabels => GraphNames.KindLabels;

    /// <summary>Codes (CAMEO, ISO...) are stored as flat actor properties with this prefix: <c>code_cameo</c>.</summary>
    public const string CodePrefix = GraphNames.CodePrefix;
}
