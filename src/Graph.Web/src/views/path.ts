import { paths, type ActorRef, type Relationship } from '../api';
import { navigate } from '../router';
import { actorPicker } from '../search';
import { h, pathUrl, polarityColour, stanceUrl, typeText } from '../util';
import { createGraph, drawPaths } from './draw';
import { main, problem } from './layout';

/** The longest path the API searches (PathSearch.maxHopsAllowed). */
const MAX_HOPS = 6;

export async function pathView([from, to]: string[], query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const root = main('path');
  // The API says how far it searches (maxHopsAllowed); until it has answered, offer what it allowed when this was written.
  const maxHops = Math.min(MAX_HOPS, Math.max(1, Number(query.get('maxHops')) || 3));
  const first = Math.min(200, Math.max(1, Number(query.get('first')) || 10));
  let pickedFrom = from;
  let pickedTo = to;
  const go = (hops = maxHops, many = 10) => {
    const q = new URLSearchParams();
    if (hops !== 3) q.set('maxHops', String(hops));
    if (many !== 10) q.set('first', String(many));
    navigate(pathUrl(pickedFrom, pickedTo) + (q.size ? `?${q}` : ''));
  };
  const hopsSelect = h('select', { 'aria-label': 'Longest path', 'data-testid': 'max-hops' },
    ...Array.from({ length: MAX_HOPS }, (_, i) => i + 1).map((n) => h('option', { value: n, selected: n === maxHops }, `≤ ${n} hop${n > 1 ? 's' : ''}`)));
  hopsSelect.addEventListener('change', () => go(Number(hopsSelect.value)));

  root.append(h('div', { class: 'pair-form' },
    h('span', { class: 'control-label' }, 'Path from'),
    actorPicker({ label: 'From actor', placeholder: 'Actor', value: from, testId: 'path-from', onPick: (a) => { pickedFrom = a.id; go(); } }),
    h('span', { class: 'control-label' }, 'to'),
    actorPicker({ label: 'To actor', placeholder: 'Actor', value: to, testId: 'path-to', onPick: (a) => { pickedTo = a.id; go(); } }),
    hopsSelect));

  const startedAt = performance.now();
  let search;
  try {
    search = await paths(from, to, maxHops, first);
  } catch (e) {
    root.append(problem('Could not find the path.', (e as Error).message));
    return;
  }
  if (signal.aborted) return;
  const found = search.paths;
  if (!found.length) {
    root.append(problem(`No chain of at most ${maxHops} relationships links ${from} and ${to}.`,
      maxHops < search.maxHopsAllowed ? 'Allow more hops, or pick other actors.' : `${search.maxHopsAllowed} hops is as far as the search goes: pick other actors.`));
    return;
  }
  const shortest = found[0];
  document.title = `${shortest.nodes[0].name} ⋯ ${shortest.nodes[shortest.nodes.length - 1].name} · Graph`;
  root.querySelectorAll<HTMLInputElement>('.picker-input').forEach((input, i) => (input.value = i === 0 ? shortest.nodes[0].name : shortest.nodes[shortest.nodes.length - 1].name));
  pickedFrom = shortest.nodes[0].id;
  pickedTo = shortest.nodes[shortest.nodes.length - 1].id;

  const nodes = new Map<string, ActorRef>();
  const edges = new Map<string, Relationship>();
  for (const p of found) {
    p.nodes.forEach((n) => nodes.set(n.id, n));
    p.edges.forEach((e) => edges.set(`${e.source.id}|${e.target.id}|${e.type}`, e));
  }
  const canvas = h('div', { class: 'canvas path-canvas', id: 'graph', role: 'img', 'aria-label': 'The path drawn' });
  root.append(
    h('div', { class: 'workspace' },
      h('div', { class: 'canvas-wrap' }, canvas),
      h('aside', { class: 'side' },
        h('h2', {}, `${search.truncated ? `${found.length} of ${search.totalCount}` : found.length} shortest path${search.totalCount > 1 ? 's' : ''}, ${shortest.length} hop${shortest.length > 1 ? 's' : ''}`),
        search.truncated
          ? h('p', { class: 'limits', 'data-testid': 'paths-limit' }, `${found.length} of ${search.totalCount} shown. `,
            h('button', { type: 'button', class: 'link', onclick: () => go(maxHops, Math.min(200, search.totalCount)) }, search.totalCount <= 200 ? `Show all ${search.totalCount}` : 'Show 200'))
          : null,
        h('ol', { class: 'path-list', 'data-testid': 'paths' }, ...found.map((p) => h('li', {}, ...p.nodes.flatMap((n, i) => {
          const parts: (Node | string)[] = [h('strong', {}, n.name)];
          const e = p.edges[i];
          if (e) {
            const forward = e.source.id === n.id;
            parts.push(' ', h('a', { href: stanceUrl(e.source.id, e.target.id), 'data-link': true, class: 'hop', style: `color:${polarityColour(e.polarity)}` },
              forward ? `—${typeText(e.type).toLowerCase()}→` : `←${typeText(e.type).toLowerCase()}—`), ' ');
          }
          return parts;
        })))))));

  const cy = createGraph(canvas);
  signal.addEventListener('abort', () => cy.destroy());
  cy.on('tap', 'edge', (e) => navigate(stanceUrl(e.target.data('source') as string, e.target.data('target') as string)));
  cy.on('tap', 'node', (e) => navigate(`/actor/${encodeURIComponent(e.target.id() as string)}`));
  await drawPaths(cy, [...nodes.values()], [...edges.values()], found.map((p) => p.nodes.map((n) => n.id)), startedAt);
}
