// Browser end-to-end test of the pages against a running standalone server:
//   node webapp/test/pages.test.mjs http://127.0.0.1:PORT/ [group-with-markup] [deleted-group]
// Drives Debian's chromium (CHROMIUM or /usr/bin/chromium) through playwright-core. Checks: the
// menu opens Kafka, ZooKeeper and Flume; Overview charts get a point newer than the page load by
// push, without reload; health tiles have a health colour and a tooltip; the consumer-group grid
// pages and sorts on the server; a group name holding markup shows as text and runs nothing; a
// group's partitions open below it; the Kafka drill-down reaches a partition (Brokers, then Topics,
// a click on a topic, its Partitions, replicas as broker ids); the Flume flow graph draws agents, components and the Kafka
// topic from the agents' configFile, every agent at once with the chosen one marked; the Timeline draws the stored history of a chosen past range;
// the Timeline's charts mark the listed events of their entities, a marker and its list row select each other;
// a click on a Timeline chart opens "What changed" there, and a row of it adds a chart;
// the pages speak Korean when asked; a WebSocket that SockJS gives up on is closed; no console errors. Exact checks of what a reader sees: every
// drawn line has a legend entry with a readable name; every value axis and hover value of a metric
// with a unit shows the unit; a time typed into the Timeline is honoured on Go and on Enter; an empty
// range says so; a group deleted from the cluster (deleted-group) leaves the groups list after the grace time. Exit code 0 when every check passes; each
// failure is printed. SCREENSHOTS=<dir> also saves a screenshot of each page there (README's).
// EXTJS=<an Ext JS SDK folder> runs the pages on that Ext JS instead of the server's 6.2.0 WebJar
// (build/ext-all.js and the Neptune theme package), e.g. Flamingo 2's own webapp/resources/ext (5.1.1).
import { check, finish, launch } from './checks.mjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const url = process.argv[2];
const markupGroup = process.argv[3] || '<script>alert(1)</script>';
const deletedGroup = process.argv[4];
if (!url) {
  console.error('usage: node pages.test.mjs <server url> [markup group name]');
  process.exit(2);
}
const screenshots = process.env.SCREENSHOTS;

const browser = await launch();
let alerted = false;
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  if (process.env.EXTJS) await serveExtJs(page, process.env.EXTJS);
  page.on('dialog', async (d) => { alerted = true; await d.dismiss(); });
  page.on('pageerror', (e) => check(false, 'no page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') check(false, 'no console error: ' + m.text() + ' ' + JSON.stringify(m.location())); });
  async function shot(name) {
    if (!screenshots) return;
    await page.waitForTimeout(500); // the last layout and chart frame
    await page.screenshot({ path: screenshots + '/' + name + '.png' });
  }
  const loadedAt = Date.now();
  await page.goto(url + '?lang=en');
  await page.waitForFunction(() => window.Ext && Ext.ComponentQuery.query('treepanel')[0]
    && Ext.ComponentQuery.query('treepanel')[0].getStore().getCount() > 0, null, { timeout: 30000 });
  console.log('Ext JS ' + await page.evaluate(() => Ext.getVersion().version));

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
    await shot(area.toLowerCase() + '-overview');
  }

  // Kafka stays open: a pushed point newer than the page load reaches a chart without reload.
  const pushed = await page.waitForFunction((t) => Ext.ComponentQuery.query('doflamingo-livechart')
    .some((c) => c.lastPointMs && c.lastPointMs > t), loadedAt, { timeout: 20000 }).then(() => true).catch(() => false);
  check(pushed, 'Kafka Overview: a point newer than the page load arrives by push');

  // Every drawn line is named in its chart's legend, readably, and every number carries its unit.
  const charts = await page.evaluate(() => {
    const Units = Flamingo2.view.monitoring.doflamingo.common.Units;
    return Ext.ComponentQuery.query('doflamingo-livechart').filter((c) => c.plot && c.isVisible(true)).map((c) => {
      const drawn = c.plot.series.slice(1).map((s) => s.label);
      const legend = [...c.plot.root.querySelectorAll('.u-legend .u-series')].slice(1).map((e) => e.querySelector('.u-label').textContent);
      const want = c.unit === 'bytes' || c.unit === 'bytes/s' ? 'B' : Units.suffix(c.unit);
      return { title: c.def.title, unit: c.unit, drawn, legend, want, ticks: c.plot.axes[1]._values || [],
        hover: c.plot.series.length > 1 ? c.plot.series[1].value(c.plot, 12.5) : '' };
    });
  });
  const unnamed = charts.filter((c) => c.drawn.length === 0 || c.legend.length !== c.drawn.length
    || c.drawn.some((l, i) => !l || l !== c.legend[i] || /\dthPercentile|^\d+$|:$/.test(l)) || new Set(c.drawn).size !== c.drawn.length);
  check(charts.length > 0 && unnamed.length === 0, 'Kafka Overview: every drawn line of ' + charts.length
    + ' charts has its own readable legend entry' + (unnamed.length ? ' (not: ' + JSON.stringify(unnamed) + ')' : ''));
  const unitless = charts.filter((c) => c.unit && (c.ticks.length < 2 || !c.ticks.every((t) => t.includes(c.want)) || !c.hover.includes(c.want)));
  check(charts.every((c) => c.unit) && unitless.length === 0, 'Kafka Overview: every value axis (two ticks or more) and hover value shows its unit'
    + (unitless.length ? ' (not: ' + JSON.stringify(unitless.map((c) => [c.title, c.unit, c.ticks, c.hover])) + ')' : ''));

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

  // A click on a chart opens the Timeline at that moment (a quarter of an hour either side, up to now).
  const box = await page.locator('.doflamingo-chart .u-over').first().boundingBox();
  const clickedAt = Date.now();
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.up();
  const jumped = await page.waitForFunction((t) => {
    const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((c) => c.area === 'kafka');
    // the click was near the right end of a 15-minute chart: a minute or two before t
    return timeline && timeline.isVisible() && timeline.from < t - 120000 && timeline.to > t - 120000
      && timeline.to - timeline.from <= 30 * 60000 && { from: timeline.from, to: timeline.to };
  }, clickedAt, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => null);
  check(jumped !== null, 'a click on a chart opens the Timeline around that moment ' + JSON.stringify(jumped));

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

  // Drill-down to a consumer group: selecting one lists its partitions with their lag below.
  await filter.fill('');
  await page.waitForFunction(() => {
    const s = Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0].getStore();
    return !s.isLoading() && s.getCount() > 0;
  }, null, { timeout: 30000 });
  const picked = await page.evaluate((markup) => {
    const grid = Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0];
    const record = grid.getStore().getRange().find((r) => r.get('group') !== markup) || grid.getStore().first();
    grid.getSelectionModel().select(record);
    return record.get('group');
  }, markupGroup);
  const partitions = await page.waitForFunction(() => {
    const grid = Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[1];
    const rows = grid && grid.getStore().getRange();
    return rows && rows.length && rows.every((r) => r.get('topic') && r.get('partition') !== undefined)
      && rows.map((r) => ({ topic: r.get('topic'), partition: r.get('partition'), lag: r.get('lag') }));
  }, null, { timeout: 20000 }).then((h) => h.jsonValue()).catch(() => []);
  check(partitions.length > 0 && partitions.some((r) => typeof r.lag === 'number'),
    'consumer group ' + picked + ': its partitions open below with their lag (' + partitions.length + ')');
  await shot('kafka-consumer-groups');

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
  // Replicas and in-sync replicas as broker ids: each cell lists the row's ids in order, the leader
  // marked, every replica outside the in-sync set marked out of sync, and nothing else.
  const replicaCells = await page.waitForFunction(() => {
    const grid = Ext.ComponentQuery.query('doflamingo-kafka-partitions')[0];
    const cols = grid.getColumns(), replicas = cols.find((c) => c.dataIndex === 'replicas'), isr = cols.find((c) => c.dataIndex === 'isr');
    const rows = grid.getStore().getRange();
    if (!rows.length || !rows.every((r) => r.get('replicaIds'))) return false;
    return rows.map((r) => {
      const cell = grid.getView().getCell(r, replicas).dom || grid.getView().getCell(r, replicas);
      const isrCell = grid.getView().getCell(r, isr).dom || grid.getView().getCell(r, isr);
      return {
        ids: r.get('replicaIds'), isr: r.get('isrIds'), leader: r.get('leader'), count: r.get('replicas'),
        text: cell.textContent.trim(), isrText: isrCell.textContent.trim(),
        leaderShown: [...cell.querySelectorAll('.doflamingo-leader')].map((e) => e.textContent),
        outShown: [...cell.querySelectorAll('.doflamingo-out-of-sync')].map((e) => e.textContent),
      };
    });
  }, null, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => []);
  check(replicaCells.length > 0 && replicaCells.every((c) => c.ids.length === c.count && c.text === c.ids.join(', ')
    && c.isrText === c.isr.join(', ') && c.isr.every((id) => c.ids.includes(id))
    && JSON.stringify(c.leaderShown) === JSON.stringify(c.ids.includes(c.leader) ? [String(c.leader)] : [])
    && JSON.stringify(c.outShown) === JSON.stringify(c.ids.filter((id) => !c.isr.includes(id)).map(String))),
  'Partitions: replicas and in-sync replicas as broker ids, the leader and any out-of-sync replica marked '
    + JSON.stringify(replicaCells.slice(0, 2)));
  // The demo's replicas are all in sync: the out-of-sync marking is checked on the renderer itself.
  const outOfSync = await page.evaluate(() => {
    const T = Flamingo2.view.monitoring.doflamingo.kafka.Tables, meta = {};
    const record = new Ext.data.Model({ leader: 3, replicas: 3, isr: 2, replicaIds: [3, 1, 2], isrIds: [3, 2] });
    const cell = document.createElement('div');
    cell.innerHTML = T.replicaIds(3, meta, record);
    const isrCell = document.createElement('div');
    isrCell.innerHTML = T.isrIds(2, {}, record);
    return { text: cell.textContent, leader: [...cell.querySelectorAll('.doflamingo-leader')].map((e) => e.textContent),
      out: [...cell.querySelectorAll('.doflamingo-out-of-sync')].map((e) => e.textContent), tip: meta.tdAttr || '',
      isr: isrCell.textContent, isrRed: !!isrCell.querySelector('.doflamingo-red-text') };
  });
  check(outOfSync.text === '3, 1, 2' && JSON.stringify(outOfSync.leader) === '["3"]' && JSON.stringify(outOfSync.out) === '["1"]'
    && /broker 3/.test(outOfSync.tip) && /broker 1/.test(outOfSync.tip) && outOfSync.isr === '3, 2' && outOfSync.isrRed,
  'Partitions: a replica out of the in-sync set is marked and named in the tooltip, the short in-sync list red '
    + JSON.stringify(outOfSync));
  await page.evaluate(() => Ext.ComponentQuery.query('doflamingo-kafka-partitions')[0].getColumns()
    .find((c) => c.dataIndex === 'partition').sort('DESC'));
  await page.waitForFunction(() => !Ext.ComponentQuery.query('doflamingo-kafka-partitions')[0].getStore().isLoading());
  await page.waitForTimeout(300);
  check(partitionRequests.some((u) => /sort=partition/.test(u) && /dir=DESC/.test(u)), 'sorting partitions asks the server (sort=partition&dir=DESC)');
  // ---- end of the Kafka drill-down tables block ----
  await shot('kafka-partitions');

  // ---- KRaft quorum tab (a ZooKeeper-mode cluster here: it answers the quorum call with none) ----
  const quorumAnswer = page.waitForResponse((r) => r.url().includes('/monitoring/kafka/quorum'), { timeout: 45000 })
    .then((r) => r.status()).catch(() => 0);
  await kafkaTab('doflamingo-kafka-quorum');
  const quorumStatus = await quorumAnswer;
  const quorumEmpty = await page.waitForFunction(() => {
    const grid = Ext.ComponentQuery.query('doflamingo-kafka-quorum')[0];
    return grid.isVisible(true) && grid.getStore().getCount() === 0
      && [...grid.el.dom.querySelectorAll('.x-grid-empty')].some((e) => e.textContent.trim().length > 0);
  }, null, { timeout: 45000 }).then(() => true).catch(() => false);
  check(quorumEmpty && quorumStatus === 200,
    'Quorum tab: GET /monitoring/kafka/quorum answered ' + quorumStatus + ', no quorum in ZooKeeper mode, its empty text shown');
  if (!quorumEmpty || quorumStatus !== 200) {
    console.log('quorum tab: ' + await page.evaluate(() => {
      const grid = Ext.ComponentQuery.query('doflamingo-kafka-quorum')[0];
      return JSON.stringify({ active: grid.up('tabpanel').getActiveTab().xtype, visible: grid.isVisible(true),
        rows: grid.getStore().getCount(), empty: [...grid.el.dom.querySelectorAll('.x-grid-empty')].map((e) => e.textContent) });
    }));
  }
  // ---- end of the KRaft quorum tab ----

  // Timeline: a chosen past range, from before the oldest stored point (GET retention) to 10 s ago
  // once at least 30 s are stored, is read from the stored history and drawn.
  await page.locator('.x-tab', { hasText: /^Timeline$/ }).click();
  const oldest = await page.waitForFunction(() => {
    const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka');
    return timeline.oldest && Date.now() - timeline.oldest > 30000 && timeline.oldest;
  }, null, { timeout: 45000 }).then((h) => h.jsonValue()).catch((e) => { console.log(e.message); return null; });
  check(oldest !== null, 'Timeline: the retained history is known (oldest point ' + oldest + ')');
  const range = await page.evaluate((since) => {
    const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka');
    timeline.setRange(since - 20000, Date.now() - 10000);
    return { from: timeline.from, to: timeline.to };
  }, oldest || Date.now() - 60000);
  const drawn = await page.waitForFunction((r) => {
    const charts = Ext.ComponentQuery.query('doflamingo-timelinechart').filter((c) => c.plot && c.window);
    const inRange = charts.filter((c) => c.window.xs.some((x, i) => x * 1000 >= r.from && x * 1000 <= r.to
      && c.window.ys.some((y) => y[i] !== null && y[i] !== undefined)));
    const scale = charts.length && charts[0].plot.scales.x;
    return inRange.length > 0 && scale && Math.abs(scale.min * 1000 - r.from) < 1000 && Math.abs(scale.max * 1000 - r.to) < 1000
      && inRange.length;
  }, range, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => 0);
  const seen = drawn ? '' : ', seen: ' + JSON.stringify(await page.evaluate(() => Ext.ComponentQuery.query('doflamingo-timelinechart')
    .map((c) => c.plot ? [c.window.xs[0], c.window.xs[c.window.xs.length - 1], c.plot.scales.x.min, c.plot.scales.x.max]
      : c.plotEl.dom.textContent)));
  check(drawn > 0, 'Timeline: a chosen past range ' + JSON.stringify(range) + ' shows stored history ('
    + drawn + ' charts with points in it' + seen + ')');
  await shot('kafka-timeline');

  // "What changed": a click on a Timeline chart opens the series ranked around that moment, each
  // named as text with a sparkline, and a row's button adds its series to the Timeline as a chart.
  const spot = await page.evaluate(() => {
    const chart = Ext.ComponentQuery.query('doflamingo-timelinechart').find((c) => c.area === 'kafka' && c.plot);
    if (!chart) return null;
    const r = chart.plot.over.getBoundingClientRect();
    return { x: r.left + r.width * 0.9, y: r.top + r.height / 2,
      at: Math.round(chart.plot.posToVal(r.width * 0.9, 'x') * 1000) };
  });
  if (spot) await page.mouse.click(spot.x, spot.y);
  const opened = await page.waitForFunction(() => {
    const w = Ext.ComponentQuery.query('doflamingo-whatchanged')[0];
    return w && w.isVisible() && w.at;
  }, null, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => null);
  check(spot && opened && Math.abs(opened - spot.at) < 5000,
    'What changed: a click on a Timeline chart opens the panel at that moment ' + JSON.stringify({ spot, opened }));
  // The history is young here (half a minute or more) and series start as their targets are read:
  // a moment typed into the panel, a quarter of a minute ago, ranked again (Rank) until 5 points
  // stand on each side of it.
  let changes = null;
  for (let attempt = 0; attempt < 12 && opened && !changes; attempt++) {
    await page.evaluate(() => {
      const w = Ext.ComponentQuery.query('doflamingo-whatchanged')[0];
      const at = new Date(Date.now() - 16000);
      w.down('#date').setValue(at);
      w.down('#time').setValue(at);
    });
    await page.locator('.doflamingo-whatchanged .x-btn', { hasText: /^Rank$/ }).click();
    changes = await page.waitForFunction(() => {
      const w = Ext.ComponentQuery.query('doflamingo-whatchanged')[0];
      const rows = w.getEl().dom.querySelectorAll('.doflamingo-change-row');
      return rows.length > 0 && { rows: rows.length, sparks: w.getEl().dom.querySelectorAll('.doflamingo-change-spark canvas').length,
        at: w.at, first: rows[0].querySelector('.doflamingo-change-name').textContent };
    }, null, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => null);
  }
  const panelText = changes ? '' : await page.evaluate(() => {
    const w = Ext.ComponentQuery.query('doflamingo-whatchanged')[0];
    return w ? w.getEl().dom.textContent : 'no panel';
  });
  check(changes && changes.rows > 0 && changes.sparks === changes.rows,
    'What changed: the series ranked around a typed moment, a sparkline each ' + JSON.stringify(changes) + panelText);
  check(await page.evaluate(() => document.querySelectorAll('.doflamingo-whatchanged script, .doflamingo-whatchanged b').length) === 0,
    'What changed: names are text, no markup of theirs in the panel');
  if (changes && changes.rows > 0) {
    await shot('kafka-what-changed');
    await page.locator('.doflamingo-whatchanged .doflamingo-change-add').first().click();
    const added = await page.waitForFunction(() => {
      const c = Ext.ComponentQuery.query('doflamingo-timelinechart').find((x) => x.changedSeriesId !== undefined);
      return c && c.plot && { id: c.changedSeriesId, title: c.titleEl.dom.textContent };
    }, null, { timeout: 20000 }).then((h) => h.jsonValue()).catch(() => null);
    check(added !== null && added.title === changes.first,
      'What changed: a row\'s button adds its series to the Timeline as a chart ' + JSON.stringify(added));
    await page.evaluate(() => Ext.ComponentQuery.query('doflamingo-whatchanged')[0].close());
  }
  // Events on the Timeline: a range from before the history to now holds at least Doflamingo's own
  // start; every chart marks exactly the listed events of its entities in its range (EventMarkers),
  // a marker clicked selects its row, a row picked marks its markers selected.
  await page.evaluate((since) => {
    const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka');
    timeline.setRange(since - 300000, Date.now());
  }, oldest || Date.now() - 600000);
  const marked = await page.waitForFunction(() => {
    const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka');
    const Markers = Flamingo2.view.monitoring.doflamingo.common.EventMarkers;
    const listed = timeline.eventList.store.getRange().map((r) => r.getData());
    if (!listed.some((e) => e.kind === 'doflamingo.start')) return false;
    const charts = timeline.charts().filter((c) => c.plot && c.shownSeries && c.shownSeries.length);
    const wrong = [];
    let markers = 0;
    for (const c of charts) {
      const min = c.plot.scales.x.min * 1000, max = c.plot.scales.x.max * 1000;
      const want = listed.filter((e) => e.time >= min && e.time <= max && Markers.belongs(e, c.shownSeries)).map((e) => e.id).sort();
      const got = [...c.plot.over.querySelectorAll('.doflamingo-event-marker')].map((m) => m.getAttribute('data-event-id')).sort();
      markers += got.length;
      if (JSON.stringify([...new Set(want)]) !== JSON.stringify(got)) wrong.push([c.def.title, want, got]);
    }
    return charts.length > 0 && markers > 0 && { charts: charts.length, markers, listed: listed.length, wrong };
  }, null, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => null);
  check(marked !== null && marked.wrong.length === 0, 'Timeline: every chart marks exactly the listed events of its entities '
    + JSON.stringify(marked));
  // a marker a person can click: the first icon not covered by another's (icons of close events
  // stack, and a chart added later can lie over the first one's)
  const clickable = await page.evaluate(() => [...document.querySelectorAll('.doflamingo-timeline .doflamingo-event-icon')].findIndex((e) => {
    const b = e.getBoundingClientRect();
    return b.width > 0 && document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2) === e;
  }));
  const icon = page.locator('.doflamingo-timeline .doflamingo-event-icon').nth(Math.max(0, clickable));
  const markerId = await icon.evaluate((e) => e.parentNode.getAttribute('data-event-id')).catch(() => null);
  const hover = await icon.getAttribute('title').catch(() => '');
  await icon.click().catch(() => {});
  const rowOfMarker = await page.waitForFunction((id) => {
    const list = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka').eventList;
    const s = list.getSelection()[0];
    return s && s.get('id') === id && s.get('kind');
  }, markerId, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => null);
  check(markerId && rowOfMarker && hover.includes(rowOfMarker), 'Timeline: a marker clicked selects its event\'s row ('
    + rowOfMarker + '; hover "' + hover + '")');
  const markersOfRow = await page.evaluate(() => {
    const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka');
    const store = timeline.eventList.store, record = store.getAt(store.getCount() - 1);
    timeline.eventList.getSelectionModel().select(record);
    const selected = [...document.querySelectorAll('.doflamingo-timeline .doflamingo-event-selected')];
    return { id: record.get('id'), selected: selected.length, same: selected.every((m) => m.getAttribute('data-event-id') === record.get('id')) };
  });
  check(markersOfRow.selected > 0 && markersOfRow.same, 'Timeline: a row picked marks its event on the charts ' + JSON.stringify(markersOfRow));
  await shot('kafka-timeline-events');

  // A time typed into the fields is the range's start, on Go and on Enter, with no Tab first.
  async function typeStart(ms, how) {
    const ids = await page.evaluate((at) => {
      const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka');
      const date = timeline.down('#date'), time = timeline.down('#time');
      return { date: date.inputEl.dom.id, time: time.inputEl.dom.id, dateText: Ext.Date.format(new Date(at), date.format),
        timeText: Ext.Date.format(new Date(at), time.format), go: timeline.down('#go').el.dom.id };
    }, ms);
    for (const [id, text] of [[ids.date, ids.dateText], [ids.time, ids.timeText]]) {
      // as a user does: select what the field holds, type over it
      await page.locator('#' + id).click();
      await page.locator('#' + id).press('Control+a');
      await page.locator('#' + id).pressSequentially(text);
    }
    if (how === 'Enter') await page.locator('#' + ids.time).press('Enter');
    else await page.locator('#' + ids.go).click();
    return page.waitForFunction((at) => {
      const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka');
      return Math.abs(timeline.from - at) < 1000 && { from: timeline.from, to: timeline.to };
    }, ms, { timeout: 5000 }).then((h) => h.jsonValue()).catch(async () => {
      console.log('  typed ' + JSON.stringify(ids) + ', the Timeline shows ' + await page.evaluate(() => {
        const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka');
        return JSON.stringify({ from: timeline.from, to: timeline.to, date: timeline.down('#date').getRawValue(), time: timeline.down('#time').getRawValue() });
      }));
      return null;
    });
  }
  const typed1 = Math.floor((Date.now() - 600000) / 1000) * 1000, typed2 = typed1 + 137000;
  const onGo = await typeStart(typed1, 'Go');
  check(onGo !== null, 'Timeline: a typed start ' + new Date(typed1).toISOString() + ' is honoured on Go ' + JSON.stringify(onGo));
  const onEnter = await typeStart(typed2, 'Enter');
  check(onEnter !== null, 'Timeline: a typed start ' + new Date(typed2).toISOString() + ' is honoured on Enter ' + JSON.stringify(onEnter));

  // A range with nothing stored says so, instead of drawing bare grids.
  const young = oldest && Date.now() - oldest < 40 * 60000;
  if (young) {
    const empty = await page.evaluate(() => {
      const timeline = Ext.ComponentQuery.query('doflamingo-timeline').find((t) => t.area === 'kafka');
      timeline.setRange(Date.now() - 58 * 60000, Date.now() - 50 * 60000);
      return Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.timeline.noData');
    });
    const said = await page.waitForFunction((text) => {
      const charts = Ext.ComponentQuery.query('doflamingo-timelinechart').filter((c) => c.area === 'kafka');
      // charts with series say so; a chart with none (no client JVM, no probe) says that instead
      const Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
      const said = charts.filter((c) => c.plotEl.dom.textContent === text);
      return said.length && charts.every((c) => !c.plot && (c.plotEl.dom.textContent === text
        || c.plotEl.dom.textContent === Messages.t('doflamingo.chart.noSeries', c.def.metric))) && said.length;
    }, empty, { timeout: 20000 }).then((h) => h.jsonValue()).catch(() => 0);
    check(said > 0, 'Timeline: a range before the history says "' + empty + '" on every chart (' + said + ')');
  }

  // Flume's flow graph: the agents as boxes with their components inside, the Kafka sink's topic
  // as an end node, every name as SVG text (no element inside a text node).
  await open('Flume');
  await page.locator('.x-tab', { hasText: 'Flow' }).click();
  const flow = await page.waitForFunction(() => {
    const agents = document.querySelectorAll('.doflamingo-flow-agent').length;
    const parts = document.querySelectorAll('.doflamingo-flow-node').length;
    const topics = document.querySelectorAll('.doflamingo-flow-end[data-kind="topic"]').length;
    return agents > 0 && parts >= 3 && topics > 0 && {
      agents, parts, topics,
      markup: document.querySelectorAll('.doflamingo-flow text *:not(title)').length,
      dashed: document.querySelectorAll('.doflamingo-flow-dashed').length,
    };
  }, null, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => null);
  check(flow !== null, 'Flume Flow: agents drawn as boxes with their components and the Kafka topic as an end node '
    + JSON.stringify(flow));
  check(flow !== null && flow.markup === 0 && flow.dashed === 0,
    'Flume Flow: names are plain text, and the wiring from the agents\' configFile is drawn solid');
  // The whole network by default: every configured agent drawn, the one chosen above marked; the
  // other scope asks for the chosen agent's neighbourhood only.
  const allAgents = await page.evaluate(() => {
    const view = Ext.ComponentQuery.query('doflamingoFlume')[0];
    const combo = view.lookupReference ? view.lookupReference('cluster') : view.down('combo');
    return {
      configured: combo.getStore().getRange().map((r) => r.get('name')).sort(),
      drawn: [...document.querySelectorAll('.doflamingo-flow-agent-name')].map((e) => e.textContent.split(' · ')[0]).sort(),
      chosen: [...document.querySelectorAll('.doflamingo-flow-chosen .doflamingo-flow-agent-name')].map((e) => e.textContent.split(' · ')[0]),
      picked: combo.getValue(),
      // on screen, not only in the DOM: the graph's box inside the viewport, below the toolbar
      box: (() => {
        const svg = document.querySelector('.doflamingo-flow svg'), r = svg && svg.getBoundingClientRect();
        const hit = r && document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, window.innerHeight - r.top) / 2);
        return r && { w: Math.round(r.width), h: Math.round(r.height), top: Math.round(r.top), visible: !!hit && svg.contains(hit) };
      })(),
    };
  });
  check(allAgents.configured.length > 0 && JSON.stringify(allAgents.drawn) === JSON.stringify(allAgents.configured)
    && JSON.stringify(allAgents.chosen) === JSON.stringify([allAgents.picked])
    && allAgents.box && allAgents.box.w > 400 && allAgents.box.h > 100 && allAgents.box.top < 1000 && allAgents.box.visible,
  'Flume Flow: all agents at once, the chosen one marked ' + JSON.stringify(allAgents));
  const neighbours = page.waitForRequest((r) => r.url().includes('/monitoring/flume/flows?') && r.url().includes('clusterName='),
    { timeout: 20000 }).then(() => true).catch(() => false);
  await page.locator('.doflamingo-flow .x-segmented-button-item').nth(1).click();
  check(await neighbours, 'Flume Flow: the second scope asks for the chosen agent and its neighbours (clusterName=)');
  await page.locator('.doflamingo-flow .x-segmented-button-item').nth(0).click();
  await page.waitForTimeout(1000);
  await shot('flume-flow');

  // A group deleted from the cluster leaves the list once its grace time (5 group cycles) is over.
  if (deletedGroup) {
    await open('Kafka');
    await page.locator('.x-tab', { hasText: 'Consumer groups' }).click();
    const gone = await page.waitForFunction((name) => {
      const s = Ext.ComponentQuery.query('doflamingo-kafka-groups grid')[0].getStore();
      if (s.isLoading()) return false;
      const listed = s.getRange().some((r) => r.get('group') === name);
      if (listed || !window.__ghostAsked) { window.__ghostAsked = true; s.reload(); return false; }
      return true;
    }, deletedGroup, { timeout: 120000, polling: 3000 }).then(() => true).catch(() => false);
    check(gone, 'Consumer groups: ' + deletedGroup + ', deleted from the cluster, is no longer listed after the grace time');
  }

  // The pages in another language: Korean labels from the module's bundle, names still as they are.
  await page.goto(url + '?lang=ko');
  await page.waitForFunction(() => window.Ext && Ext.ComponentQuery.query('treepanel')[0]
    && Ext.ComponentQuery.query('treepanel')[0].getStore().getCount() > 0, null, { timeout: 30000 });
  await open('Kafka');
  const tabs = await page.evaluate(() => [...document.querySelectorAll('.x-tab')].map((t) => t.textContent.trim()));
  check(tabs.includes('개요') && tabs.includes('타임라인'), 'Korean: the tabs read ' + tabs.join(', '));

  // A WebSocket too slow to open: SockJS falls back to HTTP streaming and the page must close the
  // WebSocket it gave up on (SockJS 1.0.0 leaves it open, and the host logs an ERROR when it closes
  // that silent session a minute later). The first WebSocket's frames are held 3 s here.
  const slow = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  let slowClosed = null, slowOpened = 0;
  const routed = Date.now();
  await slow.routeWebSocket(/\/websocket\//, (ws) => {
    const held = slowOpened++ === 0;
    const server = ws.connectToServer();
    server.onMessage((m) => { if (held) setTimeout(() => ws.send(m), 3000); else ws.send(m); });
    ws.onMessage((m) => server.send(m));
    ws.onClose(() => { if (held && slowClosed === null) slowClosed = Date.now() - routed; server.close(); });
  });
  await slow.goto(url + '?lang=en');
  await slow.waitForFunction(() => window.Ext && Ext.ComponentQuery.query('treepanel')[0]
    && Ext.ComponentQuery.query('treepanel')[0].getStore().getCount() > 0, null, { timeout: 30000 });
  await slow.locator('.x-tree-node-text', { hasText: /^Kafka$/ }).click();
  const live = await slow.waitForFunction(() => {
    const c = Flamingo2.view.monitoring.doflamingo.common.Live;
    return c.connected && c.client && c.client.ws && c.client.ws.transport;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => null);
  await slow.waitForTimeout(2000);
  check(live !== null && live !== 'websocket' && slowClosed !== null,
    'a WebSocket too slow to open: the page goes on over ' + live + ' and closes the WebSocket it gave up on ('
      + (slowClosed === null ? 'still open' : 'closed ' + slowClosed + ' ms after the page opened') + ')');
  await slow.close();
} finally {
  await browser.close();
}
/** The WebJar's Ext JS 6.2.0 files answered from an Ext JS SDK folder (5.x and 6.x lay them out alike). */
async function serveExtJs(page, sdk) {
  const theme = join(sdk, 'packages/ext-theme-neptune/build');
  const files = [
    [/\/build\/ext-all\.js$/, () => join(sdk, 'build/ext-all.js')],
    [/\/classic\/theme-neptune\/theme-neptune\.js$/, () => join(theme, 'ext-theme-neptune.js')],
    [/\/classic\/theme-neptune\/resources\/theme-neptune-all\.css$/, () => join(theme, 'resources/ext-theme-neptune-all.css')],
    [/\/classic\/theme-neptune\/resources\/(.+)$/, (m) => join(theme, 'resources', m[1])],
  ];
  await page.route('**/webjars/extjs/6.2.0/**', async (route) => {
    const path = new URL(route.request().url()).pathname;
    for (const [pattern, file] of files) {
      const m = pattern.exec(path);
      if (!m) continue;
      const type = path.endsWith('.js') ? 'application/javascript' : path.endsWith('.css') ? 'text/css' : undefined;
      try {
        return await route.fulfill({ body: await readFile(file(m)), contentType: type });
      } catch (e) {
        return route.fulfill({ status: 404 }); // not in that SDK: the page shows what is missing
      }
    }
    return route.fulfill({ status: 404 });
  });
  console.log('Ext JS from ' + sdk);
}

finish();
