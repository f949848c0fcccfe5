import cytoscape from 'cytoscape';
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

declare global {
  // The drawing itself is exposed for browser tests, which click on edges by their on-screen position.
  interface Window { __graph?: DrawReport; __cy?: cytoscape.Core }
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      color: '#1a202c',
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      'font-size': 'data(font)',
      'font-weight': 600,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      width: 'data(size)',
      height: 'data(size)',
      'border-width': 1.5,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node[?center]', style: { 'border-width': 4, 'border-color': '#111827' } },
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
      opacity: 0.8,
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
  // Busy graphs draw straight edges: several times cheaper to render than curves, and arrows still show direction.
  { selector: 'edge.quiet', style: { label: '', 'curve-style': 'straight' } },
  { selector: 'edge.quiet.hover, edge.quiet:selected', style: { label: 'data(label)', 'z-index': 20 } },
  { selector: 'edge:selected', style: { opacity: 1, 'line-style': 'solid', 'z-index': 10, 'overlay-opacity': 0.08 } },
  { selector: '.faded', style: { opacity: 0.15 } },
];

/** Above this many drawn edges, edge labels only show on the edge under the pointer or selected. */
const QUIET_ABOVE = 60;

function elements(nodes: ActorRef[], edges: Relationship[], center: string | null): cytoscape.ElementDefinition[] {
  const weight = new Map<string, number>();
  for (const e of edges) {
    weight.set(e.source.id, (weight.get(e.source.id) ?? 0) + e.count);
    weight.set(e.target.id, (weight.get(e.target.id) ?? 0) + e.count);
  }
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
      data: {
        id: n.id, label: n.name, kind: n.kind, colour: KIND_COLOURS[n.kind], center: n.id === center,
        // Busy graphs are drawn zoomed out: bigger type keeps the names legible.
        font: nodes.length > 25 ? 17 : 11,
        size: Math.min(56, 18 + 6 * Math.log2(1 + (weight.get(n.id) ?? 0))),
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

/** Rings around the centre, one per hop, so the ego network reads at a glance. */
function hops(center: string, edges: Relationship[]): Map<string, number> {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    next.set(e.source.id, [...(next.get(e.source.id) ?? []), e.target.id]);
    next.set(e.target.id, [...(next.get(e.target.id) ?? []), e.source.id]);
  }
  const dist = new Map([[center, 0]]);
  const queue = [center];
  while (queue.length) {
    const at = queue.shift()!;
    for (const n of next.get(at) ?? []) {
      if (!dist.has(n)) { dist.set(n, dist.get(at)! + 1); queue.push(n); }
    }
  }
  return dist;
}

export function createGraph(container: HTMLElement): cytoscape.Core {
  const cy = cytoscape({
    container,
    style: STYLE,
    minZoom: 0.2,
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
  cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
  cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));
  return cy;
}

/** Replaces the drawing; resolves once the browser has painted it, with the report of what was drawn. */
export function drawNeighborhood(cy: cytoscape.Core, view: string, nodes: ActorRef[], edges: Relationship[], center: string, startedAt: number): Promise<DrawReport> {
  fetchedAt = performance.now();
  const dist = hops(center, edges);
  cy.batch(() => {
    cy.elements().remove();
    cy.add(elements(nodes, edges, center));
  });
  const far = Math.max(1, ...dist.values());
  cy.layout({
    name: 'concentric',
    animate: false,
    fit: true,
    padding: 40,
    minNodeSpacing: 40,
    startAngle: (3 / 2) * Math.PI,
    concentric: (n: cytoscape.NodeSingular) => far + 1 - (dist.get(n.id()) ?? far + 1) + n.degree(false) / 1000,
    levelWidth: () => 1,
  } as cytoscape.LayoutOptions).run();
  keepReadable(cy);
  return painted(cy, view, center, startedAt, edges.length);
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
