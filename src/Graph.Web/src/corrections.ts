// Corrections: an analyst retracts a wrong reading, merges, splits or renames actors, and undoes any of it. Mutations
// need an API key, kept in this browser (localStorage) once typed. Views only call evidenceActions and actorActions.
import { gql, type ActorRef, type Evidence } from './api';
import { dispatch } from './router';
import { formatDay, h } from './util';
import { main } from './views/layout';

const KEY = 'graph.apiKey';

export interface Correction {
  id: string;
  kind: 'RETRACT' | 'MERGE' | 'SPLIT' | 'RENAME';
  detail: string;
  reason: string;
  by: string;
  at: string;
  active: boolean;
  undoneAt: string | null;
  undoneBy: string | null;
}

const FIELDS = 'id kind detail reason by at active undoneAt undoneBy';

function mutate(query: string, variables: Record<string, unknown>): Promise<Record<string, Correction>> {
  return gql<Record<string, Correction>>(query, variables, { 'X-Api-Key': localStorage.getItem(KEY) ?? '' });
}

export async function corrections(): Promise<Correction[]> {
  return (await gql<{ corrections: Correction[] }>(`{ corrections(first: 100) { ${FIELDS} } }`)).corrections;
}

/** The API key field: mutations are refused without the key the server was given. */
export function keyField(): HTMLElement {
  const input = h('input', {
    type: 'password', autocomplete: 'off', placeholder: 'API key', 'aria-label': 'API key', 'data-testid': 'api-key',
    value: localStorage.getItem(KEY) ?? '',
    onchange: (e: Event) => localStorage.setItem(KEY, (e.target as HTMLInputElement).value.trim()),
  });
  return h('label', { class: 'api-key' }, 'API key (kept in this browser) ', input);
}

/**
 * A button that opens a small form (the fields given, and always a reason); submitting runs the correction and
 * draws the current view again, so what changed shows at once.
 */
function action(label: string, testId: string, fields: HTMLElement[], run: (reason: string) => Promise<unknown>): HTMLElement {
  const reason = h('input', { type: 'text', placeholder: 'Why?', required: true, 'aria-label': 'Reason', 'data-testid': 'correction-reason' });
  const status = h('span', { class: 'muted', role: 'status' });
  // Asked for where it is needed, until this browser has one.
  const form = h('form', { class: 'correction-form', hidden: true },
    localStorage.getItem(KEY) ? null : keyField(),
    ...fields, reason,
    h('button', { type: 'submit', class: 'button primary', 'data-testid': 'correction-submit' }, label),
    h('button', { type: 'button', class: 'button', onclick: () => { form.hidden = true; } }, 'Cancel'),
    status);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    status.textContent = 'Saving…';
    run(reason.value.trim()).then(
      () => void dispatch(),
      (err: Error) => { status.textContent = err.message; status.classList.add('error'); });
  });
  const open = h('button', { type: 'button', class: 'button small', 'data-testid': testId, onclick: () => { form.hidden = !form.hidden; } }, label);
  return h('span', { class: 'correction' }, open, form);
}

/** Under a piece of evidence: mark it a wrong reading. */
export function evidenceActions(e: Evidence): HTMLElement {
  return h('div', { class: 'correction-actions' },
    action('Wrong reading', 'retract', [], (reason) => mutate(
      `mutation Retract($articleId: ID!, $evidenceId: ID!, $reason: String!) { retractEvidence(articleId: $articleId, evidenceId: $evidenceId, reason: $reason) { id } }`,
      { articleId: e.article.id, evidenceId: e.id, reason })));
}

/** Beside an actor: rename it, merge it into another, split an alias off it. */
export function actorActions(a: ActorRef): HTMLElement {
  const name = h('input', { type: 'text', value: a.name, 'aria-label': 'New name', 'data-testid': 'rename-name' });
  const into = h('input', { type: 'text', placeholder: 'Actor to merge into', 'aria-label': 'Merge into', 'data-testid': 'merge-into' });
  const alias = h('select', { 'aria-label': 'Alias', 'data-testid': 'split-alias' }, ...a.aliases.map((x) => h('option', { value: x }, x)));
  return h('div', { class: 'correction-actions', 'data-testid': 'actor-corrections' },
    h('span', { class: 'muted' }, 'Correct: '),
    action('Rename', 'rename', [name], (reason) => mutate(
      `mutation Rename($actor: String!, $name: String!, $reason: String!) { renameActor(actor: $actor, name: $name, reason: $reason) { id } }`,
      { actor: a.id, name: name.value, reason })),
    action('Merge into…', 'merge', [into], (reason) => mutate(
      `mutation Merge($actor: String!, $into: String!, $reason: String!) { mergeActors(actor: $actor, into: $into, reason: $reason) { id } }`,
      { actor: a.id, into: into.value, reason })),
    a.aliases.length ? action('Split alias…', 'split', [alias], (reason) => mutate(
      `mutation Split($actor: String!, $alias: String!, $reason: String!) { splitAlias(actor: $actor, alias: $alias, reason: $reason) { id } }`,
      { actor: a.id, alias: alias.value, reason })) : null);
}

const KIND_TEXT: Record<Correction['kind'], string> = { RETRACT: 'Retracted', MERGE: 'Merged', SPLIT: 'Split', RENAME: 'Renamed' };

/** /corrections: every correction, newest first; those in force can be undone. */
export async function correctionsView(_params: string[], _query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const list = await corrections();
  if (signal.aborted) return;
  const root = main('corrections');
  document.title = 'Corrections · Graph';
  const status = h('p', { class: 'muted', role: 'status' });
  root.append(h('section', { class: 'card' },
    h('h1', {}, 'Corrections'),
    h('p', { class: 'muted' }, 'What analysts corrected in the extraction. Each applies to every query and export, and survives re-ingestion, until it is undone.'),
    keyField(),
    status,
    list.length === 0
      ? h('p', { 'data-testid': 'no-corrections' }, 'No corrections yet: use “Wrong reading” under a piece of evidence, or the actor buttons in the graph view.')
      : h('ol', { class: 'corrections-list', 'data-testid': 'corrections' }, ...list.map((c) =>
        h('li', { class: c.active ? 'correction-item' : 'correction-item undone', 'data-kind': c.kind },
          h('div', {}, h('strong', {}, KIND_TEXT[c.kind]), ' ', c.detail),
          h('div', { class: 'muted' }, `“${c.reason}” · ${c.by} · ${formatDay(c.at)}`,
            c.active ? null : ` · undone by ${c.undoneBy ?? '?'} ${formatDay(c.undoneAt)}`),
          c.active ? h('button', {
            type: 'button', class: 'button small', 'data-testid': 'undo',
            onclick: () => {
              status.textContent = 'Undoing…';
              mutate(`mutation Undo($id: ID!) { undoCorrection(id: $id) { id } }`, { id: c.id }).then(
                () => void dispatch(),
                (err: Error) => { status.textContent = err.message; });
            },
          }, 'Undo') : null)))));
}
