// Consumer-groups page benchmark: node webapp/bench/groups.bench.mjs <server url> [rounds] [filter]
// Drives the Kafka page's Consumer groups tab in headless Chromium (Debian's, through playwright-core)
// against a running server, as a user does, and times what the user waits for, from the action to the
// grid's rows on screen (the store loaded and the rows rendered):
//  - first rows: the first click on the tab until its first page of groups shows (once), and the
//    first page asked for again (each round);
//  - sort: a header sort (maxLag descending, then group ascending) until the sorted page shows;
//  - filter as you type: the filter's text typed a key at a time (70 ms apart, a quick typist), from
//    the last key until the rows of that filter show (the field waits 300 ms for typing to stop).
// Each measured `rounds` times (default 10); prints p50 / p99 / max per action and the rows shown. Run
// it through java/bench's GroupsPageBenchmark, which starts a server holding N groups fed every step.
import { launch } from '../test/checks.mjs';

const url = process.argv[2];
const rounds = Number(process.argv[3] || 10);
const filterText = process.argv[4] || 'group-0123';
if (!url) {
  console.error('usage: node groups.bench.mjs <server url> [rounds] [filter]');
  process.exit(2);
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const report = (name, xs, extra) => console.log(`  ${name.padEnd(24)} p50 ${pct(xs, 50).toFixed(0).padStart(6)} ms  p99 ${pct(xs, 99)
  .toFixed(0).padStart(6)} ms  max ${Math.max(...xs).toFixed(0).padStart(6)} ms  (${xs.length} times${extra ? ', ' + extra : ''})`);

// The grid's store has loaded after `since` and its rows are in the DOM: what the user sees.
const shown = (page, since, check) => page.waitForFunction(([t, c]) => {
  const grid = Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0];
  if (!grid || !grid.isVisible(true)) return false;
  const s = grid.getStore();
  if (s.isLoading() || !s.lastLoadedAt || s.lastLoadedAt < t || s.getCount() === 0) return false;
  const rows = grid.getEl().dom.querySelectorAll('.x-grid-row, .x-grid-item');
  if (rows.length === 0) return false;
  if (c === 'filter' && !s.getAt(0).get('group').includes(window.benchFilter)) return false;
  return { rows: s.getCount(), total: s.getTotalCount(), at: performance.now() };
}, [since, check], { timeout: 60000, polling: 'raf' }).then((h) => h.jsonValue());

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(url + '?lang=en');
  await page.waitForFunction(() => window.Ext && Ext.ComponentQuery.query('treepanel')[0]
    && Ext.ComponentQuery.query('treepanel')[0].getStore().getCount() > 0, null, { timeout: 60000 });
  await page.locator('.x-tree-node-text', { hasText: /^Kafka$/ }).click();
  await page.waitForSelector('.x-tab:has-text("Consumer groups")', { timeout: 30000 });
  // every load of the groups' store stamped, in the page's clock
  await page.evaluate((f) => {
    window.benchFilter = f;
    Ext.util.Observable.observe(Ext.data.Store, { load: (s) => { s.lastLoadedAt = performance.now(); } });
  }, filterText);
  const now = () => page.evaluate(() => performance.now());

  // first rows: the tab's first opening (its grid made and its first page asked for)
  let t0 = await now();
  await page.locator('.x-tab', { hasText: 'Consumer groups' }).click();
  let rows = await shown(page, t0);
  const first = rows.at - t0;
  const reload = [];
  const sort = [];
  const filter = [];
  let filtered = null;
  const field = page.locator('input[placeholder="Group name contains…"]');
  for (let r = 0; r < rounds; r++) {
    // the first page asked for again (what paging back to it or a refresh costs)
    t0 = await now();
    await page.evaluate(() => Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0].getStore().loadPage(1));
    rows = await shown(page, t0);
    reload.push(rows.at - t0);

    for (const [column, dir] of [['maxLag', 'DESC'], ['group', 'ASC']]) {
      t0 = await now();
      await page.evaluate(([c, d]) => Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0].getColumns()
        .find((x) => x.dataIndex === c).sort(d), [column, dir]);
      const s = await shown(page, t0);
      sort.push(s.at - t0);
    }

    // typed a key at a time; timed from the last key
    await field.click();
    for (const ch of filterText.slice(0, -1)) {
      await field.press(ch);
      await page.waitForTimeout(70);
    }
    t0 = await now();
    await field.press(filterText.slice(-1));
    filtered = await shown(page, t0, 'filter');
    filter.push(filtered.at - t0);
    t0 = await now();
    await field.fill('');
    await shown(page, t0);
  }
  console.log(`consumer-groups page at ${url}: ${rows.total} groups, pages of ${rows.rows} rows`);
  console.log(`  first rows (first opening)  ${first.toFixed(0)} ms`);
  report('first page again', reload);
  report('sort (header)', sort);
  report('filter as you type', filter, `"${filterText}": ${filtered.total} groups, after the field's 300 ms pause`);
} finally {
  await browser.close();
}
