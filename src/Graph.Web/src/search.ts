import { searchActors, type ActorRef } from './api';
import { debounce, h, KIND_COLOURS, KIND_NAMES } from './util';

let pickers = 0;

/** A text box that suggests actors by name or alias as the user types. */
export function actorPicker(options: { label: string; placeholder: string; value?: string; onPick: (a: ActorRef) => void; testId?: string }): HTMLElement {
  const id = `picker-${++pickers}`;
  const input = h('input', {
    type: 'search', id, class: 'picker-input', placeholder: options.placeholder, autocomplete: 'off', spellcheck: 'false',
    role: 'combobox', 'aria-expanded': 'false', 'aria-controls': `${id}-list`, 'aria-autocomplete': 'list', 'data-testid': options.testId,
  });
  input.value = options.value ?? '';
  const list = h('ul', { id: `${id}-list`, class: 'suggestions', role: 'listbox', hidden: true });
  let items: ActorRef[] = [];
  let active = -1;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const pick = (a: ActorRef) => {
    input.value = a.name;
    close();
    options.onPick(a);
  };
  const highlight = (i: number) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
  };
  const show = (query: string, found: ActorRef[], total: number) => {
    items = found;
    list.replaceChildren(...found.map((a, i) => {
      const q = query.toLowerCase();
      const alias = a.name.toLowerCase().includes(q) ? null : a.aliases.find((x) => x.toLowerCase().includes(q));
      return h('li', { role: 'option', 'aria-selected': 'false', 'data-actor': a.id, onmousedown: (e: Event) => { e.preventDefault(); pick(a); }, onmouseenter: () => highlight(i) },
        h('span', { class: 'dot', style: `background:${KIND_COLOURS[a.kind]}` }),
        h('span', { class: 'name' }, a.name),
        alias ? h('span', { class: 'alias' }, `“${alias}”`) : null,
        h('span', { class: 'kind-name' }, KIND_NAMES[a.kind]));
    }));
    if (!found.length) list.append(h('li', { class: 'empty' }, `No actor matches “${query}”`));
    else if (total > found.length) list.append(h('li', { class: 'more-matches', role: 'presentation', 'data-testid': 'more-matches' }, `${found.length} of ${total} matches: type more to narrow them`));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = found.length ? 0 : -1;
    highlight(active);
  };
  const suggest = debounce(async () => {
    const query = input.value.trim();
    if (!query) return close();
    const ticket = ++asked;
    try {
      const found = await searchActors(query);
      if (ticket === asked && input.value.trim() === query) show(query, found.items, found.total);
    } catch {
      close();
    }
  }, 120);

  input.addEventListener('input', suggest);
  input.addEventListener('blur', () => window.setTimeout(close, 100));
  input.addEventListener('keydown', async (e) => {
    if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); highlight((active + 1) % items.length); }
    else if (e.key === 'ArrowUp' && items.length) { e.preventDefault(); highlight((active - 1 + items.length) % items.length); }
    else if (e.key === 'Escape') close();
    else if (e.key === 'Enter') {
      e.preventDefault();
      if (!list.hidden && items[active]) return pick(items[active]);
      const query = input.value.trim();
      if (!query) return;
      const found = await searchActors(query, 1);
      if (found.items[0]) pick(found.items[0]);
    }
  });

  return h('div', { class: 'picker' }, h('label', { for: id, class: 'visually-hidden' }, options.label), input, list);
}
