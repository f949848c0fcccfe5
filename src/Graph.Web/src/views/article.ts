import { article, articles, type Evidence } from '../api';
import { describe } from '../router';
import { actorLink, articleUrl, debounce, findMentions, formatDay, h, markMentions, polarityColour, typeText } from '../util';
import { main, problem } from './layout';

export async function articleView([id]: string[], _query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const root = main('article');
  let a;
  try {
    a = await article(id);
  } catch (e) {
    root.append(problem('Could not load the article.', (e as Error).message));
    return;
  }
  if (signal.aborted) return;
  if (!a) {
    root.append(problem(`No article “${id}”.`, 'It may not have been ingested yet.'));
    return;
  }
  document.title = `${a.title ?? a.id} · Graph`;
  const text = a.text ?? '';
  const body = h('div', { class: 'article-text', 'data-testid': 'article-text' });
  body.append(markedText(text, a.evidence, a.actors));

  const byRelation = new Map<string, Evidence[]>();
  for (const e of a.evidence) {
    const key = `${e.source.id}|${e.type}|${e.target.id}`;
    byRelation.set(key, [...(byRelation.get(key) ?? []), e]);
  }

  root.append(h('div', { class: 'article-grid' },
    h('article', { class: 'card reader' },
      h('h1', {}, a.title ?? a.id),
      h('p', { class: 'byline' },
        [a.source, formatDay(a.publishedAt)].filter(Boolean).join(' · '),
        a.url ? h('span', {}, ' · ', h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')) : null),
      body),
    h('aside', { class: 'side' },
      h('h2', {}, 'Actors'),
      h('div', { class: 'chips' }, ...a.actors.map(actorLink)),
      h('h2', {}, 'Relationships'),
      h('ul', { class: 'rel-list', 'data-testid': 'article-relationships' }, ...[...byRelation.values()].map((list) => {
        const e = list[0];
        return h('li', { class: 'rel' },
          h('span', { class: 'swatch', style: `background:${polarityColour(e.polarity)}` }),
          h('a', { href: articleUrl(a.id, e.id), onclick: (ev: Event) => { ev.preventDefault(); focusEvidence(e.id); } },
            `${e.source.name} `, h('strong', {}, typeText(e.type).toLowerCase()), ` ${e.target.name}`),
          list.length > 1 ? h('span', { class: 'muted' }, ` ×${list.length}`) : null);
      })))));

  if (location.hash.startsWith('#ev-')) focusEvidence(decodeURIComponent(location.hash.slice(4)));
}

function focusEvidence(id: string) {
  const el = document.getElementById(`ev-${id}`);
  if (!el) return;
  describe(`${location.pathname}#ev-${encodeURIComponent(id)}`);
  document.querySelectorAll('.evidence-mark.focus').forEach((m) => m.classList.remove('focus'));
  el.classList.add('focus');
  el.scrollIntoView({ block: 'center' });
}

/** The article text with each evidence sentence marked (by its offsets) and the actors' names highlighted. */
function markedText(text: string, evidence: Evidence[], actors: Parameters<typeof findMentions>[1]): DocumentFragment {
  const spans = new Map<string, Evidence[]>();
  for (const e of evidence) {
    if (e.start < 0 || e.end > text.length || e.end <= e.start) continue;
    const key = `${e.start}:${e.end}`;
    spans.set(key, [...(spans.get(key) ?? []), e]);
  }
  const ordered = [...spans.values()].sort((x, y) => x[0].start - y[0].start);
  const out = document.createDocumentFragment();
  let at = 0;
  const plain = (from: number, to: number) => {
    const part = text.slice(from, to);
    out.append(markMentions(part, findMentions(part, actors)));
  };
  for (const group of ordered) {
    const { start, end } = group[0];
    if (start < at) continue;
    plain(at, start);
    const sentence = text.slice(start, end);
    const polarity = Math.sign(group.reduce((sum, e) => sum + e.polarity, 0));
    const mark = h('span', {
      class: 'evidence-mark', id: `ev-${group[0].id}`, style: `--pol:${polarityColour(polarity)}`, tabindex: 0,
      title: group.map((e) => `${e.source.name} ${typeText(e.type).toLowerCase()} ${e.target.name}`).join('\n'),
    });
    for (const e of group.slice(1)) mark.append(h('a', { id: `ev-${e.id}`, class: 'anchor' }));
    mark.append(markMentions(sentence, findMentions(sentence, actors), new Set(group.flatMap((e) => [e.source.id, e.target.id]))));
    mark.append(h('sup', { class: 'rel-tags' }, group.map((e) => typeText(e.type)).join(', ')));
    out.append(mark);
    at = end;
  }
  plain(at, text.length);
  return out;
}

export async function articlesView(_params: string[], query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const root = main('articles');
  const search = query.get('search') ?? '';
  const input = h('input', { type: 'search', placeholder: 'Search titles', value: search, 'aria-label': 'Search article titles', class: 'picker-input' });
  const list = h('ol', { class: 'article-list' });
  const count = h('p', { class: 'muted' });
  root.append(h('div', { class: 'pair-form' }, h('h1', {}, 'Articles'), input), count, list);
  const load = async (s: string) => {
    const found = await articles(s || null, 50);
    if (signal.aborted) return;
    count.textContent = `${found.total} article${found.total === 1 ? '' : 's'}${s ? ` with “${s}” in the title` : ''}, newest first.`;
    list.replaceChildren(...found.items.map((a) => h('li', {},
      h('a', { href: articleUrl(a.id), 'data-link': true }, a.title ?? a.id),
      h('span', { class: 'muted' }, ` ${[a.source, formatDay(a.publishedAt)].filter(Boolean).join(' · ')}`))));
  };
  input.addEventListener('input', debounce(() => {
    describe(input.value ? `/articles?search=${encodeURIComponent(input.value)}` : '/articles');
    void load(input.value.trim());
  }, 200));
  await load(search);
}
