// The explorer talks to the server only through GraphQL, so it doubles as the reference client.

export type ActorKind = 'COUNTRY' | 'PERSON' | 'ORGANIZATION' | 'ARMED_GROUP' | 'GROUP' | 'LOCATION';
export type StanceLabel = 'HOSTILE' | 'CRITICAL' | 'NEUTRAL' | 'SUPPORTIVE' | 'ALLY';

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
  article: { id: string; title: string | null; publishedAt: string | null; url: string | null };
}

export interface Stance {
  from: ActorRef;
  to: ActorRef;
  score: number;
  label: StanceLabel;
  evidenceCount: number;
  counts: { type: RelationType; count: number }[];
  firstSeen: string | null;
  lastSeen: string | null;
  evidence: Evidence[];
  reverse: { score: number; label: StanceLabel; evidenceCount: number };
}

export interface StancePoint { start: string; score: number; label: StanceLabel; evidenceCount: number }

export interface Neighborhood {
  center: ActorRef;
  nodes: ActorRef[];
  edges: Relationship[];
  /** How many actors are within reach in all, and whether the limit cut them; null when the server does not say. */
  total: { actors: number; cut: boolean } | null;
}

export interface Path { nodes: ActorRef[]; edges: Relationship[]; length: number }

export interface Article {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
  text: string | null;
  actors: ActorRef[];
  evidence: Evidence[];
}

export interface ArticleSummary { id: string; title: string | null; source: string | null; publishedAt: string | null }

export class GraphQLError extends Error {}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
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
  source { ${ACTOR} } target { ${ACTOR} } article { id title publishedAt url }`;

export async function searchActors(search: string, first = 8): Promise<ActorRef[]> {
  const data = await gql<{ actors: { edges: { node: ActorRef }[] } }>(
    `query Search($search: String, $first: Int) { actors(search: $search, first: $first) { edges { node { ${ACTOR} } } } }`,
    { search, first },
  );
  return data.actors.edges.map((e) => e.node);
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
}

export async function neighborhood(args: NeighborhoodArgs): Promise<Neighborhood> {
  // Edges name their ends by id only: the nodes carry the rest once, which keeps busy neighbourhoods small.
  type Slim = Omit<Relationship, 'source' | 'target'> & { source: { id: string }; target: { id: string } };
  const data = await gql<{ neighborhood: { center: ActorRef; nodes: ActorRef[]; edges: Slim[] } }>(
    `query Neighborhood($actor: String!, $depth: Int, $limit: Int, $types: [RelationType!], $since: Date, $until: Date) {
      neighborhood(actor: $actor, depth: $depth, limit: $limit, types: $types, since: $since, until: $until) {
        center { ${ACTOR} } nodes { ${ACTOR} }
        edges { source { id } target { id } type polarity score count confidence firstSeen lastSeen }
      }
    }`,
    { ...args },
  );
  const n = data.neighborhood;
  const byId = new Map(n.nodes.map((a) => [a.id, a]));
  const known = (id: string): ActorRef => byId.get(id) ?? { id, name: id, kind: 'GROUP', aliases: [] };
  return { center: n.center, nodes: n.nodes, edges: n.edges.map((e) => ({ ...e, source: known(e.source.id), target: known(e.target.id) })), total: null };
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

export interface StanceArgs { from: string; to: string; since: string | null; until: string | null; bucket: 'WEEK' | 'MONTH' }

export async function stance(args: StanceArgs): Promise<{ stance: Stance | null; timeline: StancePoint[] }> {
  return gql<{ stance: Stance | null; timeline: StancePoint[] }>(
    `query Stance($from: String!, $to: String!, $since: Date, $until: Date, $bucket: Bucket) {
      stance(from: $from, to: $to, since: $since, until: $until) {
        from { ${ACTOR} } to { ${ACTOR} } score label evidenceCount firstSeen lastSeen
        counts { type count }
        evidence(first: 50) { ${EVIDENCE} }
        reverse { score label evidenceCount }
      }
      timeline: stanceTimeline(from: $from, to: $to, bucket: $bucket, since: $since, until: $until) { start score label evidenceCount }
    }`,
    { ...args },
  );
}

export async function paths(from: string, to: string, maxHops: number): Promise<Path[]> {
  const data = await gql<{ path: Path[] }>(
    `query Path($from: String!, $to: String!, $maxHops: Int) {
      path(from: $from, to: $to, maxHops: $maxHops, first: 10) { length nodes { ${ACTOR} } edges { ${REL} } }
    }`,
    { from, to, maxHops },
  );
  return data.path;
}

export async function article(id: string): Promise<Article | null> {
  const data = await gql<{ article: Article | null }>(
    `query Article($id: ID!) {
      article(id: $id) { id title url source publishedAt text actors { ${ACTOR} } evidence { ${EVIDENCE} } }
    }`,
    { id },
  );
  return data.article;
}

export async function articles(search: string | null, first = 30): Promise<{ total: number; items: ArticleSummary[] }> {
  const data = await gql<{ articles: { totalCount: number; edges: { node: ArticleSummary }[] } }>(
    `query Articles($search: String, $first: Int) {
      articles(search: $search, first: $first) { totalCount edges { node { id title source publishedAt } } }
    }`,
    { search, first },
  );
  return { total: data.articles.totalCount, items: data.articles.edges.map((e) => e.node) };
}

export async function overview(): Promise<{ stats: { articles: number; actors: number; relationships: number; evidence: number }; top: ActorRef[] }> {
  const data = await gql<{ stats: { articles: number; actors: number; relationships: number; evidence: number }; actors: { edges: { node: ActorRef }[] } }>(
    `{ stats { articles actors relationships evidence } actors(first: 16) { edges { node { ${ACTOR} } } } }`,
  );
  return { stats: data.stats, top: data.actors.edges.map((e) => e.node) };
}
