// Browser end-to-end test of the pages against a running standalone server:
//   node webapp/test/pages.test.mjs http://127.0.0.1:PORT/ [group-with-markup]
// Drives Debian's chromium (CHROMIUM or /usr/bin/chromium) through playwright-core. Checks: the
// menu opens Kafka, ZooKeeper and Flume; Overview charts get a point newer than the page load by
// push, without reload; health tiles have a health colour and a tooltip; the consumer-group grid
// pages and sorts on the server; a group name holding markup shows as text and runs nothing; the
// Kafka drill-down reaches a partition (Brokers, then Topics, a click on a topic, its Partitions).
// Exit code 0 when every check passes; each failure is printed.
import { chromium } from 'playwright-core';

const url = process.argv[2];
const markupGroup = process.argv[3] || '<script>alert(1)</script>';
if (!url) {
  console.error('usage: node pages.test.mjs <server url> [markup group name]');
  process.exit(2);
}
const failures = [];
function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures.push(what);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
let alerted = false;
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('dialog', async (d) => { alerted = true; await d.dismiss(); });
  page.on('pageerror', (e) => failures.push('page error: ' + e.message));
  const loadedAt = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.Ext && Ext.ComponentQuery.query('treepanel')[0]
    && Ext.ComponentQuery.query('treepanel')[0].getStore().getCount() > 0, null, { timeout: 30000 });

  async function open(name) {
    await page.locator('.x-tree-node-text', { hasText: new RegExp('^' + name + '$') }).click();
    await page.waitForFunction((n) => {
      const v = Ext.ComponentQuery.query('[area]').find((c) => c.isXType('panel') && c.controller && c.area === n);
      return !!v;
    }, name.toLowerCase(), { timeout: 20000 });
  }

  // Every area opens from the menu, its Overview drawing charts.
  for (const area of ['ZooKeeper', 'Flume', 'Kafka']) {
    await open(area);
    const charts = await page.waitForFunction(() => {
      const board = Ext.ComponentQuery.query('doflamingo-chartboard')[0];
      return board && document.querySelectorAll('.doflamingo-chart .u-over').length;
    }, null, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => 0);
    check(charts > 0, area + ': the menu opens it and its Overview draws charts (' + charts + ')');
  }

  // Kafka stays open: a pushed point newer than the page load reaches a chart without reload.
  const pushed = await page.waitForFunction((t) => Ext.ComponentQuery.query('doflamingo-livechart')
    .some((c) => c.lastPointMs && c.lastPointMs > t), loadedAt, { timeout: 20000 }).then(() => true).catch(() => false);
  check(pushed, 'Kafka Overview: a point newer than the page load arrives by push');

  // Health tiles: a colour and a tooltip naming the tile.
  const tiles = await page.waitForFunction(() => {
    const t = [...document.querySelectorAll('.doflamingo-tile')];
    return t.length && t.map((e) => ({ cls: e.className, tip: e.getAttribute('data-qtip') }));
  }, null, { timeout: 20000 }).then((h) => h.jsonValue()).catch(() => []);
  check(tiles.length > 0 && tiles.every((t) => /doflamingo-(green|amber|red|unknown)/.test(t.cls) && t.tip && t.tip.length > 0),
    'health tiles have a colour and a tooltip (' + tiles.length + ' tiles)');
  const first = page.locator('.doflamingo-tile').first();
  await first.hover();
  const tipShown = await page.waitForSelector('.x-tip', { state: 'visible', timeout: 5000 }).then(() => true).catch(() => false);
  check(tipShown, 'hovering a tile shows its tooltip');

  // Consumer groups: remote paging and sorting.
  await page.locator('.x-tab', { hasText: 'Consumer groups' }).click();
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/monitoring/kafka/lag?')) requests.push(r.url()); });
  await page.waitForFunction(() => {
    const s = Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0].getStore();
    return s.isLoaded && s.isLoaded() && !s.isLoading() && s.getTotalCount() > 0;
  }, null, { timeout: 30000 });
  const grid = await page.evaluate(() => {
    const s = Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0].getStore();
    return { total: s.getTotalCount(), rows: s.getCount(), pageSize: s.pageSize };
  });
  check(grid.total >= 1 && grid.rows <= grid.pageSize, 'groups grid shows a page (' + grid.rows + ' of ' + grid.total + ')');
  // the header's own sort (what a click on it runs): Ext's header markup differs between 5.1 and 6.2
  await page.evaluate(() => {
    const grid = Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0];
    grid.getColumns().find((c) => c.dataIndex === 'group').sort('ASC');
  });
  await page.waitForFunction(() => !Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0].getStore().isLoading());
  await page.waitForTimeout(300);
  check(requests.some((u) => /sort=group/.test(u) && /dir=(ASC|DESC)/.test(u)), 'sorting by group asks the server (sort=group)');
  const reqBefore = requests.length;
  await page.evaluate(() => new Promise((resolve) => {
    const s = Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0].getStore();
    s.setPageSize(1);
    s.loadPage(2, { callback: () => { s.setPageSize(100); s.loadPage(1, { callback: () => resolve() }); } });
  }));
  check(requests.slice(reqBefore).some((u) => /start=1\b/.test(u) && /limit=1\b/.test(u)), 'paging asks the server (start=1&limit=1)');

  // A group named with markup: shown as text in the grid, nothing executed.
  const filter = page.locator('input[placeholder="Group name contains…"]');
  await filter.fill('alert');
  const shown = await page.waitForFunction((name) => [...document.querySelectorAll('.x-grid-cell-inner')]
    .some((c) => c.textContent === name), markupGroup, { timeout: 30000 }).then(() => true).catch(() => false);
  check(shown, 'a group named ' + markupGroup + ' shows as text');
  check(!alerted && (await page.locator('.x-grid-cell-inner script').count()) === 0, 'and no script from it runs or enters the page');

  // ---- Kafka drill-down tables (brokers → topics → partitions); kept in this one block ----
  // Tabs are found by their component's title, so the checks hold in any of the four languages.
  async function kafkaTab(xtype) {
    const title = await page.evaluate((x) => Ext.ComponentQuery.query(x)[0].tab.getText(), xtype);
    await page.locator('.x-tab', { hasText: title }).first().click();
  }
  await kafkaTab('doflamingo-kafka-brokers');
  const brokers = await page.waitForFunction(() => {
    const s = Ext.ComponentQuery.query('doflamingo-kafka-brokers')[0].getStore();
    return s && !s.isLoading() && s.getCount() > 0 && s.getRange().map((r) => r.getData());
  }, null, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => []);
  check(brokers.length > 0 && brokers.some((b) => b.controller === true) && brokers.every((b) => b.state && b.health),
    'Brokers tab: ' + brokers.length + ' broker(s) with state and health, the controller marked');
  check(await page.locator('.doflamingo-controller').count() > 0, 'the controller is marked in the grid');

  await kafkaTab('doflamingo-kafka-topics');
  const topicShown = await page.waitForFunction((name) => [...document.querySelectorAll('.doflamingo-topic-link')]
    .some((c) => c.textContent === name), 'fast-messages', { timeout: 30000 }).then(() => true).catch(() => false);
  check(topicShown, 'Topics tab lists fast-messages');
  if (!topicShown) {
    console.log('topics grid: ' + await page.evaluate(() => {
      const s = Ext.ComponentQuery.query('doflamingo-kafka-topics')[0].getStore();
      return JSON.stringify({ url: s.getProxy().url, loading: s.isLoading(), rows: s.getRange().map((r) => r.get('topic')) });
    }));
  }
  const partitionRequests = [];
  page.on('request', (r) => { if (r.url().includes('/monitoring/kafka/partitions?')) partitionRequests.push(r.url()); });
  if (topicShown) await page.locator('.doflamingo-topic-link', { hasText: /^fast-messages$/ }).first().click();
  const partitionRows = await page.waitForFunction(() => {
    const grid = Ext.ComponentQuery.query('doflamingo-kafka-partitions')[0];
    const s = grid.getStore();
    return grid.isVisible(true) && s && !s.isLoading() && s.getProxy().getExtraParams().topic === 'fast-messages'
      && s.getCount() > 0 && s.getRange().map((r) => ({ topic: r.get('topic'), partition: r.get('partition'), leader: r.get('leader') }));
  }, null, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => []);
  check(partitionRows.length > 0 && partitionRows.every((r) => r.topic === 'fast-messages')
    && partitionRows.some((r) => typeof r.leader === 'number' && r.leader >= 0),
    'a click on the topic opens Partitions with its ' + partitionRows.length + ' partition(s), each with a leader');
  check(partitionRequests.some((u) => /[?&]topic=fast-messages\b/.test(u)), 'the partitions are filtered by the server (topic=fast-messages)');
  await page.evaluate(() => Ext.ComponentQuery.query('doflamingo-kafka-partitions')[0].getColumns()
    .find((c) => c.dataIndex === 'partition').sort('DESC'));
  await page.waitForFunction(() => !Ext.ComponentQuery.query('doflamingo-kafka-partitions')[0].getStore().isLoading());
  await page.waitForTimeout(300);
  check(partitionRequests.some((u) => /sort=partition/.test(u) && /dir=DESC/.test(u)), 'sorting partitions asks the server (sort=partition&dir=DESC)');
  // ---- end of the Kafka drill-down tables block ----
} finally {
  await browser.close();
}
if (failures.length) {
  console.log(failures.length + ' check(s) failed');
  process.exit(1);
}
console.log('all checks passed');
