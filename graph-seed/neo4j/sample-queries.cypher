// Sample queries for Neo4j Browser (http://localhost:7474) over the Graph knowledge graph.
// Paste one at a time. Queries with $parameters need the :param line above them run first.
//
// The model: (:Actor:Country|:Person|:Organization|:ArmedGroup|:Group|:Location {id, name, kind, aliases, code_*})
//   - one aggregate relationship per ordered pair and PLOVER type, named as a verb: SUPPORTS, CONSULTS, AGREES_WITH,
//     CONCEDES_TO, COOPERATES_WITH, AIDS, RETREATS_FROM, REQUESTS (cooperation); ACCUSES, REJECTS, THREATENS,
//     PROTESTS_AGAINST, SANCTIONS, MOBILIZES_AGAINST, COERCES, ASSAULTS (conflict). Properties: count (all readings),
//     counted (readings that count: asserted, reported, future), score (-1..+1), firstSeen, lastSeen.
//   - (:Article {id, title, url, source, publishedAt, text})-[:HAS_EVIDENCE]->(:Evidence {type, polarity, score,
//     confidence, modality, sentence, start, end, saidBy, eventDate, day})-[:FROM]->(:Actor), -[:TO]->(:Actor)
//   - (:Person)-[:AFFILIATED_WITH {role, from, until}]->(:Actor)

// 1. The whole actor graph (the seed articles give a few dozen actors).
MATCH p = (:Actor)-[r]->(:Actor)
WHERE type(r) <> 'AFFILIATED_WITH'
RETURN p
LIMIT 300;

// 2. Who supports, aids or cooperates with Bashar al-Assad, strongest first.
MATCH (a:Actor)-[r:SUPPORTS|AIDS|COOPERATES_WITH|AGREES_WITH]->(:Actor {id: 'bashar-al-assad'})
RETURN a.name AS actor, type(r) AS relationship, r.count AS readings, r.score AS score, r.lastSeen AS lastSeen
ORDER BY r.score * r.counted DESC;

// 3. Everything between two actors, both ways (ids: ISO codes for states, slugs otherwise).
:param from => 'USA';
:param to => 'RUS';
MATCH p = (a:Actor {id: $from})-[r]-(b:Actor {id: $to})
RETURN p;

// 4. The sentences behind one relationship, with their articles, newest first.
:param from => 'RUS';
:param to => 'SYR';
MATCH (art:Article)-[:HAS_EVIDENCE]->(e:Evidence)-[:FROM]->(:Actor {id: $from}),
      (e)-[:TO]->(:Actor {id: $to})
RETURN e.type AS type, e.modality AS modality, e.confidence AS confidence, e.sentence AS sentence,
       art.title AS article, art.publishedAt AS published
ORDER BY art.publishedAt DESC;

// 5. One article as a picture: its evidence and the actors it links.
MATCH (art:Article)
WITH art ORDER BY art.publishedAt DESC LIMIT 1
MATCH p = (art)-[:HAS_EVIDENCE]->(:Evidence)-[:FROM|TO]->(:Actor)
RETURN p;

// 6. The most talked-about actors.
MATCH (a:Actor)<-[:FROM|TO]-(e:Evidence)
RETURN a.name AS actor, a.kind AS kind, count(DISTINCT e) AS evidence
ORDER BY evidence DESC
LIMIT 20;

// 7. Conflict only: who threatens, coerces or attacks whom.
MATCH p = (:Actor)-[:THREATENS|MOBILIZES_AGAINST|SANCTIONS|COERCES|ASSAULTS]->(:Actor)
RETURN p;

// 8. Find an actor by name or alias (full-text index actor_names; * is a prefix wildcard).
CALL db.index.fulltext.queryNodes('actor_names', 'Putin*') YIELD node, score
RETURN node.id AS id, node.name AS name, node.kind AS kind, node.aliases AS aliases, score;

// 9. Who speaks for whom: people and the states or organisations they hold roles in.
MATCH p = (:Person)-[f:AFFILIATED_WITH]->(:Actor)
RETURN p
LIMIT 100;

// 10. How a relationship changed over time: evidence per month between two actors.
:param from => 'USA';
:param to => 'RUS';
MATCH (e:Evidence {source: $from, target: $to})
WHERE e.day IS NOT NULL
RETURN e.day.year AS year, e.day.month AS month, e.type AS type, count(*) AS readings, avg(e.score) AS meanScore
ORDER BY year, month, type;

// 11. Schema check: the constraints and indexes the store creates at start.
SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties;
