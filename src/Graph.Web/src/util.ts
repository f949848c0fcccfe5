import type { ActorKind, ActorRef, RelationType, StanceLabel } from './api';

/** Builds an element: attributes, then children (strings become text, never HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | null | undefined | ((e: Event) => void)> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

export const KIND_COLOURS: Record<ActorKind, string> = {
  COUNTRY: '#2b6cb0',
  PERSON: '#c05621',
  ORGANIZATION: '#2c7a7b',
  ARMED_GROUP: '#9b2c2c',
  GROUP: '#6b46c1',
  LOCATION: '#718096',
};

export const KIND_NAMES: Record<ActorKind, string> = {
  COUNTRY: 'State',
  PERSON: 'Person',
  ORGANIZATION: 'Organisation',
  ARMED_GROUP: 'Armed group',
  GROUP: 'Group',
  LOCATION: 'Place',
};

export const POSITIVE = '#2f855a';
export const NEGATIVE = '#c53030';
export const NEUTRAL = '#8a8f98';

export function polarityColour(polarity: number): string {
  return polarity > 0 ? POSITIVE : polarity < 0 ? NEGATIVE : NEUTRAL;
}

export const LABEL_COLOURS: Record<StanceLabel, string> = {
  NO_EVIDENCE: '#a0aec0',
  HOSTILE: '#9b2c2c',
  CRITICAL: '#dd6b20',
  NEUTRAL: '#718096',
  SUPPORTIVE: '#38a169',
  ALLY: '#22543d',
};

export function labelText(label: string): string {
  return label.charAt(0) + label.slice(1).toLowerCase().replaceAll('_', ' ');
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** "3 sentences in 2 articles": what a stance rests on. */
export function restsOn(s: { evidenceCount: number; articleCount: number }): string {
  return `${s.evidenceCount} sentence${s.evidenceCount === 1 ? '' : 's'} in ${s.articleCount} article${s.articleCount === 1 ? '' : 's'}`;
}

/** The words of a search, for marking them in a passage. */
export function searchWords(search: string): string[] {
  return search.split(/\s+/).map((w) => w.replace(/^["'*]+|["'*]+$/g, '')).filter((w) => w.length > 0);
}

/** The passage with every word starting with one of the search words marked (case and accents ignored). */
export function markWords(text: string, words: string[]): DocumentFragment {
  const out = document.createDocumentFragment();
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const wanted = words.map(fold).filter((w) => w.length > 0);
  let at = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = fold(m[0]);
    if (!wanted.some((w) => word.startsWith(w))) continue;
    const start = m.index ?? 0;
    out.append(text.slice(at, start), h('mark', { class: 'hit' }, m[0]));
    at = start + m[0].length;
  }
  out.append(text.slice(at));
  return out;
}

export function typeText(type: RelationType | string): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

export function signed(value: number, digits = 2): string {
  return (value > 0 ? '+' : value < 0 ? '−' : '±') + Math.abs(value).toFixed(digits);
}

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function kindBadge(kind: ActorKind): HTMLElement {
  return h('span', { class: 'kind', style: `--kind:${KIND_COLOURS[kind]}` }, KIND_NAMES[kind]);
}

export function actorLink(a: ActorRef): HTMLAnchorElement {
  return h('a', { href: actorUrl(a.id), 'data-link': true, class: 'actor-link', style: `--kind:${KIND_COLOURS[a.kind]}` }, a.name);
}

export function actorUrl(id: string, params?: URLSearchParams): string {
  const q = params?.toString();
  return `/actor/${encodeURIComponent(id)}${q ? '?' + q : ''}`;
}

export function stanceUrl(from: string, to: string): string {
  return `/stance/${encodeURIComponent(from)}/${encodeURIComponent(to)}`;
}

/** A day as the API takes it (yyyy-MM-dd), or null. */
export function isoDay(v: string | null): string | null {
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}

/** The URL with the view's query changed: null removes a parameter. */
export function withQuery(path: string, query: URLSearchParams, change: Record<string, string | null>): string {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(change)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  return path + (q.size ? `?${q}` : '');
}

export function sidesUrl(id: string): string {
  return `/sides/${encodeURIComponent(id)}`;
}

export function pathUrl(from: string, to: string): string {
  return `/path/${encodeURIComponent(from)}/${encodeURIComponent(to)}`;
}

export function articleUrl(id: string, evidenceId?: string): string {
  return `/article/${encodeURIComponent(id)}${evidenceId ? '#ev-' + encodeURIComponent(evidenceId) : ''}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Mention { start: number; end: number; actor: ActorRef }

/** Where the actors' names and aliases occur in a text, longest names first, never overlapping. */
export function findMentions(text: string, actors: ActorRef[]): Mention[] {
  const names: { name: string; actor: ActorRef }[] = [];
  for (const a of actors) {
    for (const name of new Set([a.name, ...a.aliases])) {
      if (name.trim().length >= 2) names.push({ name, actor: a });
    }
  }
  names.sort((x, y) => y.name.length - x.name.length);
  const taken: Mention[] = [];
  for (const { name, actor } of names) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      taken.push({ start, end, actor });
    }
  }
  return taken.sort((x, y) => x.start - y.start);
}

/** The text with the mentions wrapped in marks coloured by actor kind. */
export function markMentions(text: string, mentions: Mention[], emphasise: Set<string> = new Set()): DocumentFragment {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const m of mentions) {
    if (m.start < at) continue;
    out.append(text.slice(at, m.start));
    out.append(h('mark', {
      class: emphasise.has(m.actor.id) ? 'mention main' : 'mention',
      style: `--kind:${KIND_COLOURS[m.actor.kind]}`,
      title: `${m.actor.name} · ${KIND_NAMES[m.actor.kind]}`,
      'data-actor': m.actor.id,
    }, text.slice(m.start, m.end)));
    at = m.end;
  }
  out.append(text.slice(at));
  return out;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: number | undefined;
  return (...args: A) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => fn(...args), ms);
  };
}
