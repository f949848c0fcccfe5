import { evidenceActions } from '../corrections';
import { EVIDENCE_STEP, moreEvidence, stance, type Evidence } from '../api';
import { describe, navigate } from '../router';
import { actorPicker } from '../search';
import {
  actorLink, articleUrl, findMentions, formatDay, h, LABEL_COLOURS, labelText, markMentions, NEGATIVE, pathUrl, percent, polarityColour,
  POSITIVE, isoDay, restsOn, sidesUrl, signed, stanceUrl, typeText, withQuery,
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
  const since = isoDay(query.get('since'));
  const until = isoDay(query.get('until'));
  const affiliates = query.get('affiliates') === '1';
  let pickedFrom = from;
  let pickedTo = to;
  // The same filters for another pair, or other filters for this pair: each has its own URL.
  const url = (f: string, t: string, change: Record<string, string | null> = {}) => withQuery(stanceUrl(f, t), query, change);

  const affiliatesBox = h('input', { type: 'checkbox', checked: affiliates, 'data-testid': 'affiliates' });
  affiliatesBox.addEventListener('change', () => navigate(url(pickedFrom, pickedTo, { affiliates: affiliatesBox.checked ? '1' : null })));
  const sinceInput = h('input', { type: 'date', value: since ?? '', 'aria-label': 'Since', 'data-testid': 'stance-since' });
  const untilInput = h('input', { type: 'date', value: until ?? '', 'aria-label': 'Until', 'data-testid': 'stance-until' });
  for (const input of [sinceInput, untilInput]) {
    input.addEventListener('change', () => navigate(url(pickedFrom, pickedTo, { since: isoDay(sinceInput.value), until: isoDay(untilInput.value) })));
  }

  root.append(h('div', { class: 'pair-form' },
    h('span', { class: 'control-label' }, 'Stance of'),
    actorPicker({ label: 'From actor', placeholder: 'Actor', value: from, testId: 'stance-from', onPick: (a) => { pickedFrom = a.id; navigate(url(pickedFrom, pickedTo)); } }),
    h('button', { type: 'button', class: 'swap', title: 'Swap', 'aria-label': 'Swap the actors', onclick: () => navigate(url(pickedTo, pickedFrom)) }, '⇄'),
    h('span', { class: 'control-label' }, 'towards'),
    actorPicker({ label: 'To actor', placeholder: 'Actor', value: to, testId: 'stance-to', onPick: (a) => { pickedTo = a.id; navigate(url(pickedFrom, pickedTo)); } }),
  ), h('div', { class: 'controls stance-filters' },
    h('label', { class: 'inline', title: 'Count what the actor’s people said and did as its own: Putin’s support counts for Russia' },
      affiliatesBox, h('span', {}, 'Include its people (leaders, officials)')),
    h('label', { class: 'inline' }, h('span', { class: 'control-label' }, 'Since'), sinceInput),
    h('label', { class: 'inline' }, h('span', { class: 'control-label' }, 'Until'), untilInput),
    since || until ? h('a', { href: url(from, to, { since: null, until: null }), 'data-link': true }, 'all dates') : null));

  const args = { from, to, since, until, affiliates };
  let result;
  try {
    result = await stance({ ...args, bucket });
  } catch (e) {
    root.append(problem('Could not load the stance.', (e as Error).message));
    return;
  }
  if (signal.aborted) return;
  const s = result.stance;
  if (!s) {
    root.append(problem(`No actor called “${from}” or “${to}” in the graph.`, 'Pick the actors with the boxes above.'));
    return;
  }
  document.title = `${s.from.name} → ${s.to.name} · Graph`;
  root.querySelectorAll<HTMLInputElement>('.picker-input').forEach((input, i) => (input.value = i === 0 ? s.from.name : s.to.name));
  pickedFrom = s.from.id;
  pickedTo = s.to.id;
  const period = since || until ? ` between ${since ? formatDay(since) : 'the start'} and ${until ? formatDay(until) : 'now'}` : '';
  const people = affiliates ? ', its people included' : '';

  const head = h('h1', {}, actorLink(s.from), h('span', { class: 'arrow' }, ' → '), actorLink(s.to));
  const links = h('p', {}, h('a', { href: pathUrl(s.from.id, s.to.id), 'data-link': true }, 'Path between them'), ' · ',
    h('a', { href: `/actor/${encodeURIComponent(s.from.id)}`, 'data-link': true }, `Graph around ${s.from.name}`), ' · ',
    h('a', { href: sidesUrl(s.to.id), 'data-link': true }, `Who supports or opposes ${s.to.name}`));
  const reverse = h('p', { class: 'reverse' }, 'The other way: ',
    h('a', { href: url(s.to.id, s.from.id), 'data-link': true }, `${s.to.name} → ${s.from.name}`), ' ',
    s.reverse.evidenceCount
      ? h('span', { style: `color:${LABEL_COLOURS[s.reverse.label]}` }, `${labelText(s.reverse.label)} ${signed(s.reverse.score)} (${restsOn(s.reverse)})`)
      : h('span', { class: 'muted' }, 'no evidence'));

  if (s.label === 'NO_EVIDENCE' || s.evidenceCount === 0) {
    // No evidence is not a neutral stance: say so, and draw no score and no marker.
    root.append(h('div', { class: 'stance-grid' },
      h('section', { class: 'card verdict', 'data-testid': 'stance-panel', 'data-score': '', 'data-label': 'NO_EVIDENCE' },
        head,
        h('p', { class: 'no-evidence', 'data-testid': 'no-evidence' }, `No evidence of how ${s.from.name} stands towards ${s.to.name}${period}${people}.`),
        h('p', { class: 'muted' }, 'Nothing read so far says what one did to the other. That is not a neutral stance: it is unknown.',
          affiliates ? '' : ' Including its people (above) may find some.'),
        reverse, links)));
    describe(location.pathname + location.search);
    return;
  }

  const colour = LABEL_COLOURS[s.label];
  const maxCount = Math.max(...s.counts.map((c) => c.count), 1);
  const canvas = h('canvas', { 'aria-label': 'Stance score over time' });
  const bucketLink = (b: 'WEEK' | 'MONTH') =>
    h('a', { href: url(from, to, { bucket: b }), 'data-link': true, class: b === bucket ? 'tab active' : 'tab', 'aria-current': b === bucket ? 'true' : null }, b === 'WEEK' ? 'Week' : 'Month');
  const list = h('ol', { class: 'evidence-list', 'data-testid': 'evidence' });
  const evidenceLimit = h('p', { class: 'limits', 'data-testid': 'evidence-limit', hidden: true });
  let shown = 0;
  const showEvidence = (page: typeof s.evidence) => {
    list.append(...page.items.map((e) => evidenceItem(e, [s.from.id, s.to.id])));
    shown += page.items.length;
    evidenceLimit.hidden = page.next === null;
    if (page.next === null) return;
    const after = page.next;
    const more = h('button', { type: 'button', class: 'link', 'data-testid': 'more-evidence' }, `Show ${Math.min(EVIDENCE_STEP, page.total - shown)} more`);
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        showEvidence(await moreEvidence(args, after));
      } catch (e) {
        evidenceLimit.textContent = `Could not load more evidence: ${(e as Error).message}`;
      }
    });
    evidenceLimit.replaceChildren(`${shown} of ${page.total} pieces of evidence, strongest first. `, more);
  };
  showEvidence(s.evidence);

  root.append(
    h('div', { class: 'stance-grid' },
      h('section', { class: 'card verdict', 'data-testid': 'stance-panel', 'data-score': s.score, 'data-label': s.label },
        head,
        h('div', { class: 'score-line' },
          h('span', { class: 'score', style: `color:${colour}` }, signed(s.score)),
          h('span', { class: 'label-badge', style: `background:${colour}` }, labelText(s.label))),
        h('p', { class: 'certainty', 'data-testid': 'certainty' },
          `${percent(s.certainty)} sure, from ${restsOn(s)}`,
          s.firstSeen ? `, ${formatDay(s.firstSeen)}${s.lastSeen && s.lastSeen !== s.firstSeen ? ' – ' + formatDay(s.lastSeen) : ''}` : '', '. ',
          h('span', { class: 'muted' }, `Taken alone the sentences average ${signed(s.mean)}; for as much evidence as there is, the stance lies between ${signed(s.low)} and ${signed(s.high)}.`)),
        scaleBar(s.score, s.low, s.high),
        reverse, links),
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
        list, evidenceLimit),
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
        tooltip: { callbacks: { label: (c) => `${signed(c.parsed.y ?? 0)} · ${restsOn(result.timeline[c.dataIndex])}` } },
      },
    },
  });
  signal.addEventListener('abort', () => chart.destroy());
}

/** The scale from hostile to ally, with the stance's range as a band and its score as the marker. */
function scaleBar(score: number, low: number, high: number): HTMLElement {
  const at = (v: number) => ((v + 1) / 2) * 100;
  return h('div', { class: 'scale', 'aria-hidden': 'true' },
    h('span', { class: 'scale-end' }, 'hostile'),
    h('span', { class: 'scale-track' },
      h('b', { class: 'scale-range', style: `left:${at(low)}%;width:${Math.max(0.5, at(high) - at(low))}%` }),
      h('i', { style: `left:${at(score)}%` })),
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
      h('a', { href: articleUrl(e.article.id, e.id), 'data-link': true }, e.article.headline),
      e.article.publishedAt ? h('span', { class: 'muted' }, ` · ${formatDay(e.article.publishedAt)}`) : null),
    evidenceActions(e));
}
