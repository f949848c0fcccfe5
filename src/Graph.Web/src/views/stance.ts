import { evidenceActions } from '../corrections';
import { stance, type Evidence } from '../api';
import { describe, navigate } from '../router';
import { actorPicker } from '../search';
import {
  actorLink, articleUrl, findMentions, formatDay, h, LABEL_COLOURS, labelText, markMentions, NEGATIVE, pathUrl, polarityColour,
  POSITIVE, signed, stanceUrl, typeText,
} from '../util';
import { main, problem } from './layout';

// Loaded with the first stance shown, so the graph page does not wait for the chart library.
async function chartLibrary() {
  const { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } = await import('chart.js');
  Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Filler);
  return Chart;
}

export async function stanceView([from, to]: string[], query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const root = main('stance');
  const bucket = query.get('bucket') === 'WEEK' ? 'WEEK' : 'MONTH';
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  const since = day(query.get('since'));
  const until = day(query.get('until'));
  let pickedFrom = from;
  let pickedTo = to;

  root.append(h('div', { class: 'pair-form' },
    h('span', { class: 'control-label' }, 'Stance of'),
    actorPicker({ label: 'From actor', placeholder: 'Actor', value: from, testId: 'stance-from', onPick: (a) => { pickedFrom = a.id; navigate(stanceUrl(pickedFrom, pickedTo)); } }),
    h('button', { type: 'button', class: 'swap', title: 'Swap', 'aria-label': 'Swap the actors', onclick: () => navigate(stanceUrl(pickedTo, pickedFrom)) }, '⇄'),
    h('span', { class: 'control-label' }, 'towards'),
    actorPicker({ label: 'To actor', placeholder: 'Actor', value: to, testId: 'stance-to', onPick: (a) => { pickedTo = a.id; navigate(stanceUrl(pickedFrom, pickedTo)); } }),
  ));

  let result;
  try {
    result = await stance({ from, to, since, until, bucket });
  } catch (e) {
    root.append(problem('Could not load the stance.', (e as Error).message));
    return;
  }
  if (signal.aborted) return;
  const s = result.stance;
  if (!s) {
    root.append(problem(`No evidence yet of how ${from} stands towards ${to}.`, 'Pick other actors, or look at the path between them.'),
      h('p', {}, h('a', { href: pathUrl(from, to), 'data-link': true, class: 'button' }, 'Path between them')));
    return;
  }
  document.title = `${s.from.name} → ${s.to.name} · Graph`;
  root.querySelectorAll<HTMLInputElement>('.picker-input').forEach((input, i) => (input.value = i === 0 ? s.from.name : s.to.name));
  pickedFrom = s.from.id;
  pickedTo = s.to.id;

  const colour = LABEL_COLOURS[s.label];
  const maxCount = Math.max(...s.counts.map((c) => c.count), 1);
  const canvas = h('canvas', { 'aria-label': 'Stance score over time' });
  const bucketLink = (b: 'WEEK' | 'MONTH') => {
    const q = new URLSearchParams(query);
    q.set('bucket', b);
    return h('a', { href: `${location.pathname}?${q}`, 'data-link': true, class: b === bucket ? 'tab active' : 'tab', 'aria-current': b === bucket ? 'true' : null }, b === 'WEEK' ? 'Week' : 'Month');
  };

  root.append(
    h('div', { class: 'stance-grid' },
      h('section', { class: 'card verdict', 'data-testid': 'stance-panel', 'data-score': s.score, 'data-label': s.label },
        h('h1', {}, actorLink(s.from), h('span', { class: 'arrow' }, ' → '), actorLink(s.to)),
        h('div', { class: 'score-line' },
          h('span', { class: 'score', style: `color:${colour}` }, signed(s.score)),
          h('span', { class: 'label-badge', style: `background:${colour}` }, labelText(s.label))),
        h('p', { class: 'muted' }, `${s.evidenceCount} piece${s.evidenceCount === 1 ? '' : 's'} of evidence`,
          s.firstSeen ? `, ${formatDay(s.firstSeen)}${s.lastSeen && s.lastSeen !== s.firstSeen ? ' – ' + formatDay(s.lastSeen) : ''}` : '', '.'),
        scaleBar(s.score),
        h('p', { class: 'reverse' }, 'The other way: ',
          h('a', { href: stanceUrl(s.to.id, s.from.id), 'data-link': true }, `${s.to.name} → ${s.from.name}`), ' ',
          s.reverse.evidenceCount
            ? h('span', { style: `color:${LABEL_COLOURS[s.reverse.label]}` }, `${labelText(s.reverse.label)} ${signed(s.reverse.score)} (${s.reverse.evidenceCount})`)
            : h('span', { class: 'muted' }, 'no evidence')),
        h('p', {}, h('a', { href: pathUrl(s.from.id, s.to.id), 'data-link': true }, 'Path between them'), ' · ',
          h('a', { href: `/actor/${encodeURIComponent(s.from.id)}`, 'data-link': true }, `Graph around ${s.from.name}`))),
      h('section', { class: 'card timeline' },
        h('div', { class: 'card-head' }, h('h2', {}, 'Over time'), h('nav', { class: 'tabs', 'aria-label': 'Bucket' }, bucketLink('WEEK'), bucketLink('MONTH'))),
        h('div', { class: result.timeline.length ? 'chart-box' : '' }, canvas)),
      h('section', { class: 'card counts' },
        h('h2', {}, 'By type'),
        h('ul', { class: 'bars' }, ...s.counts.slice().sort((a, b) => b.count - a.count).map((c) =>
          h('li', {}, h('span', { class: 'bar-label' }, typeText(c.type)),
            h('span', { class: 'bar' }, h('i', { style: `width:${(100 * c.count) / maxCount}%` })),
            h('span', { class: 'bar-count' }, String(c.count)))))),
      h('section', { class: 'card evidence' },
        h('h2', {}, 'Evidence'),
        h('ol', { class: 'evidence-list', 'data-testid': 'evidence' }, ...s.evidence.map((e) => evidenceItem(e, [s.from.id, s.to.id])))),
    ),
  );
  describe(location.pathname + location.search);

  if (!result.timeline.length) {
    canvas.replaceWith(h('p', { class: 'muted' }, 'None of this evidence is dated, so there is nothing to chart yet.'));
    return;
  }
  const Chart = await chartLibrary();
  if (signal.aborted) return;
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels: result.timeline.map((p) => formatDay(p.start)),
      datasets: [{
        data: result.timeline.map((p) => p.score),
        borderColor: '#4a5568',
        borderWidth: 1.5,
        pointBackgroundColor: result.timeline.map((p) => (p.score > 0 ? POSITIVE : p.score < 0 ? NEGATIVE : '#8a8f98')),
        pointRadius: result.timeline.map((p) => Math.min(9, 3 + 2 * Math.log2(p.evidenceCount))),
        tension: 0.25,
        fill: { target: 'origin', above: 'rgba(47,133,90,0.12)', below: 'rgba(197,48,48,0.12)' },
      }],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { min: -1, max: 1, ticks: { stepSize: 0.5 } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => `${signed(c.parsed.y ?? 0)} · ${result.timeline[c.dataIndex].evidenceCount} evidence` } },
      },
    },
  });
  signal.addEventListener('abort', () => chart.destroy());
}

function scaleBar(score: number): HTMLElement {
  return h('div', { class: 'scale', 'aria-hidden': 'true' },
    h('span', { class: 'scale-end' }, 'hostile'),
    h('span', { class: 'scale-track' }, h('i', { style: `left:${((score + 1) / 2) * 100}%` })),
    h('span', { class: 'scale-end' }, 'ally'));
}

export function evidenceItem(e: Evidence, emphasise: string[]): HTMLElement {
  const mentions = findMentions(e.sentence, [e.source, e.target]);
  return h('li', { class: 'evidence-item' },
    h('div', { class: 'ev-head' },
      h('span', { class: 'type-badge', style: `--pol:${polarityColour(e.polarity)}` }, typeText(e.type)),
      h('span', { class: 'muted' }, `${e.source.name} → ${e.target.name} · score ${signed(e.score, 1)} · confidence ${Math.round(e.confidence * 100)}%${e.modality !== 'ASSERTED' ? ' · ' + e.modality.toLowerCase() : ''}`)),
    h('blockquote', {}, markMentions(e.sentence, mentions, new Set(emphasise))),
    h('div', { class: 'ev-source' },
      h('a', { href: articleUrl(e.article.id, e.id), 'data-link': true }, e.article.title ?? e.article.id),
      e.article.publishedAt ? h('span', { class: 'muted' }, ` · ${formatDay(e.article.publishedAt)}`) : null),
    evidenceActions(e));
}
