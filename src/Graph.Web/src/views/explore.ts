import { actorActions } from '../corrections';
import { actor, dateRange, neighborhood, RELATION_TYPES, type ActorRef, type Neighborhood, type Relationship, type RelationType } from '../api';
import { describe, navigate } from '../router';
import {
  actorUrl, debounce, formatDay, h, kindBadge, KIND_COLOURS, KIND_NAMES, NEGATIVE, NEUTRAL, pathUrl, polarityColour, POSITIVE,
  signed, stanceUrl, typeText,
} from '../util';
import { createGraph, drawNeighborhood } from './draw';
import { main, problem } from './layout';

const DAY = 86_400_000;
const toDay = (iso: string) => Math.round(Date.parse(iso + 'T00:00:00Z') / DAY);
const fromDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

interface Settings { depth: number; limit: number; types: RelationType[] | null; since: string | null; until: string | null }

function read(query: URLSearchParams): Settings {
  const depth = Math.min(3, Math.max(1, Number(query.get('depth')) || 1));
  const limit = Math.min(300, Math.max(5, Number(query.get('limit')) || 50));
  const types = query.get('types')?.split(',').filter((t): t is RelationType => (RELATION_TYPES as readonly string[]).includes(t)) ?? null;
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  return { depth, limit, types: types?.length ? types : null, since: day(query.get('since')), until: day(query.get('until')) };
}

function write(id: string, s: Settings): string {
  const q = new URLSearchParams();
  if (s.depth !== 1) q.set('depth', String(s.depth));
  if (s.limit !== 50) q.set('limit', String(s.limit));
  if (s.types) q.set('types', s.types.join(','));
  if (s.since) q.set('since', s.since);
  if (s.until) q.set('until', s.until);
  return actorUrl(id, q);
}

/** The formats of GET /export, as the download links name them. */
const EXPORTS: [format: string, label: string][] = [['graphml', 'GraphML'], ['gexf', 'GEXF'], ['csv', 'CSV'], ['jsonl', 'JSON Lines'], ['cypher', 'Cypher']];

/** The centre actor and its relationships under the view's types and period, as a file: what `graph export --actor` writes. */
function exportUrl(id: string, s: Settings, format: string): string {
  const q = new URLSearchParams({ format, actor: id });
  if (s.types) q.set('types', s.types.join(','));
  if (s.since) q.set('since', s.since);
  if (s.until) q.set('until', s.until);
  return `/export?${q}`;
}

export async function exploreView([key]: string[], query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const root = main('explore');
  const settings = read(query);
  // The actor, its neighbourhood and the date range are asked for at once: the first drawing waits for one round trip.
  const startedAt = performance.now();
  const first = neighborhood({ actor: key, ...settings });
  first.catch(() => undefined);
  const range = dateRange(key, settings.depth, settings.limit).catch(() => null);
  let center;
  try {
    center = await actor(key);
  } catch (e) {
    root.append(problem('The graph server did not answer.', (e as Error).message));
    return;
  }
  if (signal.aborted) return;
  if (!center) {
    root.append(problem(`No actor called “${key}” in the graph.`, 'Try the search box above.'));
    return;
  }
  document.title = `${center.name} · Graph`;

  const canvas = h('div', { class: 'canvas', id: 'graph', role: 'img', 'aria-label': `Relationships around ${center.name}` });
  const status = h('p', { class: 'status', 'aria-live': 'polite' }, 'Loading…');
  const side = h('aside', { class: 'side', 'aria-label': 'Details' });
  const depthSelect = h('select', { id: 'depth', 'data-testid': 'depth' },
    ...[1, 2, 3].map((d) => h('option', { value: d, selected: d === settings.depth }, d === 1 ? '1 hop' : `${d} hops`)));
  const typeBoxes = RELATION_TYPES.map((t) => h('input', { type: 'checkbox', value: t, checked: !settings.types || settings.types.includes(t) }));
  const typesMenu = h('details', { class: 'types-menu' },
    h('summary', {}, 'Types'),
    h('div', { class: 'types-grid' },
      h('div', { class: 'types-actions' },
        h('button', { type: 'button', onclick: () => setAll(true) }, 'All'),
        h('button', { type: 'button', onclick: () => setAll(false) }, 'None')),
      ...typeBoxes.map((box) => h('label', {}, box, typeText(box.value)))));
  const sinceRange = h('input', { type: 'range', 'aria-label': 'From', class: 'range since', 'data-testid': 'since' });
  const untilRange = h('input', { type: 'range', 'aria-label': 'Until', class: 'range until', 'data-testid': 'until' });
  const periodLabel = h('output', { class: 'period' }, 'all dates');
  const period = h('div', { class: 'period-control', hidden: true }, h('span', { class: 'control-label' }, 'Period'), h('div', { class: 'ranges' }, sinceRange, untilRange), periodLabel);

  root.append(
    h('div', { class: 'toolbar' },
      h('div', { class: 'title-block' }, h('h1', {}, center.name), kindBadge(center.kind)),
      h('div', { class: 'controls' },
        h('label', { class: 'inline' }, h('span', { class: 'control-label' }, 'Depth'), depthSelect),
        typesMenu,
        period)),
    h('div', { class: 'workspace' }, h('div', { class: 'canvas-wrap' }, canvas, status, legend()), side),
  );

  const cy = createGraph(canvas);
  signal.addEventListener('abort', () => cy.destroy());
  let edges: Relationship[] = [];
  let nodes: ActorRef[] = [];
  let asked = 0;

  const redraw = async (prefetched?: Promise<Neighborhood>, since = performance.now()) => {
    const ticket = ++asked;
    status.textContent = 'Loading…';
    status.hidden = false;
    try {
      const n = await (prefetched ?? neighborhood({ actor: center.id, ...settings }));
      if (signal.aborted || ticket !== asked) return;
      nodes = n.nodes;
      edges = n.edges;
      const report = await drawNeighborhood(cy, 'neighborhood', n.nodes, n.edges, center.id, since);
      status.hidden = n.edges.length > 0;
      status.textContent = n.edges.length ? '' : 'No relationships for these filters.';
      canvas.dataset.nodes = String(report.nodes.length);
      showOverview();
    } catch (e) {
      status.textContent = `Could not load the graph: ${(e as Error).message}`;
    }
  };
  const changed = () => {
    describe(write(center.id, settings));
    void redraw();
  };

  function setAll(on: boolean) {
    typeBoxes.forEach((b) => (b.checked = on));
    typesChanged();
  }
  const typesChanged = debounce(() => {
    const picked = typeBoxes.filter((b) => b.checked).map((b) => b.value as RelationType);
    settings.types = picked.length === RELATION_TYPES.length ? null : picked;
    typesMenu.querySelector('summary')!.textContent = settings.types ? `Types (${picked.length})` : 'Types';
    changed();
  }, 250);
  typeBoxes.forEach((b) => b.addEventListener('change', typesChanged));
  if (settings.types) typesMenu.querySelector('summary')!.textContent = `Types (${settings.types.length})`;
  depthSelect.addEventListener('change', () => {
    settings.depth = Number(depthSelect.value);
    changed();
  });

  cy.on('tap', 'edge', (e) => {
    const [source, target] = [e.target.data('source') as string, e.target.data('target') as string];
    showEdge(source, target);
  });
  cy.on('tap', 'node', (e) => showActor(e.target.id() as string));
  cy.on('dbltap', 'node', (e) => navigate(write(e.target.id() as string, { ...settings, since: null, until: null })));
  cy.on('tap', (e) => { if (e.target === cy) showOverview(); });

  await redraw(first, startedAt);

  // The slider spans the days with evidence around the actor; moving it redraws the graph for that period.
  const days = await range;
  if (signal.aborted) return;
  if (days && days[0] !== days[1]) {
    period.hidden = false;
    const [lo, hi] = [toDay(days[0]), toDay(days[1])];
    for (const r of [sinceRange, untilRange]) { r.min = String(lo); r.max = String(hi); r.step = '1'; }
    sinceRange.value = String(settings.since ? Math.max(lo, toDay(settings.since)) : lo);
    untilRange.value = String(settings.until ? Math.min(hi, toDay(settings.until)) : hi);
    const label = () => {
      const [a, b] = [Number(sinceRange.value), Number(untilRange.value)];
      periodLabel.textContent = `${formatDay(fromDay(Math.min(a, b)))} – ${formatDay(fromDay(Math.max(a, b)))}`;
    };
    label();
    const periodChanged = debounce(() => {
      const [a, b] = [Number(sinceRange.value), Number(untilRange.value)].sort((x, y) => x - y);
      settings.since = a > lo ? fromDay(a) : null;
      settings.until = b < hi ? fromDay(b) : null;
      changed();
    }, 250);
    for (const r of [sinceRange, untilRange]) {
      r.addEventListener('input', () => { label(); periodChanged(); });
    }
  } else {
    period.hidden = true;
  }

  function byId(id: string) { return nodes.find((n) => n.id === id); }

  function relRow(r: Relationship) {
    return h('li', { class: 'rel' },
      h('span', { class: 'swatch', style: `background:${polarityColour(r.polarity)}` }),
      h('a', { href: stanceUrl(r.source.id, r.target.id), 'data-link': true },
        `${r.source.name} `, h('strong', {}, typeText(r.type).toLowerCase()), ` ${r.target.name}`),
      h('span', { class: 'muted' }, ` ×${r.count}`));
  }

  function showOverview() {
    const sorted = [...edges].sort((a, b) => b.count - a.count);
    side.replaceChildren(
      actorActions(center!),
      h('h2', {}, 'In this graph'),
      h('p', { class: 'muted' }, `${nodes.length} actors, ${edges.length} relationships${settings.since || settings.until ? `, ${formatDay(settings.since) || 'start'} – ${formatDay(settings.until) || 'now'}` : ''}. Click an edge for the stance and its evidence, a node for its links; double-click a node to centre on it.`),
      h('h3', {}, 'Strongest relationships'),
      h('ul', { class: 'rel-list' }, ...sorted.slice(0, 12).map(relRow)),
      h('h3', {}, 'Actors'),
      h('ul', { class: 'actor-list', 'data-testid': 'graph-actors' }, ...nodes.map((n) =>
        h('li', {}, h('a', { href: write(n.id, { ...settings, since: null, until: null }), 'data-link': true, style: `--kind:${KIND_COLOURS[n.kind]}`, class: 'actor-link' }, n.name)))),
      h('h3', {}, 'Download'),
      h('p', { class: 'muted downloads', 'data-testid': 'downloads' }, `${center!.name} and its relationships, with these types and period: `,
        ...EXPORTS.flatMap(([format, label], i) => [i ? ' · ' : '', h('a', { href: exportUrl(center!.id, settings, format), download: '' }, label)])),
    );
  }

  function showActor(id: string) {
    const a = byId(id);
    if (!a) return;
    const mine = edges.filter((e) => e.source.id === id || e.target.id === id).sort((x, y) => y.count - x.count);
    side.replaceChildren(...[
      h('h2', {}, a.name), kindBadge(a.kind),
      a.aliases.length ? h('p', { class: 'muted' }, 'Also: ' + a.aliases.slice(0, 6).join(', ')) : null,
      h('div', { class: 'actions' },
        id !== center!.id ? h('a', { class: 'button', href: write(id, { ...settings, since: null, until: null }), 'data-link': true }, 'Centre graph here') : null,
        id !== center!.id ? h('a', { class: 'button', href: stanceUrl(center!.id, id), 'data-link': true }, `Stance of ${center!.name}`) : null,
        id !== center!.id ? h('a', { class: 'button', href: stanceUrl(id, center!.id), 'data-link': true }, `Stance towards ${center!.name}`) : null,
        id !== center!.id ? h('a', { class: 'button', href: pathUrl(center!.id, id), 'data-link': true }, 'Path') : null),
      h('h3', {}, 'Relationships here'),
      h('ul', { class: 'rel-list' }, ...mine.map(relRow)),
      h('p', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); cy.elements().unselect(); showOverview(); } }, '← All of the graph')),
    ].filter((x): x is HTMLElement => x !== null));
  }

  function showEdge(source: string, target: string) {
    const between = edges.filter((e) => e.source.id === source && e.target.id === target).sort((x, y) => y.count - x.count);
    const [s, t] = [byId(source), byId(target)];
    if (!s || !t) return;
    side.replaceChildren(
      h('h2', {}, `${s.name} → ${t.name}`),
      h('ul', { class: 'rel-list' }, ...between.map((r) => h('li', { class: 'rel' },
        h('span', { class: 'swatch', style: `background:${polarityColour(r.polarity)}` }),
        h('strong', {}, typeText(r.type)), ` ×${r.count} · score ${signed(r.score, 1)} · ${formatDay(r.firstSeen)}${r.lastSeen !== r.firstSeen ? ' – ' + formatDay(r.lastSeen) : ''}`))),
      h('div', { class: 'actions' },
        h('a', { class: 'button primary', href: stanceUrl(source, target), 'data-link': true, 'data-testid': 'open-stance' }, 'Stance and evidence'),
        h('a', { class: 'button', href: stanceUrl(target, source), 'data-link': true }, 'The other way')),
      h('p', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); cy.elements().unselect(); showOverview(); } }, '← All of the graph')),
    );
  }

}

function legend(): HTMLElement {
  return h('div', { class: 'legend', 'aria-hidden': 'true' },
    ...(Object.keys(KIND_COLOURS) as (keyof typeof KIND_COLOURS)[]).filter((k) => k !== 'LOCATION').map((k) =>
      h('span', {}, h('i', { class: 'dot', style: `background:${KIND_COLOURS[k]}` }), KIND_NAMES[k])),
    h('span', {}, h('i', { class: 'line', style: `background:${POSITIVE}` }), 'cooperative'),
    h('span', {}, h('i', { class: 'line', style: `background:${NEGATIVE}` }), 'hostile'),
    h('span', {}, h('i', { class: 'line', style: `background:${NEUTRAL}` }), 'neutral'),
  );
}


