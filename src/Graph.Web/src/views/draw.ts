import cytoscape from 'cytoscape';
import type { ActorRef, Relationship } from '../api';
import { KIND_COLOURS, polarityColour, typeText } from '../util';

/** What the browser tests and the curious can read back about the last drawing. */
export interface DrawReport { view: string; center: string | null; nodes: string[]; edges: number; drawnMs: number }

declare global {
  interface Window { __graph?: DrawReport }
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      color: '#1a202c',
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      'font-size': 11,
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
  { selector: 'node[?center]', style: { 'border-width': 4, 'border-color': '#111827', 'font-size': 13 } },
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
  { selector: 'edge:selected', style: { opacity: 1, 'line-style': 'solid', 'z-index': 10, 'overlay-opacity': 0.08 } },
  { selector: '.faded', style: { opacity: 0.15 } },
];

export function edgeId(r: Relationship): string {
  return `${r.source.id}|${r.target.id}|${r.type}`;
}

function elements(nodes: ActorRef[], edges: Relationship[], center: string | null): cytoscape.ElementDefinition[] {
  const weight = new Map<string, number>();
  for (const e of edges) {
    weight.set(e.source.id, (weight.get(e.source.id) ?? 0) + e.count);
    weight.set(e.target.id, (weight.get(e.target.id) ?? 0) + e.count);
  }
  const known = new Set(nodes.map((n) => n.id));
  return [
    ...nodes.map((n) => ({
      group: 'nodes' as const,
      data: {
        id: n.id, label: n.name, kind: n.kind, colour: KIND_COLOURS[n.kind], center: n.id === center,
        size: Math.min(56, 18 + 6 * Math.log2(1 + (weight.get(n.id) ?? 0))),
      },
    })),
    ...edges.filter((e) => known.has(e.source.id) && known.has(e.target.id)).map((e) => ({
      group: 'edges' as const,
      data: {
        id: edgeId(e), source: e.source.id, target: e.target.id, label: typeText(e.type), type: e.type,
        colour: polarityColour(e.polarity), width: Math.min(9, 1.2 + 1.6 * Math.log2(e.count)), count: e.count,
      },
    })),
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
  return cytoscape({
    container,
    style: STYLE,
    minZoom: 0.2,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
    textureOnViewport: true,
    hideEdgesOnViewport: false,
  });
}

/** Replaces the drawing; resolves once the browser has painted it, with the report of what was drawn. */
export function drawNeighborhood(cy: cytoscape.Core, view: string, nodes: ActorRef[], edges: Relationship[], center: string, startedAt: number): Promise<DrawReport> {
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
    minNodeSpacing: 28,
    startAngle: (3 / 2) * Math.PI,
    concentric: (n: cytoscape.NodeSingular) => far + 1 - (dist.get(n.id()) ?? far + 1) + n.degree(false) / 1000,
    levelWidth: () => 1,
  } as cytoscape.LayoutOptions).run();
  return painted(cy, view, center, startedAt);
}

/** Draws the given paths left to right, one row per path, sharing the actors they have in common. */
export function drawPaths(cy: cytoscape.Core, nodes: ActorRef[], edges: Relationship[], rows: string[][], startedAt: number): Promise<DrawReport> {
  const position = new Map<string, { x: number; y: number }>();
  rows.forEach((row, r) => row.forEach((id, i) => {
    if (!position.has(id)) position.set(id, { x: i * 190, y: r * 110 });
  }));
  cy.batch(() => {
    cy.elements().remove();
    cy.add(elements(nodes, edges, null));
  });
  cy.layout({ name: 'preset', positions: (n: cytoscape.NodeSingular) => position.get(n.id()) ?? { x: 0, y: 0 }, fit: true, padding: 50 } as cytoscape.LayoutOptions).run();
  return painted(cy, 'path', null, startedAt);
}

function painted(cy: cytoscape.Core, view: string, center: string | null, startedAt: number): Promise<DrawReport> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const report: DrawReport = {
        view, center, nodes: cy.nodes().map((n) => n.data('label') as string), edges: cy.edges().length,
        drawnMs: Math.round(performance.now() - startedAt),
      };
      window.__graph = report;
      cy.container()?.setAttribute('data-drawn', String(report.drawnMs));
      resolve(report);
    }));
  });
}
