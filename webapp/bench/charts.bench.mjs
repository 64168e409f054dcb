// Live-chart redraw benchmark: node webapp/bench/charts.bench.mjs [updates]
// 12 uPlot charts, each holding an hour of 2 s points (1,800) for 4 series, in headless Chromium
// (Debian's, through playwright-core), fed the way the Overview feeds them: each update brings one
// new point per series to every chart (SeriesWindow.put + trim, the pages' own class). Two ways of
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
const seriesWindow = readFileSync(join(common, 'SeriesWindow.js'), 'utf8');
const redrawQueue = readFileSync(join(common, 'RedrawQueue.js'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  await page.setContent('<!DOCTYPE html><html><head><style>' + uplotCss + '</style></head><body></body></html>');
  await page.addScriptTag({ content: ext });
  await page.addScriptTag({ content: uplot });
  await page.addScriptTag({ content: seriesWindow });
  await page.addScriptTag({ content: redrawQueue });
  const result = await page.evaluate(async (updates) => {
    const CHARTS = 12, SERIES = 4, STEP = 2000, POINTS = 1800;
    const start = Date.now() - POINTS * STEP;
    const charts = [];
    for (let c = 0; c < CHARTS; c++) {
      const w = Ext.create('Flamingo2.view.monitoring.doflamingo.common.SeriesWindow', SERIES, STEP, 3600 * 1000);
      w.fill(Array.from({ length: SERIES }, (_, s) => ({
        start, step: STEP, values: Array.from({ length: POINTS }, (_, i) => 100 + 50 * Math.sin(i / 50 + s + c) + Math.random() * 10),
      })));
      const el = document.createElement('div');
      document.body.appendChild(el);
      const plot = new uPlot({
        width: 500, height: 160, scales: { x: { time: true } }, legend: { live: true },
        cursor: { sync: { key: 'bench' } },
        series: [{}].concat(Array.from({ length: SERIES }, (_, s) => ({ label: 's' + s, stroke: ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'][s], width: 1.5, points: { show: false } }))),
      }, w.data, el);
      charts.push({ w, plot });
    }
    // drawn now, as LiveChart.redraw does (uPlot's batch skips its microtask)
    for (const c of charts) c.redraw = () => c.plot.batch((p) => p.setData(c.w.data));
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
      for (const { w } of charts) {
        for (let s = 0; s < SERIES; s++) w.put(s, t + s * 37, 100 + Math.random() * 60);
        w.trim();
      }
      if (u % 2 === 0) {
        const t0 = performance.now();
        for (const c of charts) c.redraw();
        const took = performance.now() - t0;
        results.once.total.push(took);
        results.once.longest.push(took);
        results.once.frames.push(1);
      } else {
        frameTimes = [];
        for (const c of charts) queue.request(c);
        while (queue.waiting.length || queue.frame !== null) await nextFrame();
        results.queued.total.push(frameTimes.reduce((a, b) => a + b, 0));
        results.queued.longest.push(Math.max(...frameTimes));
        results.queued.frames.push(frameTimes.length);
      }
      await nextFrame();
    }
    return { results, points: charts[0].w.xs.length };
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
