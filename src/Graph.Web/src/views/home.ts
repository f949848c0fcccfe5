import { articles, overview } from '../api';
import { navigate } from '../router';
import { actorPicker } from '../search';
import { actorUrl, articleUrl, formatDay, h, KIND_COLOURS } from '../util';
import { main, problem } from './layout';

export async function homeView(_params: string[], _query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const root = main('home');
  document.title = 'Graph · who stands where, and why';
  root.append(h('section', { class: 'hero' },
    h('h1', {}, 'Who stands where, and why'),
    h('p', { class: 'lede' }, 'States, leaders, organisations and armed groups, and what the news says they do to each other: every link backed by the sentences it was read from.'),
    actorPicker({ label: 'Find an actor', placeholder: 'Find an actor: Russia, Assad, Kurds…', testId: 'home-search', onPick: (a) => navigate(actorUrl(a.id)) })));
  try {
    const [o, recent] = await Promise.all([overview(), articles(null, 8)]);
    if (signal.aborted) return;
    root.append(
      h('p', { class: 'stats' }, `${o.stats.articles} articles · ${o.stats.actors} actors · ${o.stats.relationships} relationships · ${o.stats.evidence} sentences of evidence`),
      h('div', { class: 'home-grid' },
        h('section', { class: 'card' }, h('h2', {}, 'Most documented actors'),
          h('div', { class: 'chips' }, ...o.top.map((a) => h('a', { href: actorUrl(a.id), 'data-link': true, class: 'chip', style: `--kind:${KIND_COLOURS[a.kind]}` }, a.name)))),
        h('section', { class: 'card' }, h('h2', {}, 'Latest articles'),
          h('ol', { class: 'article-list' }, ...recent.items.map((a) => h('li', {},
            h('a', { href: articleUrl(a.id), 'data-link': true }, a.headline),
            h('span', { class: 'muted' }, ` ${formatDay(a.publishedAt)}`)))),
          h('p', {}, h('a', { href: '/articles', 'data-link': true }, 'All articles →')))));
  } catch (e) {
    root.append(problem('The graph server did not answer.', (e as Error).message));
  }
}
