import { actorActions } from '../corrections';
import { dateRange, neighborhood, RELATION_TYPES, type ActorRef, type Neighborhood, type Relationship, type RelationType } from '../api';
import { describe, navigate } from '../router';
import {
  actorUrl, debounce, isoDay, sidesUrl, formatDay, h, kindBadge, KIND_COLOURS, KIND_NAMES, NEGATIVE, NEUTRAL, pathUrl, polarityColour, POSITIVE,
  signed, stanceUrl, typeText,
} from '../util';
import { createGraph, drawNeighborhood, pin, relayout, updateNeighborhood } from './draw';
import { main, viewedActor } from './layout';

const DAY = 86_400_000;
const toDay = (iso: string) => Math.round(Date.parse(iso + 'T00:00:00Z') / DAY);
const fromDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

type Polarity = 'positive' | 'negative';

interface Settings {
  depth: number;
  limit: number;
  types: RelationType[] | null;
  since: string | null;
  until: string | null;
  /** Only cooperative or only hostile relationships. */
  polarity: Polarity | null;
  /** Only relationships resting on at least this many sentences. */
  min: number;
  /** How many relationships are drawn, strongest first. */
  show: number;
}

const SHOW = 60;
/** The most actors the explorer asks the server for. */
const MAX_ACTORS = 300;
const MIN_EVIDENCE = [1, 2, 3, 5, 10];
/** How many neighbours clicking an actor adds: its best connected ones. */
const EXPAND = 12;

function read(query: URLSearchParams): Settings {
  const depth = Math.min(3, Math.max(1, Number(query.get('depth')) || 1));
  const limit = Math.min(MAX_ACTORS, Math.max(5, Number(query.get('limit')) || 50));
  const types = query.get('types')?.split(',').filter((t): t is RelationType => (RELATION_TYPES as readonly string[]).includes(t)) ?? null;
  const polarity = query.get('polarity');
  return {
    depth, limit, types: types?.length ? types : null, since: isoDay(query.get('since')), until: isoDay(query.get('until')),
    polarity: polarity === 'positive' || polarity === 'negative' ? polarity : null,
    min: Math.min(100, Math.max(1, Number(query.get('min')) || 1)),
    show: Math.min(5000, Math.max(10, Number(query.get('show')) || SHOW)),
  };
}

function write(id: string, s: Settings): string {
  const q = new URLSearchParams();
  if (s.depth !== 1) q.set('depth', String(s.depth));
  if (s.limit !== 50) q.set('limit', String(s.limit));
  if (s.types) q.set('types', s.types.join(','));
  if (s.since) q.set('since', s.since);
  if (s.until) q.set('until', s.until);
  if (s.polarity) q.set('polarity', s.polarity);
  if (s.min !== 1) q.set('min', String(s.min));
  if (s.show !== SHOW) q.set('show', String(s.show));
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

const relKey = (r: Relationship) => `${r.source.id}|${r.target.id}|${r.type}`;
const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

export async function exploreView([key]: string[], query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const root = main('explore');
  const settings = read(query);
  // The actor, its neighbourhood and the date range are asked for at once: the first drawing waits for one round trip.
  const startedAt = performance.now();
  // The view's neighbourhood of an actor, with how many actors there are in all.
  const around = (actorKey: string) =>
    neighborhood({ actor: actorKey, depth: settings.depth, limit: settings.limit, types: settings.types, since: settings.since, until: settings.until, totals: true });
  const first = around(key);
  first.catch(() => undefined);
  const range = dateRange(key, settings.depth, settings.limit).catch(() => null);
  const center = await viewedActor(key, root, signal);
  if (!center) return;
  document.title = `${center.name} · Graph`;

  const canvas = h('div', { class: 'canvas', id: 'graph', role: 'img', 'aria-label': `Relationships around ${center.name}` });
  const status = h('p', { class: 'status', 'aria-live': 'polite' }, 'Loading…');
  const limits = h('div', { class: 'limits', 'data-testid': 'limits', 'aria-live': 'polite' });
  const side = h('aside', { class: 'side', 'aria-label': 'Details' });
  const depthSelect = h('select', { id: 'depth', 'data-testid': 'depth' },
    ...[1, 2, 3].map((d) => h('option', { value: d, selected: d === settings.depth }, d === 1 ? '1 hop' : `${d} hops`)));
  const polaritySelect = h('select', { 'data-testid': 'polarity', 'aria-label': 'Polarity' },
    h('option', { value: '', selected: !settings.polarity }, 'all'),
    h('option', { value: 'positive', selected: settings.polarity === 'positive' }, 'cooperative'),
    h('option', { value: 'negative', selected: settings.polarity === 'negative' }, 'hostile'));
  const minSelect = h('select', { 'data-testid': 'min-evidence', 'aria-label': 'Minimum evidence' },
    ...[...new Set([...MIN_EVIDENCE, settings.min])].sort((a, b) => a - b).map((m) =>
      h('option', { value: m, selected: m === settings.min }, m === 1 ? 'any' : `≥ ${m} sentences`)));
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
  const tools = h('div', { class: 'canvas-tools' },
    h('button', { type: 'button', class: 'button', 'data-testid': 'relayout', title: 'Lay the graph out again; pinned actors stay where they are', onclick: () => { relayout(cy); } }, 'Re-arrange'),
    h('button', { type: 'button', class: 'button', 'data-testid': 'unpin-all', onclick: () => { cy.nodes('.pinned').forEach((n) => pin(n, false)); if (selected) showActor(selected); } }, 'Unpin all'));

  root.append(
    h('div', { class: 'toolbar' },
      h('div', { class: 'title-block' }, h('h1', {}, center.name), kindBadge(center.kind)),
      h('div', { class: 'controls' },
        h('label', { class: 'inline' }, h('span', { class: 'control-label' }, 'Depth'), depthSelect),
        typesMenu,
        h('label', { class: 'inline' }, h('span', { class: 'control-label' }, 'Polarity'), polaritySelect),
        h('label', { class: 'inline' }, h('span', { class: 'control-label' }, 'Evidence'), minSelect),
        period)),
    limits,
    h('div', { class: 'workspace' }, h('div', { class: 'canvas-wrap' }, canvas, status, tools, legend()), side),
  );

  const cy = createGraph(canvas);
  signal.addEventListener('abort', () => cy.destroy());
  // What the server sent for the view's depth, types and period, plus what clicking actors added to it.
  let total: Neighborhood['total'] = null;
  let nodesFromServer = 0;
  const actors = new Map<string, ActorRef>();
  const rels = new Map<string, Relationship>();
  const expanded = new Set<string>([center.id]);
  // What is drawn: the strongest relationships that pass the polarity and evidence filters.
  let nodes: ActorRef[] = [];
  let edges: Relationship[] = [];
  let passing = 0;
  let selected: string | null = null;
  let asked = 0;

  function take(n: Neighborhood) {
    n.nodes.forEach((a) => actors.set(a.id, a));
    n.edges.forEach((r) => rels.set(relKey(r), r));
  }

  /**
   * The relationships to draw, of those passing the filters: the strongest, with up to half of them kept for the
   * centre's own (the graph is about it: busy neighbours must not hide them), and always those of the actors clicked open.
   */
  function choose() {
    const pass = [...rels.values()]
      .filter((r) => (settings.polarity === 'positive' ? r.polarity > 0 : settings.polarity === 'negative' ? r.polarity < 0 : true) && r.count >= settings.min)
      .sort((a, b) => b.count - a.count || Math.abs(b.score) - Math.abs(a.score));
    passing = pass.length;
    const own = pass.filter((r) => r.source.id === center!.id || r.target.id === center!.id).slice(0, Math.ceil(settings.show / 2));
    const picked = new Set(own);
    for (const r of pass) {
      if (picked.size >= settings.show) break;
      picked.add(r);
    }
    const opened = (r: Relationship) => (expanded.has(r.source.id) && r.source.id !== center!.id) || (expanded.has(r.target.id) && r.target.id !== center!.id);
    edges = pass.filter((r) => picked.has(r) || opened(r));
    const keep = new Set([center!.id, ...expanded, ...cy.nodes('.pinned').map((n) => n.id()), ...edges.flatMap((r) => [r.source.id, r.target.id])]);
    nodes = [...actors.values()].filter((a) => keep.has(a.id));
  }

  /** The notices above the drawing, and the canvas's own when nothing passes the filters. */
  function showLimits() {
    status.hidden = edges.length > 0;
    status.textContent = edges.length ? '' : 'No relationships for these filters.';
    const parts: (Node | string | null)[] = [];
    if (total && total.cut) {
      const more = Math.min(MAX_ACTORS, total.actors);
      parts.push(h('span', { 'data-testid': 'actors-limit' }, `${nodesFromServer} of ${total.actors} actors within ${plural(settings.depth, 'hop')}, the best connected. `),
        settings.limit < more
          ? h('button', { type: 'button', class: 'link', 'data-testid': 'more-actors', onclick: () => { settings.limit = more; changed(); } },
            more === total.actors ? `Show all ${total.actors}` : `Show ${more}`)
          : `(${MAX_ACTORS} at most: narrow the types or the period)`,
        h('span', { class: 'sep' }));
    }
    if (edges.length < passing) {
      parts.push(h('span', { 'data-testid': 'relationships-limit' }, `${edges.length} of ${passing} relationships drawn, the strongest (up to half of them ${center!.name}’s own). `),
        h('button', { type: 'button', class: 'link', 'data-testid': 'more-relationships', onclick: () => { settings.show += SHOW; refilter(); } }, `Show ${Math.min(SHOW, passing - edges.length)} more`),
        ' · ',
        h('button', { type: 'button', class: 'link', 'data-testid': 'all-relationships', onclick: () => { settings.show = Math.max(SHOW, passing); refilter(); } }, 'all'));
    }
    limits.replaceChildren(...parts.filter((p): p is Node | string => p !== null));
    limits.hidden = parts.length === 0;
  }

  const redraw = async (prefetched?: Promise<Neighborhood>, since = performance.now()) => {
    const ticket = ++asked;
    status.textContent = 'Loading…';
    status.hidden = false;
    try {
      const n = await (prefetched ?? around(center.id));
      if (signal.aborted || ticket !== asked) return;
      actors.clear();
      rels.clear();
      expanded.clear();
      expanded.add(center.id);
      take(n);
      total = n.total;
      nodesFromServer = n.nodes.length;
      choose();
      const report = await drawNeighborhood(cy, 'neighborhood', nodes, edges, center.id, since);
      canvas.dataset.nodes = String(report.nodes.length);
      showLimits();
      showOverview();
    } catch (e) {
      status.textContent = `Could not load the graph: ${(e as Error).message}`;
    }
  };
  /** Filters applied to what is already loaded: the drawing changes in place. */
  const refilter = async (around: string | null = null) => {
    describe(write(center.id, settings));
    choose();
    await updateNeighborhood(cy, nodes, edges, center.id, around);
    showLimits();
    if (selected && cy.getElementById(selected).nonempty()) showActor(selected);
    else showOverview();
  };
  const changed = () => {
    describe(write(center.id, settings));
    void redraw();
  };

  /** Adds an actor's best connected neighbours to the drawing, around it, leaving the rest where it is. */
  async function expand(id: string) {
    if (expanded.has(id)) return;
    expanded.add(id);
    cy.getElementById(id).addClass('expanded');
    status.textContent = `Adding the neighbours of ${actors.get(id)?.name ?? id}…`;
    status.hidden = false;
    try {
      const n = await neighborhood({ actor: id, depth: 1, limit: EXPAND + 1, types: settings.types, since: settings.since, until: settings.until, totals: false });
      if (signal.aborted) return;
      const before = actors.size;
      take(n);
      status.hidden = true;
      await refilter(id);
      const added = actors.size - before;
      if (selected === id) showActor(id, added);
    } catch (e) {
      status.textContent = `Could not expand: ${(e as Error).message}`;
    }
  }

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
  polaritySelect.addEventListener('change', () => {
    settings.polarity = (polaritySelect.value || null) as Polarity | null;
    void refilter();
  });
  minSelect.addEventListener('change', () => {
    settings.min = Number(minSelect.value);
    void refilter();
  });

  cy.on('tap', 'edge', (e) => {
    selected = null;
    const [source, target] = [e.target.data('source') as string, e.target.data('target') as string];
    showEdge(source, target);
  });
  // Clicking an actor shows it and opens it up in place: its neighbours join the drawing around it.
  cy.on('tap', 'node', (e) => {
    const id = e.target.id() as string;
    selected = id;
    showActor(id);
    void expand(id);
  });
  cy.on('dbltap', 'node', (e) => navigate(write(e.target.id() as string, { ...settings, since: null, until: null, show: SHOW })));
  cy.on('tap', (e) => { if (e.target === cy) { selected = null; showOverview(); } });

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

  function byId(id: string) { return actors.get(id); }

  function relRow(r: Relationship) {
    return h('li', { class: 'rel' },
      h('span', { class: 'swatch', style: `background:${polarityColour(r.polarity)}` }),
      h('a', { href: stanceUrl(r.source.id, r.target.id), 'data-link': true },
        `${r.source.name} `, h('strong', {}, typeText(r.type).toLowerCase()), ` ${r.target.name}`),
      h('span', { class: 'muted' }, ` ×${r.count}`));
  }

  const back = () => h('p', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); selected = null; cy.elements().unselect(); showOverview(); } }, '← All of the graph'));

  function showOverview() {
    side.replaceChildren(
      actorActions(center!),
      h('h2', {}, 'In this graph'),
      h('p', { class: 'muted' }, `${plural(nodes.length, 'actor')}, ${plural(edges.length, 'relationship')}${settings.since || settings.until ? `, ${formatDay(settings.since) || 'start'} – ${formatDay(settings.until) || 'now'}` : ''}. `,
        'Click an actor to add its neighbours around it, an edge for the stance and its evidence; drag an actor to pin it; double-click to centre the graph on it.'),
      h('h3', {}, `Strongest relationships of ${center!.name}`),
      h('ul', { class: 'rel-list', 'data-testid': 'strongest' }, ...edges.filter((r) => r.source.id === center!.id || r.target.id === center!.id)
        .sort((a, b) => b.count - a.count).slice(0, 12).map(relRow)),
      h('h3', {}, 'Actors'),
      h('ul', { class: 'actor-list', 'data-testid': 'graph-actors' }, ...nodes.map((n) =>
        h('li', {}, h('a', { href: write(n.id, { ...settings, since: null, until: null, show: SHOW }), 'data-link': true, style: `--kind:${KIND_COLOURS[n.kind]}`, class: 'actor-link' }, n.name)))),
      h('h3', {}, 'Download'),
      h('p', { class: 'muted downloads', 'data-testid': 'downloads' }, `${center!.name} and its relationships, with these types and period: `,
        ...EXPORTS.flatMap(([format, label], i) => [i ? ' · ' : '', h('a', { href: exportUrl(center!.id, settings, format), download: '' }, label)])),
    );
  }

  function showActor(id: string, added?: number) {
    const a = byId(id);
    if (!a) return;
    const node = cy.getElementById(id);
    const pinned = node.hasClass('pinned');
    const mine = edges.filter((e) => e.source.id === id || e.target.id === id);
    const other = id !== center!.id;
    side.replaceChildren(...[
      h('h2', {}, a.name), kindBadge(a.kind),
      a.aliases.length ? h('p', { class: 'muted' }, 'Also: ' + a.aliases.slice(0, 6).join(', ')) : null,
      added !== undefined ? h('p', { class: 'muted', 'data-testid': 'expanded' }, added ? `${plural(added, 'neighbour')} added around ${a.name}.` : `No other neighbours of ${a.name} under these filters.`) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button', 'data-testid': 'pin', 'aria-pressed': String(pinned), onclick: () => { pin(node, !pinned); showActor(id); } }, pinned ? 'Unpin' : 'Pin here'),
        other ? h('a', { class: 'button', href: write(id, { ...settings, since: null, until: null, show: SHOW }), 'data-link': true }, 'Centre graph here') : null,
        other ? h('a', { class: 'button', href: stanceUrl(center!.id, id), 'data-link': true }, `Stance of ${center!.name}`) : null,
        other ? h('a', { class: 'button', href: stanceUrl(id, center!.id), 'data-link': true }, `Stance towards ${center!.name}`) : null,
        h('a', { class: 'button', href: sidesUrl(id), 'data-link': true }, 'Supporters and opponents'),
        other ? h('a', { class: 'button', href: pathUrl(center!.id, id), 'data-link': true }, 'Path') : null),
      h('h3', {}, 'Relationships drawn here'),
      h('ul', { class: 'rel-list' }, ...mine.map(relRow)),
      back(),
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
      back(),
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


