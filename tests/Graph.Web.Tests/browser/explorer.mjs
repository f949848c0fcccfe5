// Browser scenarios of the web explorer, driven in headless Chromium against a running server.
// Usage: node explorer.mjs <baseUrl> <scenario> [argument]; prints what it saw, exits 1 on the first failed check.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [base, scenario, argument] = process.argv.slice(2);
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(shots, { recursive: true });

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok   ${message}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: LAPTOP });
const page = await context.newPage();
const problems = [];
const offsite = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console error: ${m.text()}`); });
page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`); });
page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) offsite.push(r.url()); });

const graphReport = () => page.evaluate(() => window.__graph);
async function waitForDrawing(view) {
  await page.waitForFunction((v) => window.__graph && window.__graph.view === v, view, { timeout: 20_000 });
  return graphReport();
}
async function shoot(name) {
  await page.screenshot({ path: join(shots, `${name}-laptop.png`) });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(LAPTOP);
  await page.waitForTimeout(200);
}
const go = async (path) => {
  await page.evaluate(() => { window.__graph = undefined; }).catch(() => {});
  await page.goto(base + path, { waitUntil: 'load' });
};
const hasName = (nodes, name) => nodes.some((n) => n.toLowerCase().includes(name.toLowerCase()));

const scenarios = {
  async search() {
    await go('/');
    await shoot('home');
    const box = page.getByTestId('home-search');
    await box.fill('Moscow');
    const russia = page.locator('.hero .suggestions li[data-actor]', { hasText: 'Russia' });
    await russia.first().waitFor({ timeout: 10_000 });
    check(await russia.count() >= 1, 'typing the alias "Moscow" suggests Russia');
    check(await page.locator('.hero .suggestions li[data-actor]', { hasText: 'Russia' }).first().locator('.alias').textContent() !== null, 'the suggestion says which alias matched');
    await box.fill('Assa');
    const assad = page.locator('.hero .suggestions li[data-actor]', { hasText: 'Assad' });
    await assad.first().waitFor({ timeout: 10_000 });
    check(true, `typing "Assa" suggests ${await assad.first().locator('.name').textContent()}`);
    await box.press('Enter');
    await page.waitForURL(/\/actor\//, { timeout: 10_000 });
    const report = await waitForDrawing('neighborhood');
    check(hasName(report.nodes, 'Assad'), `Enter opens the graph of Assad (${report.nodes.length} actors drawn)`);
    await page.getByTestId('search').fill('zzzz-nobody');
    await page.locator('.masthead .suggestions .empty').waitFor({ timeout: 10_000 });
    check(true, 'an unknown name says that no actor matches');
  },

  async graph() {
    await go('/actor/Russia');
    const report = await waitForDrawing('neighborhood');
    console.log(`nodes: ${report.nodes.join(', ')}`);
    console.log(`edges: ${report.edges}`);
    for (const name of (argument ?? 'Russia,Syria,Assad').split(',')) check(hasName(report.nodes, name), `the graph of Russia shows ${name}`);
    check(report.edges > 0, 'relationships are drawn');
    const listed = await page.getByTestId('graph-actors').locator('li').allTextContents();
    check(listed.length === report.nodes.length, `the side panel lists the ${listed.length} actors drawn`);
    check(await page.locator('h1').first().textContent() === 'Russia', 'the heading names the actor');
    await shoot('graph');

    // Clicking the Russia → Assad edge opens its details, then its stance: the layout keeps other edges (US → Assad) off it.
    const at = await page.evaluate(() => {
      const cy = window.__cy;
      const edge = cy.edges().filter((e) => e.source().data('label') === 'Russia' && /Assad/.test(e.target().data('label'))).first();
      if (edge.empty()) return null;
      const p = edge.renderedMidpoint();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    check(at !== null, 'an edge links Russia to Assad');
    await page.mouse.click(at.x, at.y);
    await page.getByTestId('open-stance').waitFor({ timeout: 5_000 });
    const shown = await page.locator('.side h2').first().textContent();
    check(/Russia → .*Assad/.test(shown), `clicking the edge shows Russia → Assad in the side panel (${shown})`);
    await page.getByTestId('open-stance').click();
    await page.getByTestId('stance-panel').waitFor({ timeout: 10_000 });
    check(/\/stance\//.test(page.url()), `the stance opens at its own URL ${new URL(page.url()).pathname}`);
  },

  async export() {
    await go('/actor/Russia?types=SUPPORT,AID');
    await waitForDrawing('neighborhood');
    const downloads = page.getByTestId('downloads');
    await downloads.scrollIntoViewIfNeeded();
    const links = await downloads.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    check(links.map(([label]) => label).join(',') === 'GraphML,GEXF,CSV,JSON Lines,Cypher', `the side panel offers ${links.length} downloads`);
    check(links.every(([, href]) => /^\/export\?format=\w+&actor=RUS&types=SUPPORT%2CAID$/.test(href)), `each keeps the view's actor and types (${links[0][1]})`);
    await shoot('export');
    const [download] = await Promise.all([page.waitForEvent('download'), downloads.getByText('GraphML').click()]);
    const text = readFileSync(await download.path(), 'utf8');
    const nodes = (text.match(/<node /g) ?? []).length;
    const edges = (text.match(/<edge /g) ?? []).length;
    check(download.suggestedFilename() === 'graph-RUS.graphml', `clicking GraphML downloads ${download.suggestedFilename()}`);
    check(text.includes('<graphml') && nodes > 1 && edges > 0, `the file is GraphML with ${nodes} actors and ${edges} relationships`);
    check(/>SUPPORT</.test(text) && !/>ACCUSE</.test(text), 'it holds the view\'s types only');
  },

  async stance() {
    await go('/stance/Russia/Assad');
    const panel = page.getByTestId('stance-panel');
    await panel.waitFor({ timeout: 10_000 });
    const score = Number(await panel.getAttribute('data-score'));
    const label = await panel.getAttribute('data-label');
    console.log(`stance Russia → Assad: ${score} ${label}`);
    check(score > 0, `the score of Russia towards Assad is positive (${score})`);
    check(label === 'SUPPORTIVE' || label === 'ALLY', `the label is supportive or ally (${label})`);
    const sentences = await page.getByTestId('evidence').locator('blockquote').allTextContents();
    check(sentences.some((s) => s.includes("Russia's backing for Assad")), 'the seed sentence is among the evidence');
    const marked = await page.getByTestId('evidence').locator('mark.mention.main').allTextContents();
    check(marked.some((m) => /Russia/.test(m)) && marked.some((m) => /Assad/.test(m)), `both actors are highlighted in the evidence (${[...new Set(marked)].join(', ')})`);
    const points = await page.evaluate(async () => {
      const r = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: '{ stanceTimeline(from: "Russia", to: "Assad", bucket: MONTH) { start } }' }) });
      return (await r.json()).data.stanceTimeline.length;
    });
    if (points > 0) check(await page.locator('.timeline canvas').count() === 1, `a timeline chart of ${points} month(s) is drawn`);
    else check(/not dated|nothing to chart/.test(await page.locator('.timeline').textContent()), 'the timeline says the evidence is not dated (no dated evidence in the store)');
    check(await page.locator('.counts .bars li').count() >= 1, 'counts per type are shown');
    const link = page.getByTestId('evidence').locator('.ev-source a').first();
    check(/\/article\//.test(await link.getAttribute('href')), 'the evidence links to its article');
    await shoot('stance');
    await page.locator('.tabs a', { hasText: 'Week' }).click();
    await page.waitForURL(/bucket=WEEK/, { timeout: 5_000 });
    await panel.waitFor();
    check(true, 'the week buckets have their own URL');
  },

  async path() {
    const [from, to] = (argument ?? 'United States,Assad').split(',');
    await go(`/path/${encodeURIComponent(from)}/${encodeURIComponent(to)}`);
    const report = await waitForDrawing('path');
    console.log(`path nodes: ${report.nodes.join(', ')}`);
    check(hasName(report.nodes, from.split(' ')[0]) && hasName(report.nodes, to), `the path from ${from} to ${to} is drawn`);
    check(report.edges >= 1, `with ${report.edges} relationship(s)`);
    const rows = await page.getByTestId('paths').locator('li').allTextContents();
    console.log(`paths: ${rows.join(' | ')}`);
    check(rows.length >= 1, 'the paths are listed in words');
    await shoot('path');
  },

  async article() {
    const id = argument ?? 'us-open-to-talks-with-russia-on-syria.txt';
    await go(`/article/${encodeURIComponent(id)}`);
    const body = page.getByTestId('article-text');
    await body.waitFor({ timeout: 10_000 });
    check((await page.locator('.reader h1').textContent()).length > 0, `the article "${await page.locator('.reader h1').textContent()}" opens`);
    const marks = await body.locator('.evidence-mark').count();
    const mentions = await body.locator('mark.mention').count();
    check(marks > 0, `${marks} evidence sentence(s) are marked in the text`);
    check(mentions > 0, `${mentions} actor mention(s) are marked in the text`);
    check(await page.getByTestId('article-relationships').locator('li').count() > 0, 'the relationships of the article are listed');
    await page.getByTestId('article-relationships').locator('li a').first().click();
    check(await body.locator('.evidence-mark.focus').count() === 1, 'clicking a relationship highlights its sentence');
    check(/#ev-/.test(page.url()), 'and the URL points at it');
    const url = page.url();
    await page.reload();
    await body.locator('.evidence-mark.focus').waitFor({ timeout: 10_000 });
    check(page.url() === url, 'reloading keeps the highlighted sentence');
    await shoot('article');
  },

  async reload() {
    await go('/actor/Russia');
    await waitForDrawing('neighborhood');
    await page.getByTestId('depth').selectOption('2');
    await page.waitForURL(/depth=2/, { timeout: 5_000 });
    await page.waitForFunction(() => window.__graph && document.getElementById('depth').value === '2');
    await page.waitForTimeout(500);
    const before = await graphReport();
    const url = page.url();
    console.log(`shared URL: ${new URL(url).pathname}${new URL(url).search}`);
    await page.evaluate(() => { window.__graph = undefined; });
    await page.reload();
    const after = await waitForDrawing('neighborhood');
    check(page.url() === url, 'the URL survives a reload');
    check(await page.getByTestId('depth').inputValue() === '2', 'the depth control is restored');
    check(JSON.stringify([...after.nodes].sort()) === JSON.stringify([...before.nodes].sort()), `the same ${after.nodes.length} actors are drawn after the reload`);

    // A fresh browser (someone the URL was sent to) sees the same view.
    const other = await browser.newContext({ viewport: LAPTOP });
    const second = await other.newPage();
    await second.goto(url);
    await second.waitForFunction(() => window.__graph && window.__graph.view === 'neighborhood', null, { timeout: 20_000 });
    const shared = await second.evaluate(() => window.__graph);
    check(JSON.stringify([...shared.nodes].sort()) === JSON.stringify([...before.nodes].sort()), 'a second browser opening the shared URL sees the same graph');
    await other.close();

    for (const path of ['/stance/Russia/Assad?bucket=WEEK', '/article/us-open-to-talks-with-russia-on-syria.txt', '/path/United%20States/Assad']) {
      const response = await page.goto(base + path);
      check(response.status() === 200 && (await page.locator('#main').getAttribute('data-view')) !== 'missing', `${decodeURIComponent(path)} reloads as a page`);
    }
    const missing = await page.request.get(base + '/assets/does-not-exist.js');
    check(missing.status() === 404, 'a missing asset is a 404, not the page');
    const graphiql = await page.goto(base + '/graphiql');
    await page.locator('.graphiql-container').waitFor({ timeout: 15_000 });
    check(graphiql.status() === 200, 'GraphiQL loads from the server at /graphiql');
    await page.screenshot({ path: join(shots, 'graphiql-laptop.png') });
  },

  // A wrong reading retracted from the stance view, listed with who and why, and undone: argument is the API key.
  async corrections() {
    const evidence = page.locator('[data-testid=evidence] .evidence-item');
    await go('/stance/Russia/Assad');
    await evidence.first().waitFor({ timeout: 15_000 });
    const before = await evidence.count();
    const sentence = (await evidence.first().locator('blockquote').textContent()).trim();
    await evidence.first().getByTestId('retract').click();
    await evidence.first().getByTestId('api-key').fill(argument);
    await evidence.first().getByTestId('correction-reason').fill('a rebuff read as support');
    // The view is drawn again once the correction is made: wait for a new evidence list (or the notice that there is none).
    await page.locator('[data-testid=evidence]').evaluate((list) => { list.dataset.stale = 'yes'; });
    await evidence.first().getByTestId('correction-submit').click();
    await page.locator('[data-testid=evidence]:not([data-stale]), #main .problem').first().waitFor({ timeout: 20_000 });
    const after = await evidence.count();
    check(after === before - 1, `"Wrong reading" takes the sentence out of the stance's evidence (${before} -> ${after}): ${sentence.slice(0, 60)}…`);
    await shoot('correction-retracted');

    await page.locator('.nav a[data-nav=corrections]').click();
    const item = page.locator('[data-testid=corrections] .correction-item');
    await item.first().waitFor({ timeout: 10_000 });
    const text = await item.first().textContent();
    check(await item.count() === 1 && text.includes('Retracted') && text.includes(sentence.slice(0, 30)), 'the corrections list shows the retraction and its sentence');
    check(text.includes('a rebuff read as support') && text.includes('analyst'), 'with its reason and the name of the API key that made it');
    await shoot('corrections-list');

    await item.first().getByTestId('undo').click();
    await page.locator('[data-testid=corrections] .correction-item.undone').waitFor({ timeout: 20_000 });
    check(await page.getByTestId('undo').count() === 0, 'undo marks the retraction undone, and it cannot be undone twice');
    await shoot('corrections-undone');

    await go('/stance/Russia/Assad');
    await evidence.first().waitFor({ timeout: 15_000 });
    check(await evidence.count() === before, `after undo the stance has its ${before} pieces of evidence again`);

    await go('/actor/RUS');
    await waitForDrawing('neighborhood');
    const actions = page.getByTestId('actor-corrections');
    check(await actions.getByTestId('merge').count() === 1 && await actions.getByTestId('split').count() === 1, 'the graph of an actor offers to merge it or split an alias off');
    await actions.getByTestId('rename').click();
    await actions.getByTestId('rename-name').fill('Russian Federation');
    await actions.getByTestId('correction-reason').first().fill('house style');
    await page.evaluate(() => { window.__graph = undefined; });
    await actions.getByTestId('correction-submit').first().click();
    const renamed = await waitForDrawing('neighborhood');
    check(hasName(renamed.nodes, 'Russian Federation'), `renaming redraws the graph with the new name (${renamed.nodes.slice(0, 4).join(', ')}…)`);
    await shoot('correction-renamed');
  },

  // The corpus store: the busy neighbourhood of the argument's actor at depth 2, its notices, filters, expansion, pins and download.
  async corpus() {
    const actor = argument ?? 'USA';
    await go(`/actor/${encodeURIComponent(actor)}?depth=2`);
    let report = await waitForDrawing('neighborhood');
    console.log(`depth 2 around ${actor}: ${report.nodes.length} actors, ${report.relationships} relationships drawn as ${report.edges} edges`);
    const notice = page.getByTestId('limits');
    const cut = await notice.getByTestId('actors-limit').textContent();
    const [loaded, within] = cut.match(/(\d+) of (\d+) actors/).slice(1).map(Number);
    check(loaded < within, `a notice says how many actors are kept of how many (“${cut.trim()}”)`);
    await notice.getByTestId('more-actors').click();
    await page.waitForURL(/limit=/, { timeout: 5_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid=actors-limit]'), null, { timeout: 20_000 });
    check(true, `“${new URL(page.url()).search}” loads all ${within} actors and that notice goes`);
    report = await waitForDrawing('neighborhood');
    await go(`/actor/${encodeURIComponent(actor)}?depth=2`);
    report = await waitForDrawing('neighborhood');
    const limit = await notice.getByTestId('relationships-limit').textContent();
    const [shown, all] = limit.match(/(\d+) of (\d+)/).slice(1).map(Number);
    check(shown < all, `a notice says how many relationships are drawn of how many (“${limit.trim()}”)`);
    check(report.relationships === shown, `and ${shown} are drawn, the strongest first`);
    await shoot('corpus-neighbourhood');

    await notice.getByTestId('more-relationships').click();
    await page.waitForFunction((n) => window.__graph.relationships > n, shown);
    report = await graphReport();
    check(report.relationships > shown, `“Show more” draws ${report.relationships} relationships`);
    check(/show=/.test(page.url()), 'and the URL keeps how many');
    await notice.getByTestId('all-relationships').click();
    await page.waitForFunction((n) => window.__graph.relationships === n, all);
    check(await notice.getByTestId('relationships-limit').count() === 0, `“all” draws the ${all} relationships and the notice goes`);

    // Filters apply in place.
    await page.getByTestId('polarity').selectOption('negative');
    await page.waitForURL(/polarity=negative/, { timeout: 5_000 });
    const colours = await page.evaluate(() => [...new Set(window.__cy.edges().map((e) => e.data('colour')))]);
    check(colours.length === 1 && colours[0] === '#c53030', `“hostile” leaves hostile edges only (${colours.join(', ')})`);
    await page.getByTestId('min-evidence').selectOption('3');
    await page.waitForURL(/min=3/, { timeout: 5_000 });
    const weakest = await page.evaluate(() => Math.min(...window.__cy.edges().map((e) => e.data('count'))));
    check(weakest >= 3, `“≥ 3 sentences” leaves edges with at least 3 sentences (the weakest has ${weakest})`);
    await shoot('corpus-filtered');
    await page.getByTestId('polarity').selectOption('');
    await page.getByTestId('min-evidence').selectOption('1');
    await page.waitForURL((u) => !/polarity=|min=/.test(u.search), { timeout: 5_000 });
    check(await page.getByTestId('polarity').inputValue() === '' && await page.getByTestId('min-evidence').inputValue() === '1', 'the filters can be reset');
    await go(`/actor/${encodeURIComponent(actor)}?depth=2`);
    report = await waitForDrawing('neighborhood');

    // Clicking an actor adds its neighbours around it; the others stay where they were.
    const positions = () => page.evaluate(() => Object.fromEntries(window.__cy.nodes().map((n) => [n.id(), n.position()])));
    const onScreen = (id) => page.evaluate((i) => {
      const p = window.__cy.getElementById(i).renderedPosition();
      const box = window.__cy.container().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, id);
    // Clicks an actor as a user would: the pointer comes to rest on it first (a click just after the view was fitted
    // can go unseen by the canvas), and again if its panel did not open.
    const clickNode = async (id) => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const at = await onScreen(id);
        await page.mouse.move(at.x, at.y, { steps: 3 });
        await page.waitForTimeout(150);
        await page.mouse.click(at.x, at.y);
        const opened = await page.waitForFunction((i) => document.querySelector('.side h2')?.textContent === window.__cy.getElementById(i).data('label'), id, { timeout: 2_000 })
          .then(() => true, () => false);
        if (opened) return;
      }
    };
    // The actor to open: the one drawn with the fewest relationships that has more in the store (a leaf of the drawing).
    const leaf = await page.evaluate(() => window.__cy.nodes().filter((n) => !n.data('center')).sort((a, b) => a.degree() - b.degree())
      .map((n) => ({ id: n.id(), name: n.data('label') })));
    const before = await positions();
    let opened = null;
    for (const candidate of leaf.slice(0, 8)) {
      await page.evaluate((id) => { window.__cy.fit(window.__cy.getElementById(id).closedNeighborhood(), 200); }, candidate.id);
      await clickNode(candidate.id);
      await page.getByTestId('expanded').waitFor({ timeout: 10_000 });
      const said = await page.getByTestId('expanded').textContent();
      if (/added/.test(said)) { opened = { ...candidate, said }; break; }
    }
    check(opened !== null, `clicking ${opened?.name} opens it in place: “${opened?.said}”`);
    const after = await positions();
    const added = Object.keys(after).filter((id) => !(id in before));
    const moved = Object.keys(before).filter((id) => id in after && Math.hypot(after[id].x - before[id].x, after[id].y - before[id].y) > 1);
    check(added.length > 0, `${added.length} actor(s) joined the drawing`);
    check(moved.length === 0, `no actor already drawn moved${moved.length ? ': ' + moved.join(', ') : ''}`);
    await shoot('corpus-expanded');

    // Dragging an actor pins it: laying the graph out again leaves it where it was put.
    await page.evaluate(() => { window.__cy.fit(undefined, 40); });
    const dragged = report.center;
    const from = await onScreen(dragged);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + 30, { steps: 5 });
    await page.mouse.move(from.x + 90, from.y + 60, { steps: 5 });
    await page.mouse.up();
    check(await page.evaluate((id) => window.__cy.getElementById(id).hasClass('pinned'), dragged), `dragging ${dragged} pins it`);
    const put = await page.evaluate((id) => window.__cy.getElementById(id).position(), dragged);
    const othersBefore = await positions();
    await page.getByTestId('relayout').click();
    const kept = await page.evaluate((id) => window.__cy.getElementById(id).position(), dragged);
    const othersAfter = await positions();
    check(Math.hypot(kept.x - put.x, kept.y - put.y) < 1, `“Re-arrange” leaves the pinned ${dragged} where it was put`);
    check(Object.keys(othersAfter).some((id) => id !== dragged && Math.hypot(othersAfter[id].x - othersBefore[id].x, othersAfter[id].y - othersBefore[id].y) > 1),
      'while the others are laid out again');
    await shoot('corpus-pinned');
    await clickNode(dragged);
    await page.getByTestId('pin').waitFor();
    check(await page.getByTestId('pin').textContent() === 'Unpin', 'its panel offers to unpin it');
    await page.getByTestId('pin').click();
    check(!(await page.evaluate((id) => window.__cy.getElementById(id).hasClass('pinned'), dragged)), 'and “Unpin” frees it');

    // The download of the view.
    await page.locator('.side a', { hasText: '← All of the graph' }).click();
    const downloads = page.getByTestId('downloads');
    await downloads.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent('download'), downloads.getByText('GraphML').click()]);
    const text = readFileSync(await download.path(), 'utf8');
    const nodes = (text.match(/<node /g) ?? []).length;
    const edges = (text.match(/<edge /g) ?? []).length;
    check(text.includes('<graphml') && nodes > 10 && edges > 10, `the GraphML download (${download.suggestedFilename()}) holds ${nodes} actors and ${edges} relationships`);
  },

  // How the neighbourhood of the argument's actor reads at corpus size (screenshots to look at).
  async readable() {
    const actor = argument ?? 'bashar-al-assad';
    await go(`/actor/${encodeURIComponent(actor)}`);
    const report = await waitForDrawing('neighborhood');
    check(report.edges > 0, `the graph of ${actor} draws ${report.nodes.length} actors and ${report.edges} edges`);
    const named = await page.evaluate(() => window.__cy.nodes('.major').length);
    check(named <= 19, `${named} actors are named at first sight, the others on hover or zoom`);
    await shoot(`corpus-${actor}`);
  },

  // A stance without evidence says so in words: no score, no label, no marker on the gauge.
  async nostance() {
    await go('/');
    const pair = await page.evaluate(async () => {
      const q = async (query, variables) => (await (await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query, variables }) })).json()).data;
      const actors = (await q('{ actors(first: 40) { edges { node { id } } } }')).actors.edges.map((e) => e.node.id);
      for (const from of actors.slice(-10)) {
        for (const to of actors.slice(-10)) {
          if (from === to) continue;
          const s = (await q('query($f: String!, $t: String!) { stance(from: $f, to: $t) { label evidenceCount } }', { f: from, t: to })).stance;
          if (s && s.evidenceCount === 0) return { from, to, label: s.label };
        }
      }
      return null;
    });
    check(pair !== null, `two actors with no evidence between them: ${pair?.from} → ${pair?.to}`);
    check(pair.label === 'NO_EVIDENCE', `the API labels their stance ${pair.label}`);
    await go(`/stance/${encodeURIComponent(pair.from)}/${encodeURIComponent(pair.to)}`);
    const panel = page.getByTestId('stance-panel');
    await panel.waitFor({ timeout: 10_000 });
    check(await panel.getAttribute('data-label') === 'NO_EVIDENCE', 'the panel is marked NO_EVIDENCE');
    const said = await page.getByTestId('no-evidence').textContent();
    check(/^No evidence of how .+ stands towards /.test(said), `it says so in words: “${said}”`);
    const text = await panel.textContent();
    check(!/±0\.00/.test(text) && await panel.locator('.score, .label-badge').count() === 0, 'it shows no ±0.00 score and no label');
    check(await page.locator('.scale-track i').count() === 0, 'and no marker on the gauge');
    await shoot('stance-no-evidence');
  },

  // The stance view at corpus size: weight of evidence, the affiliates switch, a period, evidence page by page.
  async weighed() {
    const [from, to] = (argument ?? 'RUS,bashar-al-assad').split(',');
    await go(`/stance/${from}/${to}`);
    const panel = page.getByTestId('stance-panel');
    await panel.waitFor({ timeout: 10_000 });
    const certainty = await page.getByTestId('certainty').textContent();
    check(/\d+% sure, from \d+ sentences? in \d+ articles?/.test(certainty), `the stance says how sure it is: “${certainty.split('.')[0]}”`);
    const sentences = (c) => Number(c.match(/from (\d+) sentence/)[1]);
    const alone = sentences(certainty);
    await shoot('stance-weighed');
    await page.getByTestId('affiliates').check();
    await page.waitForURL(/affiliates=1/, { timeout: 5_000 });
    await page.getByTestId('certainty').waitFor();
    const withPeople = sentences(await page.getByTestId('certainty').textContent());
    check(withPeople >= alone, `with its people included it rests on ${withPeople} sentences (${alone} without)`);
    await page.getByTestId('stance-since').fill('2019-01-01');
    await page.getByTestId('stance-since').dispatchEvent('change');
    await page.waitForURL(/since=2019-01-01/, { timeout: 5_000 });
    await panel.waitFor();
    const dates = await page.getByTestId('evidence').locator('.ev-source .muted').allTextContents();
    check(dates.every((d) => /2019/.test(d)), `the period keeps evidence since 1 Jan 2019 (${dates.length} piece(s))`);
    check(await page.getByTestId('affiliates').isChecked(), 'and keeps the affiliates switch');
    await shoot('stance-weighed-2019');
    // The pair with the most evidence in the corpus (the US and its people towards Syria: 55 sentences) pages its evidence.
    await go('/stance/USA/SYR?affiliates=1');
    await panel.waitFor({ timeout: 10_000 });
    const limit = page.getByTestId('evidence-limit');
    const total = sentences(await page.getByTestId('certainty').textContent());
    const shown = await page.getByTestId('evidence').locator('li').count();
    if (total > shown) {
      check(/\d+ of \d+ pieces of evidence/.test(await limit.textContent()), `a notice says “${(await limit.textContent()).trim()}”`);
      await page.getByTestId('more-evidence').click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=evidence] > li').length > n, shown);
      check(true, `“more” shows ${await page.getByTestId('evidence').locator('li').count()} pieces`);
    } else {
      check(await limit.isHidden(), `all ${total} pieces are shown, with no notice`);
    }
  },

  // Actor search says when it shows fewer than match.
  async suggest() {
    await go('/');
    const box = page.getByTestId('home-search');
    await box.fill(argument ?? 'al');
    const more = page.locator('.hero .suggestions [data-testid=more-matches]');
    await more.waitFor({ timeout: 10_000 });
    const said = await more.textContent();
    check(/^8 of \d+ matches/.test(said), `the suggestions say “${said}”`);
  },

  // Paths up to the API's limit, and a notice when there are more than shown.
  async paths() {
    const [from, to] = (argument ?? 'emmanuel-macron,SOM').split(',');
    await go(`/path/${from}/${to}?maxHops=6&first=2`);
    await waitForDrawing('path');
    const hops = await page.getByTestId('max-hops').locator('option').allTextContents();
    check(hops.at(-1) === '≤ 6 hops', `the path view searches up to ${hops.at(-1)}`);
    const notice = page.getByTestId('paths-limit');
    const said = await notice.textContent();
    const [shown, all] = said.match(/(\d+) of (\d+)/).slice(1).map(Number);
    check(shown === 2 && all > 2, `a notice says “${said.trim()}”`);
    await notice.locator('button').click();
    await page.waitForURL(new RegExp(`first=${all}`), { timeout: 5_000 });
    await page.getByTestId('paths').locator('li').nth(all - 1).waitFor({ timeout: 10_000 });
    check(await page.getByTestId('paths').locator('li').count() === all && await notice.count() === 0, `“Show all” lists the ${all} paths`);
    await shoot('paths');
  },

  // Who supports and who opposes an actor: the surest first.
  async sides() {
    const actor = argument ?? 'bashar-al-assad';
    await go(`/sides/${actor}?min=1`);
    const supporters = page.getByTestId('supporters');
    await supporters.waitFor({ timeout: 10_000 });
    for (const list of ['supporters', 'opponents']) {
      const rows = await page.getByTestId(list).locator('li strong').allTextContents();
      const counts = (await page.getByTestId(list).locator('li .rests').allTextContents()).map((r) => Number(r.match(/^(\d+) sentences? in/)[1]));
      console.log(`${list}: ${rows.slice(0, 3).map((r, i) => `${r} (${counts[i]} sentences)`).join(', ')}`);
      check(rows.length >= 3, `${rows.length} ${list} are listed`);
      check(counts.slice(0, 3).every((c) => c >= 2), `the first three ${list} each rest on at least two sentences (${counts.slice(0, 3).join(', ')})`);
    }
    await shoot('sides');
  },

  // The article list at corpus size: headlines, dates, sources, snippets with the search words; an article's paragraphs.
  async articles() {
    const word = argument ?? 'Kurdish';
    await go(`/articles?search=${encodeURIComponent(word)}`);
    const list = page.getByTestId('articles');
    await list.locator('li').first().waitFor({ timeout: 10_000 });
    const first = list.locator('li').first();
    const id = await first.getAttribute('data-article');
    const headline = await first.locator('.headline').textContent();
    check(headline !== id && headline.length > 20, `articles show a headline, not their id: “${headline}”`);
    check(/\d{4}/.test(await first.locator('.muted').textContent()), `with the date and source (${(await first.locator('.muted').textContent()).trim()})`);
    const hits = await list.locator('.snippet mark.hit').allTextContents();
    check(hits.length > 0 && hits.every((h) => h.toLowerCase().startsWith(word.toLowerCase().slice(0, 4))), `and a snippet with “${word}” marked (${[...new Set(hits)].slice(0, 3).join(', ')})`);
    await shoot('articles');
    await first.locator('.headline').click();
    const body = page.getByTestId('article-text');
    await body.waitFor({ timeout: 10_000 });
    check(await page.locator('.reader h1').textContent() === headline, 'the article opens under the same headline');
    const breaks = await body.locator('.para-break').count();
    check(breaks >= 2, `its text is in ${breaks + 1} paragraphs`);
    await shoot('article-paragraphs');
  },

  async perf() {
    const actor = argument;
    await go(`/actor/${encodeURIComponent(actor)}`);
    const cold = await waitForDrawing('neighborhood');
    await page.evaluate(() => { window.__graph = undefined; });
    await page.reload();
    const warm = await waitForDrawing('neighborhood');
    console.log(`first drawing of ${actor}: ${cold.nodes.length} actors, ${cold.relationships} relationships drawn as ${cold.edges} edges`);
    console.log(`first load: ${cold.sinceNavigationMs} ms from navigation start, ${cold.drawnMs} ms from the GraphQL request (${cold.fetchMs} ms waiting for the answer)`);
    console.log(`reload: ${warm.sinceNavigationMs} ms from navigation start, ${warm.drawnMs} ms from the GraphQL request (${warm.fetchMs} ms waiting for the answer)`);
    await shoot('busiest');
  },
};

let failed = false;
try {
  if (!scenarios[scenario]) throw new Error(`unknown scenario ${scenario}`);
  await scenarios[scenario]();
  check(offsite.length === 0, `nothing fetched outside the server${offsite.length ? ': ' + offsite.join(', ') : ''}`);
  check(problems.length === 0, `no script errors${problems.length ? ': ' + problems.join(' / ') : ''}`);
} catch (e) {
  failed = true;
  console.log(`FAIL ${e.message}`);
  await page.screenshot({ path: join(shots, `failed-${scenario}.png`) }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
