// First render of the home page: a fresh browser context each time (empty
// cache, as on a first visit), the server local. Measures the time from the
// start of the navigation to the page title (the h1) painted and to the
// first results painted, and counts the requests. The times are REPORTED
// (median of RUNS, every run listed), not asserted: they depend on the
// machine and its load. What is asserted: the page renders its title and
// results in every run without errors, and every module it loads is either
// its entry point or preloaded by index.html (so that the browser asks for
// all of them at once instead of one import level at a time; the list is
// written by scripts/web-preload.mjs).
//
// The figures go to the test's diagnostics and to
// tests/browser/artifacts/first-render.json. More runs:
//   CITYKB_FIRST_RENDER_RUNS=20 node --test tests/browser/first-render.test.mjs
// Before/after a change, alternated on one machine:
//   node tests/browser/first-render-ab.mjs 5 /tmp/web-before web
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, useServerAndBrowser } from './harness.mjs';
import { measureFirstRender, median } from './first-render.mjs';
import { currentLines, preloadLines } from '../../scripts/web-preload.mjs';

const RUNS = Number(process.env.CITYKB_FIRST_RENDER_RUNS) || 5;

const env = useServerAndBrowser();

test(`first render of the home page in a fresh context: median of ${RUNS} runs, reported`, async (t) => {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measureFirstRender(env.browser, env.server.base));
  const report = {
    runs: RUNS,
    median_title_ms: median(runs.map((r) => r.title_ms)),
    median_results_ms: median(runs.map((r) => r.results_ms)),
    median_first_contentful_paint_ms: median(runs.map((r) => r.first_contentful_paint_ms ?? 0)),
    title_ms: runs.map((r) => r.title_ms),
    results_ms: runs.map((r) => r.results_ms),
    requests: runs[0].requests,
    script_files: runs[0].scripts.length,
    stylesheets: runs[0].stylesheets,
    load_average: loadavg().map((v) => Number(v.toFixed(1))),
  };
  t.diagnostic(`first render of / over ${RUNS} fresh contexts: title ${report.median_title_ms} ms, results ${report.median_results_ms} ms (medians); ` +
    `title per run ${report.title_ms.join(', ')} ms; results per run ${report.results_ms.join(', ')} ms; ` +
    `${report.requests} requests, ${report.script_files} script files, ${report.stylesheets} stylesheets; ` +
    `machine load average ${report.load_average.join(' ')}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'first-render.json'), `${JSON.stringify(report, null, 2)}\n`);
  // Every module loaded is the entry point or preloaded; the list is current.
  const preloaded = new Set(currentLines().map((line) => /href="([^"]+)"/.exec(line)[1]));
  const late = runs[0].scripts.filter((url) => url !== '/js/app.js' && !preloaded.has(url));
  assert.deepEqual(late, [], 'modules the home page loads without index.html preloading them');
  assert.deepEqual(currentLines(), preloadLines(), 'web/index.html is out of date: run node scripts/web-preload.mjs --write');
});
