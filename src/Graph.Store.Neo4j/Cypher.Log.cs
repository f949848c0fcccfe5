namespace Graph.Store.Neo4j;

/// <summary>
/// The statements of the ingestion log and the article claims (<see cref="Neo4jIngestLog"/>). Their nodes
/// (<c>IngestRun</c>, <c>DeadLetter</c>, <c>Claim</c>) stand apart from the graph: nothing links them to actors or articles.
/// Instants are ISO-8601 UTC strings with seven fractional digits, so they sort as text; claim expiry is epoch milliseconds.
/// </summary>
internal static partial class Cypher
{
    /// <summary>A new run with the next id of one counter (the MERGE on a unique name serialises concurrent starts).</summary>
    public const string StartRun = """
        MERGE (c:IngestCounter {name: 'ingestRun'})
        ON CREATE SET c.next = 0
        SET c.next = c.next + 1
        WITH c.next AS id
        CREATE (r:IngestRun {id: id, source: $source, kind: $kind, startedAt: $at, heartbeatAt: $at, owner: $owner,
                             read: 0, added: 0, updated: 0, unchanged: 0, duplicates: 0, extracted: 0, failed: 0, interrupted: false})
        RETURN id
        """;

    /// <summary>The counts so far (and, with <c>$ended</c>, the end, error and interruption); the heartbeat is its sign of life.</summary>
    public const string RecordRun = """
        MATCH (r:IngestRun {id: $id})
        SET r += $counts, r.heartbeatAt = $now
        FOREACH (_ IN CASE WHEN $ended THEN [1] ELSE [] END |
            SET r.endedAt = $now, r.error = $error, r.interrupted = $interrupted)
        """;

    public const string GetRuns = """
        MATCH (r:IngestRun)
        WHERE $source IS NULL OR r.source = $source
        RETURN r {.*} AS run
        ORDER BY r.id DESC
        LIMIT $first
        """;

    public const string OpenRuns = """
        MATCH (r:IngestRun)
        WHERE r.endedAt IS NULL
        RETURN r.id AS id, r.owner AS owner, coalesce(r.heartbeatAt, r.startedAt) AS lastSeen
        """;

    /// <summary>A run found over (its process gone, or silent too long): ended at its last sign of life, interrupted.</summary>
    public const string InterruptRun = """
        MATCH (r:IngestRun {id: $id})
        WHERE r.endedAt IS NULL
        SET r.endedAt = $lastSeen, r.interrupted = true, r.error = coalesce(r.error, $error)
        """;

    /// <summary>
    /// One more failure of an origin. A source holding <c>$cap</c> letters already counts the failures of new origins on
    /// its overflow letter instead, so a million bad files cost one letter each up to the cap, then one.
    /// </summary>
    public const string AddDeadLetter = """
        OPTIONAL MATCH (known:DeadLetter {origin: $origin})
        WITH known, COUNT { (held:DeadLetter {source: $source}) } AS held
        WITH known IS NULL AND held >= $cap AS overflow
        WITH overflow,
             CASE WHEN overflow THEN $overflowOrigin ELSE $origin END AS origin,
             CASE WHEN overflow THEN $overflowError ELSE $error END AS error
        MERGE (d:DeadLetter {origin: origin})
        ON CREATE SET d.firstFailedAt = $at, d.attempts = 0, d.count = 0
        SET d.source = $source, d.error = error, d.lastFailedAt = $at, d.attempts = d.attempts + 1,
            d.count = CASE WHEN overflow THEN d.count + $count ELSE $count END
        """;

    public const string ResolveDeadLetters = """
        UNWIND $origins AS origin
        MATCH (d:DeadLetter {origin: origin})
        DELETE d
        """;

    public const string DropDeadLetters = """
        MATCH (d:DeadLetter)
        WHERE ($source IS NULL OR d.source = $source) AND ($origin IS NULL OR d.origin = $origin)
        WITH collect(d) AS found
        FOREACH (d IN found | DELETE d)
        RETURN size(found) AS dropped
        """;

    public const string GetDeadLetters = """
        MATCH (d:DeadLetter)
        WHERE ($source IS NULL OR d.source = $source) AND ($origin IS NULL OR d.origin = $origin)
        WITH d
        ORDER BY d.lastFailedAt DESC, d.origin
        WITH collect(d {.*}) AS found
        RETURN size(found) AS total, found[$offset..($offset + $first)] AS items
        """;

    /// <summary>
    /// Claims the article unless a live holder's lease runs. The write lock is taken (SET/REMOVE) before the holder is
    /// read, so two workers that try at once are served one after the other and only one gets it.
    /// </summary>
    public const string TryClaim = """
        MERGE (c:Claim {articleId: $id})
        ON CREATE SET c.owner = $owner, c.expiresAt = $expires
        SET c.locked = true
        REMOVE c.locked
        WITH c, (c.owner = $owner OR c.expiresAt < $now OR c.owner = $dead) AS mine
        FOREACH (_ IN CASE WHEN mine THEN [1] ELSE [] END | SET c.owner = $owner, c.expiresAt = $expires)
        RETURN mine AS claimed, c.owner AS owner
        """;

    public const string ReleaseClaim = """
        MATCH (c:Claim {articleId: $id})
        WHERE c.owner = $owner
        DELETE c
        """;
}
