// Live-chart redraw benchmark: node webapp/bench/charts.bench.mjs [updates]
// 12 uPlot charts, each holding an hour of 2 s points (1,800) for 4 series, in headless Chromium
// (Debian's, through playwright-core), fed the way the Overview feeds them: each update brings one
// new point per series to every chart (SeriesWindow.put + trim, the pages' own class), then every
// chart redraws. Reports the time per update for all 12 charts and per chart: p50, p99, max.
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
const seriesWindow = readFileSync(join(webapp,
  'src/main/resources/META-INF/resources/resources/app/view/monitoring/doflamingo/common/SeriesWindow.js'), 'utf8');

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
    const perUpdate = [];
    let t = start + POINTS * STEP;
    for (let u = 0; u < updates; u++) {
      t += STEP;
      const t0 = performance.now();
      for (const { w, plot } of charts) {
        for (let s = 0; s < SERIES; s++) w.put(s, t + s * 37, 100 + Math.random() * 60);
        w.trim();
        plot.setData(w.data);
      }
      await Promise.resolve(); // uPlot draws in a microtask queued by setData: wait for it
      perUpdate.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
    }
    return { perUpdate, points: charts[0].w.xs.length };
  }, updates);
  const sorted = result.perUpdate.slice().sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const f = (v) => v.toFixed(2);
  console.log(`12 charts x 4 series x ${result.points} points (1 h of 2 s), ${updates} updates, Chromium ${browser.version()}`);
  console.log(`redraw of all 12 charts per update: p50 ${f(q(0.5))} ms, p99 ${f(q(0.99))} ms, max ${f(sorted[sorted.length - 1])} ms`);
  console.log(`per chart: p50 ${f(q(0.5) / 12)} ms, p99 ${f(q(0.99) / 12)} ms`);
  console.log(q(0.99) <= 16 ? 'within the 16 ms budget' : 'OVER the 16 ms budget');
} finally {
  await browser.close();
}
