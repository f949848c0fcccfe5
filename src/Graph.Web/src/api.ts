// The explorer talks to the server only through GraphQL, so it doubles as the reference client.

export type ActorKind = 'COUNTRY' | 'PERSON' | 'ORGANIZATION' | 'ARMED_GROUP' | 'GROUP' | 'LOCATION';
export type StanceLabel = 'NO_EVIDENCE' | 'HOSTILE' | 'CRITICAL' | 'NEUTRAL' | 'SUPPORTIVE' | 'ALLY';

export const RELATION_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface ActorRef { id: string; name: string; kind: ActorKind; aliases: string[] }

export interface Relationship {
  source: ActorRef;
  target: ActorRef;
  type: RelationType;
  polarity: number;
  score: number;
  count: number;
  confidence: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface Evidence {
  id: string;
  sentence: string;
  start: number;
  end: number;
  type: RelationType;
  polarity: number;
  score: number;
  confidence: number;
  modality: string;
  eventDate: string | null;
  source: ActorRef;
  target: ActorRef;
  article: { id: string; headline: string; publishedAt: string | null; url: string | null };
}

/** How sure a stance is: its score is the mean shrunk towards neutral; `low`..`high` is its range. */
export interface Weighed {
  score: number;
  label: StanceLabel;
  mean: number;
  low: number;
  high: number;
  certainty: number;
  evidenceCount: number;
  articleCount: number;
}

export interface Page<T> { items: T[]; total: number; next: string | null }

export interface Stance extends Weighed {
  from: ActorRef;
  to: ActorRef;
  counts: { type: RelationType; count: number }[];
  firstSeen: string | null;
  lastSeen: string | null;
  evidence: Page<Evidence>;
  reverse: Weighed;
}

export interface StancePoint { start: string; score: number; label: StanceLabel; evidenceCount: number; articleCount: number; low: number; high: number }

export interface Neighborhood {
  center: ActorRef;
  nodes: ActorRef[];
  edges: Relationship[];
  /** How many actors are within reach in all, and whether the limit cut them; null when the server does not say. */
  total: { actors: number; cut: boolean } | null;
}

export interface Path { nodes: ActorRef[]; edges: Relationship[]; length: number }

export interface PathSearch { paths: Path[]; totalCount: number; truncated: boolean; maxHops: number; maxHopsAllowed: number }

export interface Article {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
  headline: string;
  text: string | null;
  actors: ActorRef[];
  evidence: Evidence[];
}

export interface ArticleSummary { id: string; headline: string; snippet: string | null; source: string | null; publishedAt: string | null }

export class GraphQLError extends Error {}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = await response.json();
  } catch {
    throw new GraphQLError(`The server answered ${response.status} without a GraphQL result.`);
  }
  if (body.errors?.length) throw new GraphQLError(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new GraphQLError(`The server answered ${response.status} without data.`);
  return body.data;
}

const ACTOR = 'id name kind aliases';
const REL = `source { ${ACTOR} } target { ${ACTOR} } type polarity score count confidence firstSeen lastSeen`;
const EVIDENCE = `id sentence start end type polarity score confidence modality eventDate
  source { ${ACTOR} } target { ${ACTOR} } article { id headline publishedAt url }`;
const WEIGHED = 'score label mean low high certainty evidenceCount articleCount';

/** Actors whose name or alias holds `search`, most evidence first, with how many match in all. */
export async function searchActors(search: string, first = 8): Promise<{ items: ActorRef[]; total: number }> {
  const data = await gql<{ actors: { totalCount: number; edges: { node: ActorRef }[] } }>(
    `query Search($search: String, $first: Int) { actors(search: $search, first: $first) { totalCount edges { node { ${ACTOR} } } } }`,
    { search, first },
  );
  return { items: data.actors.edges.map((e) => e.node), total: data.actors.totalCount };
}

export async function actor(idOrName: string): Promise<ActorRef | null> {
  // An id first (URLs carry ids), then a name or alias (hand-typed URLs).
  const data = await gql<{ byId: ActorRef | null; byName: ActorRef | null }>(
    `query Actor($id: ID, $name: String) { byId: actor(id: $id) { ${ACTOR} } byName: actor(name: $name) { ${ACTOR} } }`,
    { id: idOrName, name: idOrName },
  );
  return data.byId ?? data.byName;
}

export interface NeighborhoodArgs {
  actor: string;
  depth: number;
  limit: number;
  types: RelationType[] | null;
  since: string | null;
  until: string | null;
  /** Whether to count how many actors there are in all (it costs the server a search past the limit). */
  totals: boolean;
}

export async function neighborhood(args: NeighborhoodArgs): Promise<Neighborhood> {
  // Edges name their ends by id only: the nodes carry the rest once, which keeps busy neighbourhoods small.
  type Slim = Omit<Relationship, 'source' | 'target'> & { source: { id: string }; target: { id: string } };
  const data = await gql<{ neighborhood: { center: ActorRef; nodes: ActorRef[]; edges: Slim[]; totalNodes?: number; truncated?: boolean } }>(
    `query Neighborhood($actor: String!, $depth: Int, $limit: Int, $types: [RelationType!], $since: Date, $until: Date, $totals: Boolean!) {
      neighborhood(actor: $actor, depth: $depth, limit: $limit, types: $types, since: $since, until: $until) {
        center { ${ACTOR} } nodes { ${ACTOR} } totalNodes @include(if: $totals) truncated @include(if: $totals)
        edges { source { id } target { id } type polarity score count confidence firstSeen lastSeen }
      }
    }`,
    { ...args },
  );
  const n = data.neighborhood;
  const byId = new Map(n.nodes.map((a) => [a.id, a]));
  const known = (id: string): ActorRef => byId.get(id) ?? { id, name: id, kind: 'GROUP', aliases: [] };
  return { center: n.center, nodes: n.nodes, edges: n.edges.map((e) => ({ ...e, source: known(e.source.id), target: known(e.target.id) })), total: n.totalNodes === undefined ? null : { actors: n.totalNodes, cut: !!n.truncated } };
}

/** First and last day with evidence around an actor: the range of the date slider. */
export async function dateRange(actorKey: string, depth: number, limit: number): Promise<[string, string] | null> {
  const data = await gql<{ neighborhood: { edges: { firstSeen: string | null; lastSeen: string | null }[] } }>(
    `query Range($actor: String!, $depth: Int, $limit: Int) {
      neighborhood(actor: $actor, depth: $depth, limit: $limit) { edges { firstSeen lastSeen } }
    }`,
    { actor: actorKey, depth, limit },
  );
  const days = data.neighborhood.edges.flatMap((e) => [e.firstSeen, e.lastSeen]).filter((d): d is string => !!d).sort();
  return days.length ? [days[0], days[days.length - 1]] : null;
}

export interface StanceArgs {
  from: string;
  to: string;
  since: string | null;
  until: string | null;
  bucket: 'WEEK' | 'MONTH';
  /** Counts what the actor's people (Putin for Russia) said and did as its own. */
  affiliates: boolean;
}

interface EvidenceConnection { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Evidence }[] }
const EVIDENCE_PAGE = `totalCount pageInfo { hasNextPage endCursor } edges { node { ${EVIDENCE} } }`;
const page = (c: EvidenceConnection): Page<Evidence> =>
  ({ items: c.edges.map((e) => e.node), total: c.totalCount, next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null });

/** How many pieces of evidence a stance shows at first, and adds with each "more". */
export const EVIDENCE_STEP = 50;

export async function stance(args: StanceArgs): Promise<{ stance: Stance | null; timeline: StancePoint[] }> {
  type Raw = Omit<Stance, 'evidence'> & { evidence: EvidenceConnection };
  const data = await gql<{ stance: Raw | null; timeline: StancePoint[] }>(
    `query Stance($from: String!, $to: String!, $since: Date, $until: Date, $bucket: Bucket, $affiliates: Boolean, $first: Int) {
      stance(from: $from, to: $to, since: $since, until: $until, includeAffiliates: $affiliates) {
        from { ${ACTOR} } to { ${ACTOR} } ${WEIGHED} firstSeen lastSeen
        counts { type count }
        evidence: evidencePage(first: $first) { ${EVIDENCE_PAGE} }
        reverse { ${WEIGHED} }
      }
      timeline: stanceTimeline(from: $from, to: $to, bucket: $bucket, since: $since, until: $until, includeAffiliates: $affiliates) {
        start score label low high evidenceCount articleCount
      }
    }`,
    { ...args, first: EVIDENCE_STEP },
  );
  return { stance: data.stance && { ...data.stance, evidence: page(data.stance.evidence) }, timeline: data.timeline };
}

/** The next page of a stance's evidence, after `cursor`. */
export async function moreEvidence(args: Omit<StanceArgs, 'bucket'>, after: string): Promise<Page<Evidence>> {
  const data = await gql<{ stance: { evidence: EvidenceConnection } | null }>(
    `query MoreEvidence($from: String!, $to: String!, $since: Date, $until: Date, $affiliates: Boolean, $first: Int, $after: String) {
      stance(from: $from, to: $to, since: $since, until: $until, includeAffiliates: $affiliates) {
        evidence: evidencePage(first: $first, after: $after) { ${EVIDENCE_PAGE} }
      }
    }`,
    { ...args, first: EVIDENCE_STEP, after },
  );
  return data.stance ? page(data.stance.evidence) : { items: [], total: 0, next: null };
}

export interface SideStance extends Weighed { from: ActorRef; firstSeen: string | null; lastSeen: string | null }

/** Who supports and who opposes an actor, the surest first. */
export async function sides(of: string, minEvidence: number, since: string | null, until: string | null, first: number): Promise<{ supporters: SideStance[]; opponents: SideStance[] }> {
  return gql<{ supporters: SideStance[]; opponents: SideStance[] }>(
    `query Sides($of: String!, $minEvidence: Int, $since: Date, $until: Date, $first: Int) {
      supporters(of: $of, minEvidence: $minEvidence, since: $since, until: $until, first: $first) { from { ${ACTOR} } ${WEIGHED} firstSeen lastSeen }
      opponents(of: $of, minEvidence: $minEvidence, since: $since, until: $until, first: $first) { from { ${ACTOR} } ${WEIGHED} firstSeen lastSeen }
    }`,
    { of, minEvidence, since, until, first },
  );
}

export async function paths(from: string, to: string, maxHops: number, first: number): Promise<PathSearch> {
  const data = await gql<{ paths: PathSearch }>(
    `query Path($from: String!, $to: String!, $maxHops: Int, $first: Int) {
      paths(from: $from, to: $to, maxHops: $maxHops, first: $first) {
        totalCount truncated maxHops maxHopsAllowed
        paths { length nodes { ${ACTOR} } edges { ${REL} } }
      }
    }`,
    { from, to, maxHops, first },
  );
  return data.paths;
}

export async function article(id: string): Promise<Article | null> {
  const data = await gql<{ article: Article | null }>(
    `query Article($id: ID!) {
      article(id: $id) { id title headline url source publishedAt text actors { ${ACTOR} } evidence { ${EVIDENCE} } }
    }`,
    { id },
  );
  return data.article;
}

export async function articles(search: string | null, first = 30, after: string | null = null): Promise<Page<ArticleSummary>> {
  const data = await gql<{ articles: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: ArticleSummary }[] } }>(
    `query Articles($search: String, $first: Int, $after: String) {
      articles(search: $search, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id headline snippet(search: $search) source publishedAt } }
      }
    }`,
    { search, first, after },
  );
  const a = data.articles;
  return { total: a.totalCount, items: a.edges.map((e) => e.node), next: a.pageInfo.hasNextPage ? a.pageInfo.endCursor : null };
}

export async function overview(): Promise<{ stats: { articles: number; actors: number; relationships: number; evidence: number }; top: ActorRef[] }> {
  const data = await gql<{ stats: { articles: number; actors: number; relationships: number; evidence: number }; actors: { edges: { node: ActorRef }[] } }>(
    `{ stats { articles actors relationships evidence } actors(first: 16) { edges { node { ${ACTOR} } } } }`,
  );
  return { stats: data.stats, top: data.actors.edges.map((e) => e.node) };
}
