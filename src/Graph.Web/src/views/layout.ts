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

export function problem(title: string, detail?: string): HTMLElement {
  return h('div', { class: 'problem', role: 'status' }, h('h2', {}, title), detail ? h('p', {}, detail) : null);
}
