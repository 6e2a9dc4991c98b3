#!/usr/bin/env node
// Compares the first render of the home page served from two or more web
// folders, runs alternated so that the machine's load falls on each alike;
// prints each one's medians and their ratio to the first. Run by hand:
//   node tests/browser/first-render-ab.mjs RUNS DIR_A DIR_B [DIR_C ...]
// e.g. a copy of web/ from before a change against web/ itself.
import { launchBrowser, startServer } from './harness.mjs';
import { measureFirstRender, median } from './first-render.mjs';

const [runsArg, ...dirs] = process.argv.slice(2);
const runs = Number(runsArg);
if (!runs || dirs.length < 2) {
  console.error('usage: node tests/browser/first-render-ab.mjs RUNS DIR_A DIR_B [DIR_C ...]');
  process.exit(2);
}
const servers = [];
for (const web of dirs) servers.push(await startServer({ web }));
const browser = await launchBrowser();
const results = dirs.map(() => []);
try {
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < dirs.length; k++) results[k].push(await measureFirstRender(browser, servers[k].base));
  }
} finally {
  await browser.close();
  for (const server of servers) await server.stop();
}
const base = { title: median(results[0].map((r) => r.title_ms)), results: median(results[0].map((r) => r.results_ms)) };
dirs.forEach((dir, k) => {
  const title = median(results[k].map((r) => r.title_ms));
  const shown = median(results[k].map((r) => r.results_ms));
  const fcp = median(results[k].map((r) => r.first_contentful_paint_ms ?? 0));
  console.log(`${dir}: title ${title} ms (×${(title / base.title).toFixed(2)}), results ${shown} ms (×${(shown / base.results).toFixed(2)}), ` +
    `first paint ${fcp} ms; ${results[k][0].requests} requests, ${results[k][0].scripts.length} scripts, ${results[k][0].stylesheets} stylesheets; ` +
    `title per run: ${results[k].map((r) => r.title_ms).join(' ')}`);
});
