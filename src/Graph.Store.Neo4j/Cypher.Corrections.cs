namespace Graph.Store.Neo4j;

/// <summary>Corrections (<c>:Correction</c> nodes, beside the graph they correct) and the actor edits they make.</summary>
internal static partial class Cypher
{
    public const string AddCorrection = """
        CREATE (c:Correction)
        SET c = $props
        """;

    public const string GetCorrections = """
        MATCH (c:Correction)
        WHERE NOT $activeOnly OR c.undoneAt IS NULL
        RETURN properties(c) AS correction
        ORDER BY c.at, c.id
        """;

    public const string UndoCorrection = """
        MATCH (c:Correction {id: $id})
        WHERE c.undoneAt IS NULL
        SET c.undoneBy = $by, c.undoneAt = $at
        RETURN count(c) AS undone
        """;

    /// <summary>Locks the actors that exist (unlike <see cref="LockActors"/>, creates none) and returns them.</summary>
    public const string LockExistingActors = """
        MATCH (a:Actor)
        WHERE a.id IN $ids
        SET a.locked = true
        REMOVE a.locked
        RETURN properties(a) AS actor
        ORDER BY a.id
        """;

    /// <summary>An actor's properties replaced by those computed from its locked state (its kind labels stay).</summary>
    public const string ReplaceActor = """
        MATCH (a:Actor {id: $id})
        SET a = $props
        """;

    /// <summary>An actor no evidence names any more goes, with its affiliation and aggregate edges.</summary>
    public const string DeleteActorIfUnused = """
        MATCH (a:Actor {id: $id})
        WHERE NOT EXISTS { MATCH (e:Evidence) WHERE e.source = $id }
          AND NOT EXISTS { MATCH (e:Evidence) WHERE e.target = $id }
        DETACH DELETE a
        """;
}
