import { actor, type ActorRef } from '../api';
import { h } from '../util';

/** Empties the page body for a view and marks which view it is (for styling and tests). */
export function main(view: string): HTMLElement {
  const root = document.getElementById('main')!;
  root.className = `view-${view}`;
  root.dataset.view = view;
  root.replaceChildren();
  document.querySelectorAll('.nav a').forEach((a) => a.toggleAttribute('aria-current', a.getAttribute('data-nav') === view));
  return root;
}

/** The actor a view is about, by id or name; null (with the problem shown) when the server fails or knows no such actor. */
export async function viewedActor(key: string, root: HTMLElement, signal: AbortSignal): Promise<ActorRef | null> {
  let found;
  try {
    found = await actor(key);
  } catch (e) {
    root.append(problem('The graph server did not answer.', (e as Error).message));
    return null;
  }
  if (signal.aborted) return null;
  if (!found) root.append(problem(`No actor called “${key}” in the graph.`, 'Try the search box above.'));
  return found;
}

export function problem(title: string, detail?: string): HTMLElement {
  return h('div', { class: 'problem', role: 'status' }, h('h2', {}, title), detail ? h('p', {}, detail) : null);
}
