import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { ActorRef, Relationship } from '../api';
import { KIND_COLOURS, polarityColour, typeText } from '../util';

/** What the browser tests and the curious can read back about the last drawing. */
export interface DrawReport {
  view: string;
  center: string | null;
  nodes: string[];
  /** Drawn edges: one per direction between two actors. */
  edges: number;
  /** Relationships (source, target, type) behind the drawn edges. */
  relationships: number;
  /** From asking the server to the first painted frame of the drawing. */
  drawnMs: number;
  /** Of which waiting for the server's answer. */
  fetchMs: number;
  /** From the start of the page load (or the navigation) to the first painted frame. */
  sinceNavigationMs: number;
}

cytoscape.use(fcose);

declare global {
  // The drawing itself is exposed for browser tests, which click on edges by their on-screen position.
  interface Window { __graph?: DrawReport; __cy?: cytoscape.Core }
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      // Only the main actors are named at first sight; the others are named on hover, when selected, or once zoomed in
      // far enough for their names to fit (min-zoomed-font-size), so labels never pile up.
      label: 'data(label)',
      'min-zoomed-font-size': 13,
      color: '#1a202c',
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      'font-size': 11,
      'font-weight': 600,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      width: 'data(size)',
      height: 'data(size)',
      'border-width': 1.5,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.major', style: { 'min-zoomed-font-size': 0, 'font-size': 'data(font)', 'z-index': 5 } },
  { selector: 'node[?center]', style: { 'border-width': 4, 'border-color': '#111827' } },
  { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#4a5568' } },
  // A pinned actor keeps its place through layouts: drawn with a double ring.
  { selector: 'node.pinned', style: { 'border-width': 5, 'border-style': 'double', 'border-color': '#1a202c' } },
  { selector: 'node.hover, node:selected, node.near', style: { 'min-zoomed-font-size': 0, 'font-size': 'data(font)', 'z-index': 30 } },
  {
    selector: 'node.hover, node:selected',
    style: { 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': '2px', 'text-outline-width': 0 },
  },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#d69e2e' } },
  {
    selector: 'edge',
    style: {
      'line-color': 'data(colour)',
      'target-arrow-color': 'data(colour)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      width: 'data(width)',
      'curve-style': 'bezier',
      opacity: 0.75,
      label: 'data(label)',
      'font-size': 9,
      color: '#4a5568',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'min-zoomed-font-size': 7,
    },
  },
  { selector: 'edge[?central]', style: { 'z-index': 2 } },
  // Busy graphs draw straight edges without labels: several times cheaper to render, and arrows still show direction.
  // The edge under the pointer, a selected one and those of the selected actor get their labels back.
  { selector: 'edge.quiet', style: { label: '', 'curve-style': 'straight', opacity: 0.45 } },
  { selector: 'edge.quiet.near', style: { opacity: 0.95, 'z-index': 15 } },
  { selector: 'edge.quiet.hover, edge.quiet:selected, edge.quiet.near', style: { label: 'data(label)', 'z-index': 20 } },
  { selector: 'edge:selected', style: { opacity: 1, 'line-style': 'solid', 'z-index': 25, 'overlay-opacity': 0.08 } },
  { selector: '.faded', style: { opacity: 0.12 } },
];

/** Above this many drawn edges, edge labels only show on the edge under the pointer, selected, or at the selected actor. */
const QUIET_ABOVE = 25;
/** How many of the best-connected actors are named without hovering. */
const NAMED = 18;

function elements(nodes: ActorRef[], edges: Relationship[], center: string | null): cytoscape.ElementDefinition[] {
  const weight = new Map<string, number>();
  for (const e of edges) {
    weight.set(e.source.id, (weight.get(e.source.id) ?? 0) + e.count);
    weight.set(e.target.id, (weight.get(e.target.id) ?? 0) + e.count);
  }
  const named = new Set([...weight.entries()].sort((a, b) => b[1] - a[1]).slice(0, NAMED).map(([id]) => id));
  // One drawn edge per direction between two actors, whatever the types: fewer curves to route and to read.
  const known = new Set(nodes.map((n) => n.id));
  const pairs = new Map<string, Relationship[]>();
  for (const e of edges) {
    if (!known.has(e.source.id) || !known.has(e.target.id)) continue;
    const key = `${e.source.id}|${e.target.id}`;
    pairs.set(key, [...(pairs.get(key) ?? []), e]);
  }
  const quiet = pairs.size > QUIET_ABOVE;
  return [
    ...nodes.map((n) => ({
      group: 'nodes' as const,
      classes: named.has(n.id) || n.id === center || nodes.length <= NAMED ? 'major' : '',
      data: {
        id: n.id, label: n.name, kind: n.kind, colour: KIND_COLOURS[n.kind], center: n.id === center,
        font: n.id === center ? 15 : 12,
        size: Math.min(56, 16 + 6 * Math.log2(1 + (weight.get(n.id) ?? 0))),
      },
    })),
    ...[...pairs.entries()].map(([key, rels]) => {
      const count = rels.reduce((sum, r) => sum + r.count, 0);
      const score = rels.reduce((sum, r) => sum + r.score * r.count, 0);
      const sorted = [...rels].sort((a, b) => b.count - a.count);
      const label = sorted.length <= 2 ? sorted.map((r) => typeText(r.type)).join(', ') : `${typeText(sorted[0].type)} +${sorted.length - 1}`;
      const [source, target] = key.split('|');
      return {
        group: 'edges' as const,
        classes: quiet ? 'quiet' : '',
        data: {
          id: key, source, target, label, count, central: source === center || target === center,
          colour: polarityColour(Math.sign(score)), width: Math.min(9, 1.2 + 1.6 * Math.log2(count)),
        },
      };
    }),
  ];
}

export function createGraph(container: HTMLElement): cytoscape.Core {
  const cy = cytoscape({
    container,
    style: STYLE,
    minZoom: 0.15,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
    textureOnViewport: true,
    hideEdgesOnViewport: false,
  });
  // Turning a phone or resizing the window keeps the whole drawing in view.
  let width = container.clientWidth;
  const observer = new ResizeObserver(() => {
    if (cy.destroyed() || Math.abs(container.clientWidth - width) < 2) return;
    width = container.clientWidth;
    cy.resize();
    cy.fit(undefined, 40);
    keepReadable(cy);
  });
  observer.observe(container);
  cy.on('destroy', () => observer.disconnect());
  cy.on('mouseover', 'edge, node', (e) => e.target.addClass('hover'));
  cy.on('mouseout', 'edge, node', (e) => e.target.removeClass('hover'));
  // The selected actor's own relationships come to the front with their labels; the rest steps back.
  cy.on('select', 'node', (e) => {
    const node = e.target as cytoscape.NodeSingular;
    cy.batch(() => {
      cy.elements().removeClass('near faded');
      node.connectedEdges().addClass('near');
      node.neighborhood('node').addClass('near');
      cy.elements().not(node.closedNeighborhood()).addClass('faded');
    });
  });
  cy.on('unselect', 'node', () => cy.elements().removeClass('near faded'));
  // An actor dragged by hand stays where it was put.
  cy.on('dragfree', 'node', (e) => pin(e.target as cytoscape.NodeSingular, true));
  return cy;
}

/** Pins or unpins an actor: a pinned actor keeps its place when the graph is laid out again. */
export function pin(node: cytoscape.NodeSingular, on: boolean): void {
  node.toggleClass('pinned', on);
  node.data('pinned', on);
}

/** Lays the graph out with fCoSE, a force-directed layout that keeps clusters apart and edges short; actors in `fixed` (pinned) stay where they are. */
function layOut(cy: cytoscape.Core, fixed: cytoscape.NodeCollection, fit: boolean): void {
  const moving = cy.nodes().length - fixed.length;
  if (moving === 0) return;
  const n = cy.nodes().length;
  // fCoSE starts from random positions: seeding them from the actors drawn makes a shared URL show the same picture.
  const random = Math.random;
  Math.random = seeded(cy.nodes().map((node) => node.id()).join('|'));
  try {
    runFcose(cy, fixed, fit, n);
  } finally {
    Math.random = random;
  }
}

/** A small deterministic generator (mulberry32) seeded by a string's hash. */
function seeded(text: string): () => number {
  let a = 0;
  for (let i = 0; i < text.length; i++) a = (Math.imul(a, 31) + text.charCodeAt(i)) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function runFcose(cy: cytoscape.Core, fixed: cytoscape.NodeCollection, fit: boolean, n: number): void {
  cy.layout({
    name: 'fcose',
    quality: 'proof',
    randomize: fixed.length === 0,
    animate: false,
    fit,
    padding: 40,
    nodeDimensionsIncludeLabels: false,
    uniformNodeDimensions: false,
    packComponents: false,
    nodeSeparation: 90,
    // Strong links pull their actors close, weak ones leave room: clusters of allies and enemies read as groups.
    idealEdgeLength: (edge: cytoscape.EdgeSingular) => Math.max(70, 170 - 20 * Math.log2(edge.data('count') as number)),
    edgeElasticity: 0.3,
    nodeRepulsion: () => (n > 60 ? 18000 : 9000),
    gravity: 0.2,
    gravityRange: 3.0,
    numIter: 2500,
    fixedNodeConstraint: fixed.map((node) => ({ nodeId: node.id(), position: { ...node.position() } })),
  } as cytoscape.LayoutOptions).run();
}

/** Replaces the drawing; resolves once the browser has painted it, with the report of what was drawn. Pinned actors keep their places. */
export function drawNeighborhood(cy: cytoscape.Core, view: string, nodes: ActorRef[], edges: Relationship[], center: string, startedAt: number): Promise<DrawReport> {
  fetchedAt = performance.now();
  const pinned = new Map(cy.nodes('.pinned').map((n) => [n.id(), { ...n.position() }]));
  cy.batch(() => {
    cy.elements().remove();
    cy.add(elements(nodes, edges, center));
    for (const [id, position] of pinned) {
      const n = cy.getElementById(id);
      if (n.nonempty()) { n.position(position); pin(n, true); }
    }
  });
  layOut(cy, cy.nodes('.pinned'), true);
  keepReadable(cy);
  return painted(cy, view, center, startedAt, edges.length);
}

/**
 * Brings the drawing to the given actors and relationships without moving what is already drawn: actors no longer in
 * them go, new ones are placed near the actor they came with (`around`) and laid out around the others, which stay put.
 */
export function updateNeighborhood(cy: cytoscape.Core, nodes: ActorRef[], edges: Relationship[], center: string, around: string | null): Promise<DrawReport> {
  const startedAt = performance.now();
  fetchedAt = startedAt;
  const wanted = elements(nodes, edges, center);
  const ids = new Set(wanted.map((e) => e.data.id as string));
  cy.batch(() => {
    cy.elements().filter((e) => !ids.has(e.id())).remove();
    const fresh: cytoscape.ElementDefinition[] = [];
    for (const w of wanted) {
      const existing = cy.getElementById(w.data.id as string);
      if (existing.empty()) {
        if (w.group === 'nodes') fresh.push(w);
        continue;
      }
      existing.data(w.data);
      existing.classes([w.classes ?? '', existing.hasClass('pinned') ? 'pinned' : '', existing.hasClass('expanded') ? 'expanded' : ''].join(' '));
    }
    const anchor = around && cy.getElementById(around).nonempty() ? cy.getElementById(around) : cy.getElementById(center);
    placeAround(cy, anchor.nonempty() ? anchor.position() : { x: 0, y: 0 }, fresh);
    cy.add([...fresh, ...wanted.filter((w) => w.group === 'edges' && cy.getElementById(w.data.id as string).empty())]);
  });
  // The selected actor's relationships, new ones included, stay to the front.
  cy.nodes(':selected').emit('select');
  // A filter that changed the drawing brings all of it into view; opening an actor leaves the view as the user set it.
  if (!around) {
    cy.fit(undefined, 40);
    keepReadable(cy);
  }
  return painted(cy, 'neighborhood', center, startedAt, edges.length);
}

/**
 * Places new actors on an arc around the actor they came with, facing away from the rest of the drawing and clear of
 * the actors already there: the user sees them come out of the actor clicked, and nothing else moves.
 */
function placeAround(cy: cytoscape.Core, at: cytoscape.Position, fresh: cytoscape.ElementDefinition[]): void {
  if (!fresh.length) return;
  const others = cy.nodes().map((n) => ({ ...n.position() }));
  const centroid = others.length
    ? { x: others.reduce((s, p) => s + p.x, 0) / others.length, y: others.reduce((s, p) => s + p.y, 0) / others.length }
    : { x: at.x - 1, y: at.y };
  const facing = Math.atan2(at.y - centroid.y, at.x - centroid.x) || 0;
  const step = Math.min(0.55, (2 * Math.PI) / fresh.length);
  const clear = (p: cytoscape.Position) => others.every((o) => Math.hypot(o.x - p.x, o.y - p.y) > 45);
  fresh.forEach((w, i) => {
    const angle = facing + (i - (fresh.length - 1) / 2) * step;
    let radius = 110 + 6 * fresh.length;
    let p = { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) };
    for (let tries = 0; tries < 8 && !clear(p); tries++) {
      radius += 40;
      p = { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) };
    }
    w.position = p;
    others.push(p);
  });
}

/** Lays the whole graph out again, keeping pinned actors where they are. */
export function relayout(cy: cytoscape.Core): void {
  layOut(cy, cy.nodes('.pinned'), true);
  keepReadable(cy);
}

/** Draws the given paths left to right, one row per path, sharing the actors they have in common. */
export function drawPaths(cy: cytoscape.Core, nodes: ActorRef[], edges: Relationship[], rows: string[][], startedAt: number): Promise<DrawReport> {
  fetchedAt = performance.now();
  const position = new Map<string, { x: number; y: number }>();
  rows.forEach((row, r) => row.forEach((id, i) => {
    if (!position.has(id)) position.set(id, { x: i * 190, y: r * 110 });
  }));
  cy.batch(() => {
    cy.elements().remove();
    cy.add(elements(nodes, edges, null));
  });
  cy.layout({ name: 'preset', positions: (n: cytoscape.NodeSingular) => position.get(n.id()) ?? { x: 0, y: 0 }, fit: true, padding: 50 } as cytoscape.LayoutOptions).run();
  keepReadable(cy);
  return painted(cy, 'path', null, startedAt, edges.length);
}

/** Small graphs would otherwise be blown up to fill the canvas. */
function keepReadable(cy: cytoscape.Core): void {
  if (cy.zoom() > 1.6) {
    cy.zoom(1.6);
    cy.center();
  }
}

let navigationStart = 0;
let fetchedAt = 0;

/** Marks the start of an in-page navigation, so drawings after a click are timed from the click. */
export function navigationStarted(): void {
  navigationStart = performance.now();
}

function painted(cy: cytoscape.Core, view: string, center: string | null, startedAt: number, relationships: number): Promise<DrawReport> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const report: DrawReport = {
        view, center, nodes: cy.nodes().map((n) => n.data('label') as string), edges: cy.edges().length, relationships,
        drawnMs: Math.round(performance.now() - startedAt),
        fetchMs: Math.round(fetchedAt - startedAt),
        sinceNavigationMs: Math.round(performance.now() - navigationStart),
      };
      window.__cy = cy;
      window.__graph = report;
      cy.container()?.setAttribute('data-drawn', String(report.drawnMs));
      resolve(report);
    }));
  });
}
