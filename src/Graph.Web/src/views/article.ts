import { article, articles, type Evidence } from '../api';
import { describe } from '../router';
import { actorLink, articleUrl, debounce, findMentions, formatDay, h, markMentions, markWords, polarityColour, searchWords, typeText } from '../util';
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
  document.title = `${a.headline} · Graph`;
  const text = a.text ?? '';
  const body = h('div', { class: 'article-text', 'data-testid': 'article-text' });
  body.append(markedText(text, a.evidence, a.actors));
  // Line breaks in the stored text are its paragraphs (white-space: pre-line); a text stored without any (the source
  // lost them) is broken every few sentences so that it can be read, and says so.
  const guessed = !text.includes('\n') && text.length > 900;

  const byRelation = new Map<string, Evidence[]>();
  for (const e of a.evidence) {
    const key = `${e.source.id}|${e.type}|${e.target.id}`;
    byRelation.set(key, [...(byRelation.get(key) ?? []), e]);
  }

  root.append(h('div', { class: 'article-grid' },
    h('article', { class: 'card reader' },
      h('h1', {}, a.headline),
      h('p', { class: 'byline' },
        [a.source, formatDay(a.publishedAt)].filter(Boolean).join(' · '),
        a.url ? h('span', {}, ' · ', h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')) : null),
      guessed ? h('p', { class: 'muted', 'data-testid': 'paragraphs-guessed' }, 'The source gave this text without paragraphs: it is broken every few sentences here.') : null,
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
  const breaks = text.includes('\n') ? [] : paragraphBreaks(text);
  // Plain text between evidence sentences, with paragraph breaks where they fall in it.
  const plain = (from: number, to: number) => {
    let at = from;
    for (const b of breaks.filter((x) => x > from && x < to)) {
      const part = text.slice(at, b);
      out.append(markMentions(part, findMentions(part, actors)), h('span', { class: 'para-break' }));
      at = b;
    }
    const part = text.slice(at, to);
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

/**
 * Where paragraphs would start in a text that has no line breaks: after a sentence end, once the paragraph holds at
 * least three sentences or 450 characters (news paragraphs are short).
 */
function paragraphBreaks(text: string): number[] {
  if (text.length <= 900) return [];
  const out: number[] = [];
  let start = 0;
  let sentences = 0;
  for (const m of text.matchAll(/(?<!\b\p{Lu})[.!?]["'”’)]?\s+(?=[\p{Lu}"“‘'0-9])/gu)) {
    sentences++;
    const end = (m.index ?? 0) + m[0].length;
    if ((sentences >= 3 && end - start >= 200) || end - start >= 450) {
      out.push(end);
      start = end;
      sentences = 0;
    }
  }
  return out;
}

export async function articlesView(_params: string[], query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const root = main('articles');
  const search = query.get('search') ?? '';
  const input = h('input', { type: 'search', placeholder: 'Search the articles', value: search, 'aria-label': 'Search the articles', class: 'picker-input', 'data-testid': 'article-search' });
  const list = h('ol', { class: 'article-list', 'data-testid': 'articles' });
  const count = h('p', { class: 'muted', 'data-testid': 'articles-count' });
  const more = h('p', { class: 'limits', hidden: true });
  root.append(h('div', { class: 'pair-form' }, h('h1', {}, 'Articles'), input), count, list, more);
  let asked = 0;
  const load = async (s: string, after: string | null = null) => {
    const ticket = ++asked;
    const found = await articles(s || null, 50, after);
    if (signal.aborted || ticket !== asked) return;
    const words = searchWords(s);
    const items = found.items.map((a) => h('li', { 'data-article': a.id },
      h('a', { href: articleUrl(a.id), 'data-link': true, class: 'headline' }, a.headline),
      h('span', { class: 'muted' }, ` ${[formatDay(a.publishedAt), a.source].filter(Boolean).join(' · ')}`),
      a.snippet ? h('p', { class: 'snippet' }, markWords(a.snippet, words)) : null));
    if (after) list.append(...items);
    else list.replaceChildren(...items);
    const shown = list.children.length;
    count.textContent = `${found.total} article${found.total === 1 ? '' : 's'}${s ? ` with “${s}”` : ''}, newest first${shown < found.total ? `: ${shown} shown` : ''}.`;
    more.hidden = found.next === null;
    if (found.next !== null) {
      const next = found.next;
      more.replaceChildren(`${shown} of ${found.total}. `,
        h('button', { type: 'button', class: 'link', 'data-testid': 'more-articles', onclick: () => void load(s, next) }, `Show ${Math.min(50, found.total - shown)} more`));
    }
  };
  input.addEventListener('input', debounce(() => {
    describe(input.value ? `/articles?search=${encodeURIComponent(input.value)}` : '/articles');
    void load(input.value.trim());
  }, 200));
  await load(search);
}
