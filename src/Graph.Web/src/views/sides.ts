import { sides, type SideStance } from '../api';
import { navigate } from '../router';
import { actorPicker } from '../search';
import { formatDay, h, isoDay, LABEL_COLOURS, labelText, percent, restsOn, sidesUrl, signed, stanceUrl, withQuery } from '../util';
import { main, problem, viewedActor } from './layout';

const MIN_EVIDENCE = [1, 2, 3, 5, 10];

/** Who supports and who opposes an actor, the surest first: one sentence does not outrank forty. */
export async function sidesView([key]: string[], query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const root = main('sides');
  const min = Math.min(100, Math.max(1, Number(query.get('min')) || 2));
  const first = Math.min(100, Math.max(5, Number(query.get('first')) || 15));
  const since = isoDay(query.get('since'));
  const until = isoDay(query.get('until'));
  const url = (id: string, change: Record<string, string | null> = {}) => withQuery(sidesUrl(id), query, change);

  const center = await viewedActor(key, root, signal);
  if (!center) return;
  const id = center.id;
  document.title = `Who supports or opposes ${center.name} · Graph`;
  const minSelect = h('select', { 'data-testid': 'sides-min', 'aria-label': 'Minimum evidence' },
    ...[...new Set([...MIN_EVIDENCE, min])].sort((a, b) => a - b).map((m) => h('option', { value: m, selected: m === min }, m === 1 ? 'any' : `≥ ${m} sentences`)));
  minSelect.addEventListener('change', () => navigate(url(id, { min: minSelect.value })));
  const sinceInput = h('input', { type: 'date', value: since ?? '', 'aria-label': 'Since' });
  const untilInput = h('input', { type: 'date', value: until ?? '', 'aria-label': 'Until' });
  for (const input of [sinceInput, untilInput]) {
    input.addEventListener('change', () => navigate(url(id, { since: isoDay(sinceInput.value), until: isoDay(untilInput.value) })));
  }
  root.append(
    h('div', { class: 'pair-form' },
      h('span', { class: 'control-label' }, 'Who supports or opposes'),
      actorPicker({ label: 'Actor', placeholder: 'Actor', value: center.name, testId: 'sides-actor', onPick: (a) => navigate(url(a.id)) })),
    h('div', { class: 'controls stance-filters' },
      h('label', { class: 'inline' }, h('span', { class: 'control-label' }, 'Evidence'), minSelect),
      h('label', { class: 'inline' }, h('span', { class: 'control-label' }, 'Since'), sinceInput),
      h('label', { class: 'inline' }, h('span', { class: 'control-label' }, 'Until'), untilInput),
      h('a', { href: `/actor/${encodeURIComponent(id)}`, 'data-link': true }, `Graph around ${center.name}`)),
    h('p', { class: 'muted' }, 'Ranked by how surely each stands where it does: the end of its range nearest neutral. An actor that one sentence calls an ally ranks below one that forty sentences call a supporter.'));

  let found;
  try {
    found = await sides(id, min, since, until, first);
  } catch (e) {
    root.append(problem('Could not load the supporters and opponents.', (e as Error).message));
    return;
  }
  if (signal.aborted) return;
  const column = (title: string, testId: string, list: SideStance[], none: string) => h('section', { class: 'card' },
    h('h2', {}, title),
    list.length
      ? h('ol', { class: 'side-list', 'data-testid': testId }, ...list.map((s) => row(s, id)))
      : h('p', { class: 'muted' }, none),
    list.length === first ? h('p', {}, h('a', { href: url(id, { first: String(first * 2) }), 'data-link': true, class: 'link' }, `Show up to ${first * 2}`)) : null);
  root.append(h('div', { class: 'sides-grid' },
    column(`Supporters of ${center.name}`, 'supporters', found.supporters, `No actor with at least ${min} sentence${min === 1 ? '' : 's'} stands with ${center.name}.`),
    column(`Opponents of ${center.name}`, 'opponents', found.opponents, `No actor with at least ${min} sentence${min === 1 ? '' : 's'} stands against ${center.name}.`)));
}

function row(s: SideStance, to: string): HTMLElement {
  const at = (v: number) => ((v + 1) / 2) * 100;
  const colour = LABEL_COLOURS[s.label];
  return h('li', {},
    h('a', { href: stanceUrl(s.from.id, to), 'data-link': true }, h('strong', {}, s.from.name)),
    h('span', { style: `color:${colour}`, title: `from ${signed(s.low)} to ${signed(s.high)}` }, `${labelText(s.label)} ${signed(s.score)}`),
    h('span', { class: 'muted rests' }, `${restsOn(s)} · ${percent(s.certainty)} sure${s.lastSeen ? ' · last ' + formatDay(s.lastSeen) : ''}`),
    h('span', {}),
    h('span', { class: 'range-bar', 'aria-hidden': 'true' },
      h('b', { style: `left:${at(s.low)}%;width:${Math.max(0.5, at(s.high) - at(s.low))}%;background:${colour}` }),
      h('i', { style: `left:${at(s.score)}%` })));
}
