// Live-chart redraw benchmark: node webapp/bench/charts.bench.mjs [updates]
// 12 uPlot charts, each holding an hour of 2 s points (1,800) for 4 series, in headless Chromium
// (Debian's, through playwright-core), fed the way the Overview feeds them: each update brings one
// new point per series to every chart. The charts are the pages' own LiveChart components (their
// plot options, SeriesWindow and RedrawQueue); only REST and STOMP are left out. Two ways of
// redrawing, taking turns in the same page:
//  - all at once: the 12 charts drawn in one go (what the pages did before the RedrawQueue);
//  - queued: the pages' RedrawQueue, a few charts per animation frame within its budget.
// Reports per update the drawing time of all 12 charts, and the longest single frame's drawing
// time (what the user feels as a stutter): p50, p99, max; and how many frames an update took.
// Needs the built pages (mvn -B -q install -DskipTests -pl webapp) for the Ext JS WebJar and uPlot.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webapp = join(dirname(fileURLToPath(import.meta.url)), '..');
const updates = Number(process.argv[2] || 300);
const extJar = join(homedir(), '.m2/repository/org/webjars/extjs/6.2.0/extjs-6.2.0.jar');
const ext = execFileSync('unzip', ['-p', extJar, 'META-INF/resources/webjars/extjs/6.2.0/build/ext-all.js'], { maxBuffer: 64 << 20 }).toString();
const uplot = readFileSync(join(webapp, 'node_modules/uplot/dist/uPlot.iife.min.js'), 'utf8');
const uplotCss = readFileSync(join(webapp, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8');
const common = join(webapp, 'src/main/resources/META-INF/resources/resources/app/view/monitoring/doflamingo/common');
// the pages' own classes, dependencies first: the charts are real LiveCharts fed as the push feeds them
const classes = ['Messages', 'Units', 'Time', 'Rest', 'Libs', 'Live', 'ChartCatalogue', 'SeriesWindow', 'RedrawQueue', 'LiveChart']
  .map((name) => readFileSync(join(common, name + '.js'), 'utf8'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  await page.setContent('<!DOCTYPE html><html><head><style>' + uplotCss + '</style></head><body></body></html>');
  await page.addScriptTag({ content: ext });
  await page.addScriptTag({ content: uplot });
  for (const source of classes) await page.addScriptTag({ content: source });
  const result = await page.evaluate(async (updates) => {
    const CHARTS = 12, SERIES = 4, STEP = 2000, POINTS = 1800;
    const start = Date.now() - POINTS * STEP;
    const charts = [];
    for (let c = 0; c < CHARTS; c++) {
      const chart = Ext.create('Flamingo2.view.monitoring.doflamingo.common.LiveChart', {
        renderTo: document.body, width: 500, height: 230, area: 'kafka', unit: 'bytes/s',
        def: { key: 'bench' + c, title: 'Chart ' + c, metric: 'bench.metric', by: 'broker' },
      });
      const series = Array.from({ length: SERIES }, (_, s) => ({ id: c * SERIES + s, labels: { broker: String(s) }, label: String(s) }));
      chart.draw(series, series.map((x, s) => ({
        id: x.id, start, step: STEP,
        values: Array.from({ length: POINTS }, (_, i) => 1e5 + 5e4 * Math.sin(i / 50 + s + c) + Math.random() * 1e4),
      })));
      chart.ids = series.map((x) => x.id);
      charts.push(chart);
    }
    const queue = Flamingo2.view.monitoring.doflamingo.common.RedrawQueue;
    const drawFrame = queue.drawFrame;
    let frameTimes = [];
    queue.drawFrame = function () {
      const t0 = performance.now();
      drawFrame();
      frameTimes.push(performance.now() - t0);
    };
    const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
    const results = { once: { total: [], longest: [], frames: [] }, queued: { total: [], longest: [], frames: [] } };
    let t = start + POINTS * STEP;
    for (let u = 0; u < 2 * updates; u++) {
      t += STEP;
      const points = (c) => Array.from({ length: SERIES }, (_, s) => [c.ids[s], t + s * 37, 1e5 + Math.random() * 6e4]);
      if (u % 2 === 0) {
        const t0 = performance.now();
        for (const c of charts) {
          for (const [id, time, value] of points(c)) c.window.put(c.index[id], time, value);
          c.window.trim();
          c.redraw();
        }
        const took = performance.now() - t0;
        results.once.total.push(took);
        results.once.longest.push(took);
        results.once.frames.push(1);
      } else {
        frameTimes = [];
        for (const c of charts) c.addPoints(points(c)); // the push's path: into the window, then queued
        while (queue.waiting.length || queue.frame !== null) await nextFrame();
        results.queued.total.push(frameTimes.reduce((a, b) => a + b, 0));
        results.queued.longest.push(Math.max(...frameTimes));
        results.queued.frames.push(frameTimes.length);
      }
      await nextFrame();
    }
    return { results, points: charts[0].window.xs.length };
  }, updates);
  const f = (v) => v.toFixed(2);
  const stats = (list) => {
    const sorted = list.slice().sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    return { p50: q(0.5), p99: q(0.99), max: sorted[sorted.length - 1] };
  };
  console.log(`12 charts x 4 series x ${result.points} points (1 h of 2 s), ${updates} updates each way, Chromium ${browser.version()}`);
  for (const [name, r] of Object.entries(result.results)) {
    const total = stats(r.total), longest = stats(r.longest), frames = stats(r.frames);
    console.log(`${name.padEnd(6)} all 12 charts: p50 ${f(total.p50)} ms, p99 ${f(total.p99)} ms, max ${f(total.max)} ms;`
      + ` longest frame: p50 ${f(longest.p50)} ms, p99 ${f(longest.p99)} ms, max ${f(longest.max)} ms;`
      + ` frames per update: p50 ${frames.p50}, max ${frames.max}`);
  }
  const queued = stats(result.results.queued.longest);
  console.log(queued.p99 <= 16 ? 'queued: longest frame within the 16 ms budget at p99' : 'queued: longest frame OVER the 16 ms budget at p99');
} finally {
  await browser.close();
}
