namespace Graph.Store.Neo4j;

/// <summary>
/// Every Cypher statement the store sends, one constant per query. All values travel as parameters; the only
/// names written into statements are labels and relationship types from <see cref="GraphModel"/>, never input.
/// </summary>
internal static partial class Cypher
{
    /// <summary>Run one by one at start (schema changes cannot share a transaction with data). Each is a no-op when present.</summary>
    public static readonly IReadOnlyList<string> Schema =
    [
        "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
        "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
        "CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (e:Evidence) REQUIRE e.id IS UNIQUE",
        "CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliasText]",
        // Article search by word: standard-folding lower-cases and drops accents ("Erdogan" finds "Erdoğan"), as the
        // embedded store's tokenizer does. IF NOT EXISTS keeps an existing index as it is: another analyzer needs another name.
        "CREATE FULLTEXT INDEX article_words IF NOT EXISTS FOR (a:Article) ON EACH [a.title, a.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
        "CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)",
        "CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.publishedAt)",
        "CREATE INDEX article_day IF NOT EXISTS FOR (a:Article) ON (a.publishedDay)",
        "CREATE INDEX evidence_type IF NOT EXISTS FOR (e:Evidence) ON (e.type)",
        "CREATE INDEX evidence_day IF NOT EXISTS FOR (e:Evidence) ON (e.day)",
        "CREATE INDEX evidence_source IF NOT EXISTS FOR (e:Evidence) ON (e.source)",
        "CREATE INDEX evidence_target IF NOT EXISTS FOR (e:Evidence) ON (e.target)",
        "CREATE INDEX evidence_article IF NOT EXISTS FOR (e:Evidence) ON (e.articleId)",
        // The same text under another name is a duplicate: looked up by its hash before it is stored twice.
        "CREATE INDEX article_hash IF NOT EXISTS FOR (a:Article) ON (a.contentHash)",
        // The ingestion log and claims (Cypher.Log.cs): one history and one set of claims for every host sharing the graph.
        "CREATE CONSTRAINT ingest_run_id IF NOT EXISTS FOR (r:IngestRun) REQUIRE r.id IS UNIQUE",
        "CREATE CONSTRAINT ingest_counter IF NOT EXISTS FOR (c:IngestCounter) REQUIRE c.name IS UNIQUE",
        "CREATE CONSTRAINT dead_letter_origin IF NOT EXISTS FOR (d:DeadLetter) REQUIRE d.origin IS UNIQUE",
        "CREATE CONSTRAINT article_claim IF NOT EXISTS FOR (c:Claim) REQUIRE c.articleId IS UNIQUE",
        "CREATE INDEX dead_letter_source IF NOT EXISTS FOR (d:DeadLetter) ON (d.source)",
    ];

    /// <summary>
    /// What <see cref="Graph.Core.Storage.SaveContract.Skip"/> decides on: the article's stored hash and version, and
    /// (with <c>$dedupe</c>) another article that holds the same text.
    /// </summary>
    public const string ArticleState = """
        OPTIONAL MATCH (a:Article {id: $id})
        OPTIONAL MATCH (d:Article {contentHash: $hash})
        WHERE $dedupe AND d.id <> $id
        WITH a, d
        ORDER BY d.id
        LIMIT 1
        RETURN a.contentHash AS contentHash, a.extractorVersion AS extractorVersion, d.id AS duplicateOf
        """;

    /// <summary>
    /// Takes the write lock on the article's actors (creating bare ones that are new) and returns what is stored, so
    /// merging their aliases, codes and affiliations cannot lose another writer's update. Ids come sorted: one lock order.
    /// </summary>
    public const string LockActors = """
        UNWIND $ids AS id
        MERGE (a:Actor {id: id})
        SET a.locked = true
        REMOVE a.locked
        RETURN properties(a) AS actor
        """;

    /// <summary>Deletes the article's evidence and says which aggregate edges it fed, so they can be recomputed.</summary>
    public const string DeleteArticleEvidence = """
        MATCH (:Article {id: $id})-[:HAS_EVIDENCE]->(e:Evidence)
        WITH e, e.id AS id, e.source AS source, e.target AS target, e.type AS type
        DETACH DELETE e
        RETURN id, source, target, type
        """;

    public const string MergeArticle = """
        MERGE (a:Article {id: $id})
        SET a = $props,
            a.publishedAt = datetime($publishedAt),
            a.publishedDay = date($publishedDay),
            a.ingestedAt = datetime($ingestedAt)
        """;

    /// <summary>Writes the merged properties (see <see cref="LockActors"/>) and the kind label.</summary>
    public const string MergeActors = """
        UNWIND $rows AS row
        MERGE (a:Actor {id: row.id})
        SET a = row.props
        REMOVE a:Country:Person:Organization:ArmedGroup:Group:Location
        FOREACH (_ IN CASE WHEN row.kind = 'country' THEN [1] ELSE [] END | SET a:Country)
        FOREACH (_ IN CASE WHEN row.kind = 'person' THEN [1] ELSE [] END | SET a:Person)
        FOREACH (_ IN CASE WHEN row.kind = 'organization' THEN [1] ELSE [] END | SET a:Organization)
        FOREACH (_ IN CASE WHEN row.kind = 'armed_group' THEN [1] ELSE [] END | SET a:ArmedGroup)
        FOREACH (_ IN CASE WHEN row.kind = 'group' THEN [1] ELSE [] END | SET a:Group)
        FOREACH (_ IN CASE WHEN row.kind = 'location' THEN [1] ELSE [] END | SET a:Location)
        RETURN count(a) AS written
        """;

    /// <summary>
    /// Redraws each actor's <c>AFFILIATED_WITH</c> edges from its merged list, to the actors that are stored; the
    /// full list, including actors not stored (yet), stays on the node as <c>affiliations</c>.
    /// </summary>
    public const string ReplaceAffiliations = """
        UNWIND $rows AS row
        MATCH (p:Actor {id: row.id})
        OPTIONAL MATCH (p)-[old:AFFILIATED_WITH]->()
        DELETE old
        WITH DISTINCT p, row
        UNWIND row.affiliations AS f
        MATCH (o:Actor {id: f.actorId})
        CREATE (p)-[:AFFILIATED_WITH {role: f.role, from: date(f.from), until: date(f.until)}]->(o)
        """;

    /// <summary>
    /// The article's old evidence is gone by now, so each evidence node and its three relationships are new.
    /// Returns how many rows found both actors: fewer than sent means a relation named an unknown actor.
    /// </summary>
    public const string CreateEvidence = """
        MATCH (art:Article {id: $articleId})
        UNWIND $rows AS row
        MATCH (s:Actor {id: row.source})
        MATCH (t:Actor {id: row.target})
        MERGE (e:Evidence {id: row.id})
        SET e = row.props,
            e.score = toFloat(row.score),
            e.confidence = toFloat(row.confidence),
            e.eventDate = date(row.eventDate),
            e.day = date(row.day)
        CREATE (art)-[:HAS_EVIDENCE]->(e)
        CREATE (e)-[:FROM]->(s)
        CREATE (e)-[:TO]->(t)
        RETURN count(e) AS written
        """;

    /// <summary>
    /// Rebuilds the one aggregate edge per ordered pair and type from the evidence left: dropped when none is left.
    /// The score follows the stance rule (confidence-weighted mean of PLOVER scores of counted readings, over 10).
    /// </summary>
    public const string RecomputeEdges = """
        UNWIND $pairs AS p
        MATCH (s:Actor {id: p.source})
        MATCH (t:Actor {id: p.target})
        OPTIONAL MATCH (s)-[old]->(t) WHERE type(old) = p.edge
        DELETE old
        WITH DISTINCT p, s, t
        MATCH (e:Evidence {source: p.source, target: p.target, type: p.type})
        WITH p, s, t, count(e) AS total, min(e.day) AS firstSeen, max(e.day) AS lastSeen,
             sum(CASE WHEN e.modality IN $counting THEN 1 ELSE 0 END) AS counted,
             sum(CASE WHEN e.modality IN $counting THEN e.confidence ELSE 0.0 END) AS weight,
             sum(CASE WHEN e.modality IN $counting THEN e.score * e.confidence ELSE 0.0 END) AS weighted
        WITH p, s, t, {type: p.type, count: total, counted: counted, firstSeen: firstSeen, lastSeen: lastSeen,
             score: CASE WHEN weight > 0 THEN round(weighted / weight / 10.0, 4) ELSE 0.0 END} AS props
        FOREACH (_ IN CASE WHEN p.edge = 'AGREES_WITH' THEN [1] ELSE [] END | CREATE (s)-[r:AGREES_WITH]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'CONSULTS' THEN [1] ELSE [] END | CREATE (s)-[r:CONSULTS]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'SUPPORTS' THEN [1] ELSE [] END | CREATE (s)-[r:SUPPORTS]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'CONCEDES_TO' THEN [1] ELSE [] END | CREATE (s)-[r:CONCEDES_TO]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'COOPERATES_WITH' THEN [1] ELSE [] END | CREATE (s)-[r:COOPERATES_WITH]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'AIDS' THEN [1] ELSE [] END | CREATE (s)-[r:AIDS]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'RETREATS_FROM' THEN [1] ELSE [] END | CREATE (s)-[r:RETREATS_FROM]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'REQUESTS' THEN [1] ELSE [] END | CREATE (s)-[r:REQUESTS]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'ACCUSES' THEN [1] ELSE [] END | CREATE (s)-[r:ACCUSES]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'REJECTS' THEN [1] ELSE [] END | CREATE (s)-[r:REJECTS]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'THREATENS' THEN [1] ELSE [] END | CREATE (s)-[r:THREATENS]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'PROTESTS_AGAINST' THEN [1] ELSE [] END | CREATE (s)-[r:PROTESTS_AGAINST]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'SANCTIONS' THEN [1] ELSE [] END | CREATE (s)-[r:SANCTIONS]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'MOBILIZES_AGAINST' THEN [1] ELSE [] END | CREATE (s)-[r:MOBILIZES_AGAINST]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'COERCES' THEN [1] ELSE [] END | CREATE (s)-[r:COERCES]->(t) SET r = props)
        FOREACH (_ IN CASE WHEN p.edge = 'ASSAULTS' THEN [1] ELSE [] END | CREATE (s)-[r:ASSAULTS]->(t) SET r = props)
        """;

    public const string Stats = """
        RETURN COUNT { (:Article) } AS articles,
               COUNT { (:Actor) } AS actors,
               COUNT { (:Actor)-[:AGREES_WITH|CONSULTS|SUPPORTS|CONCEDES_TO|COOPERATES_WITH|AIDS|RETREATS_FROM|REQUESTS|ACCUSES|REJECTS|THREATENS|PROTESTS_AGAINST|SANCTIONS|MOBILIZES_AGAINST|COERCES|ASSAULTS]->(:Actor) } AS relationships,
               COUNT { (:Evidence) } AS evidence
        """;

    public const string GetActor = """
        MATCH (a:Actor {id: $id})
        RETURN properties(a) AS actor
        """;

    public const string GetActors = """
        UNWIND $ids AS id
        MATCH (a:Actor {id: id})
        RETURN properties(a) AS actor
        """;

    /// <summary>Exact matches, ignoring case: called or coded so beats an alias; then the better-attested actor, then by name.</summary>
    public const string FindActorsByName = """
        WITH toLower($name) AS q
        MATCH (a:Actor)
        WITH a, q, CASE WHEN toLower(a.id) = q OR toLower(a.name) = q THEN 0 WHEN any(x IN coalesce(a.aliases, []) WHERE toLower(x) = q) THEN 1 END AS rank
        WHERE rank IS NOT NULL
        OPTIONAL MATCH (a)<-[:FROM|TO]-(e:Evidence)
        WITH a, rank, count(DISTINCT e) AS evidence
        RETURN properties(a) AS actor
        ORDER BY rank, evidence DESC, a.name, a.id
        """;

    public const string SearchActors = """
        MATCH (a:Actor)
        WHERE ($kind IS NULL OR a.kind = $kind)
          AND ($text IS NULL OR toLower(a.name) CONTAINS toLower($text) OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) CONTAINS toLower($text)))
        OPTIONAL MATCH (a)<-[:FROM|TO]-(e:Evidence)
        WITH a, count(DISTINCT e) AS evidence
        ORDER BY evidence DESC, a.name, a.id
        WITH collect(properties(a)) AS found
        RETURN size(found) AS total, found[$offset..($offset + $first)] AS items
        """;

    /// <summary>Every evidence node, when no filter names an id to start from.</summary>
    public const string GetEvidence = "MATCH (e:Evidence)\n" + EvidenceWhere + EvidenceRows;

    /// <summary>The evidence filter entered through the index on the article, sources, targets or either end.</summary>
    public const string GetEvidenceOfArticle = "MATCH (e:Evidence {articleId: $articleId})\n" + EvidenceWhere + EvidenceRows;

    public const string GetEvidenceFromSources = "UNWIND $sourceIds AS key\nMATCH (e:Evidence {source: key})\n" + EvidenceWhere + EvidenceRows;

    public const string GetEvidenceToTargets = "UNWIND $targetIds AS key\nMATCH (e:Evidence {target: key})\n" + EvidenceWhere + EvidenceRows;

    public const string GetEvidenceOfActors = "UNWIND $actorIds AS key\nMATCH (e:Evidence)\nWHERE e.source = key OR e.target = key\nWITH DISTINCT e\n" + EvidenceWhere + EvidenceRows;

    /// <summary>The same filters and entry points as the evidence reads, summed per relationship (and per day when asked).</summary>
    public const string GetTotals = "MATCH (e:Evidence)\n" + EvidenceWhere + TotalRows;

    public const string GetTotalsOfArticle = "MATCH (e:Evidence {articleId: $articleId})\n" + EvidenceWhere + TotalRows;

    public const string GetTotalsFromSources = "UNWIND $sourceIds AS key\nMATCH (e:Evidence {source: key})\n" + EvidenceWhere + TotalRows;

    public const string GetTotalsToTargets = "UNWIND $targetIds AS key\nMATCH (e:Evidence {target: key})\n" + EvidenceWhere + TotalRows;

    public const string GetTotalsOfActors = "UNWIND $actorIds AS key\nMATCH (e:Evidence)\nWHERE e.source = key OR e.target = key\nWITH DISTINCT e\n" + EvidenceWhere + TotalRows;

    /// <summary>
    /// The strongest evidence of each relationship in <c>$keys</c>, at most <c>$per</c> each, under the evidence filter
    /// (whose id lists arrive empty). Sorted, collected and sliced per key: one statement for a page of relationships.
    /// </summary>
    public const string GetStrongestEvidence = """
        UNWIND $keys AS k
        MATCH (e:Evidence {source: k.source, target: k.target, type: k.type})
        """ + "\n" + EvidenceWhere + $$"""
        MATCH (a:Article {id: e.articleId})
        WITH k, e, a
        ORDER BY abs(e.score) * e.confidence DESC, a.publishedAt IS NULL, a.publishedAt DESC, e.articleId, e.`start`, e.id
        WITH k, collect({e: e, a: a})[0..$per] AS top
        UNWIND top AS row
        WITH row.e AS e, row.a AS a
        RETURN {{EvidenceColumns}}
        """;

    /// <summary>One page of the evidence in key order (source, target, type, id) after <c>$after</c>, under the whole filter.</summary>
    public const string GetEvidencePage = "MATCH (e:Evidence)\n" + EvidenceWhere + EvidencePageRows;

    /// <summary>The same page entered through the source and target indexes, when the filter names actors.</summary>
    public const string GetEvidencePageOfActors = "UNWIND $actorIds AS key\nMATCH (e:Evidence)\nWHERE e.source = key OR e.target = key\nWITH DISTINCT e\n" + EvidenceWhere + EvidencePageRows;

    /// <summary>
    /// Keyset paging: the rows after <c>$after</c> in key order, the first <c>$first</c> of them, then their articles.
    /// The source bound is spelled out alone so the planner can seek on the source index.
    /// </summary>
    private const string EvidencePageRows = $$"""
        WITH e
        WHERE $after IS NULL OR (e.source >= $after.source AND (e.source > $after.source OR (e.target > $after.target
              OR (e.target = $after.target AND (e.type > $after.type OR (e.type = $after.type AND e.id > $after.id))))))
        WITH e
        ORDER BY e.source, e.target, e.type, e.id
        LIMIT $first
        MATCH (a:Article {id: e.articleId})
        RETURN {{EvidenceColumns}}
        ORDER BY source, target, type, id
        """;

    /// <summary>
    /// Actors whose stored affiliations (canonical JSON strings, see <see cref="Values"/>) name one of the ids. A scan of
    /// the actors, which are few next to the evidence; AFFILIATED_WITH edges would miss affiliations to actors stored later.
    /// </summary>
    public const string GetAffiliates = """
        MATCH (a:Actor)
        WHERE NOT a.id IN $ids AND any(f IN coalesce(a.affiliations, []) WHERE any(n IN $needles WHERE f CONTAINS n))
        RETURN properties(a) AS actor
        ORDER BY a.id
        """;

    /// <summary>The columns every evidence read returns, as <see cref="Values.Evidence"/> reads them.</summary>
    private const string EvidenceColumns = """
        e.id AS id, e.articleId AS articleId, e.source AS source, e.target AS target, e.type AS type,
               e.polarity AS polarity, e.score AS score, e.confidence AS confidence, e.modality AS modality,
               e.sentence AS sentence, e.`start` AS `start`, e.`end` AS `end`, e.saidBy AS saidBy,
               toString(e.eventDate) AS eventDate, e.extractorVersion AS extractorVersion,
               toString(a.publishedAt) AS publishedAt, a.title AS articleTitle, a.url AS articleUrl
        """;

    /// <summary>All of <see cref="Graph.Core.Storage.EvidenceFilter"/>; an empty list or a null means "any".</summary>
    private const string EvidenceWhere = """
        WHERE (size($sourceIds) = 0 OR e.source IN $sourceIds)
          AND (size($targetIds) = 0 OR e.target IN $targetIds)
          AND (size($actorIds) = 0 OR e.source IN $actorIds OR e.target IN $actorIds)
          AND (size($types) = 0 OR e.type IN $types)
          AND (size($modalities) = 0 OR e.modality IN $modalities)
          AND ($polarity IS NULL OR e.polarity = $polarity)
          AND ($since IS NULL OR e.day >= date($since))
          AND ($until IS NULL OR e.day <= date($until))
          AND ($minConfidence IS NULL OR e.confidence >= $minConfidence)
          AND ($articleId IS NULL OR e.articleId = $articleId)

        """;

    /// <summary>Summed per modality and polarity first, so that articles are counted as the embedded store keeps them.</summary>
    private const string TotalRows = """
        WITH e.source AS source, e.target AS target, e.type AS type, CASE WHEN $perDay THEN e.day END AS day, e.modality AS modality,
             e.polarity AS polarity, count(e) AS n, sum(e.confidence) AS confidenceSum, sum(e.score * e.confidence) AS weightedSum,
             min(e.day) AS firstDay, max(e.day) AS lastDay, count(DISTINCT e.articleId) AS articles
        RETURN source, target, type, toString(day) AS day, sum(n) AS count, sum(confidenceSum) AS confidenceSum,
               sum(weightedSum) AS weightedSum, toString(min(firstDay)) AS firstSeen, toString(max(lastDay)) AS lastSeen, sum(articles) AS articles
        """;

    /// <summary>
    /// Newest first, as the embedded store: undated articles last, then by article and position in it; with
    /// <c>$strongest</c>, largest |score| x confidence first.
    /// </summary>
    private const string EvidenceRows = $$"""
        MATCH (a:Article {id: e.articleId})
        RETURN {{EvidenceColumns}}
        ORDER BY CASE WHEN $strongest THEN abs(e.score) * e.confidence ELSE 0.0 END DESC,
                 a.publishedAt IS NULL, a.publishedAt DESC, e.articleId, e.`start`, e.id
        LIMIT $limit
        """;

    public const string GetArticle = """
        MATCH (a:Article {id: $id})
        RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source, toString(a.publishedAt) AS publishedAt,
               a.contentHash AS contentHash, a.extractorVersion AS extractorVersion, toString(a.ingestedAt) AS ingestedAt, a.text AS text
        """;

    /// <summary>Every article within the dates, when the search names no word.</summary>
    public const string SearchArticles = "MATCH (a:Article)\n" + ArticlePage;

    /// <summary>The articles holding every word of <c>$words</c> (a Lucene query built by <see cref="FullText"/>), within the dates.</summary>
    public const string SearchArticlesByWords = "CALL db.index.fulltext.queryNodes('article_words', $words) YIELD node AS a\n" + ArticlePage;

    /// <summary>Within the dates, newest first as the embedded store (undated last), one page and the total.</summary>
    private const string ArticlePage = """
        WHERE ($since IS NULL OR a.publishedDay >= date($since))
          AND ($until IS NULL OR a.publishedDay <= date($until))
          AND ($notExtractedBy IS NULL OR a.extractorVersion <> $notExtractedBy)
          AND ($source IS NULL OR toLower(a.source) = toLower($source))
        WITH a
        ORDER BY a.publishedAt IS NULL, a.publishedAt DESC, a.id
        WITH collect({id: a.id, title: a.title, url: a.url, source: a.source, publishedAt: toString(a.publishedAt),
                      contentHash: a.contentHash, extractorVersion: a.extractorVersion, ingestedAt: toString(a.ingestedAt)}) AS found
        RETURN size(found) AS total, found[$offset..($offset + $first)] AS items
        """;
}
