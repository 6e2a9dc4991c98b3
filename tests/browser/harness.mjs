// Shared harness of the browser tests: starts a real citykb on a temporary
// data directory and an ephemeral port, drives Debian's Chromium with
// playwright-core, records console and page errors, runs axe-core and saves
// screenshots to tests/browser/artifacts/.
import { after, before } from 'node:test';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { makeDataDir, startCitykb } from '../support/server.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = join(ROOT, 'tests/browser/artifacts');
export const ADMIN_TOKEN = 'test-token';
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

const CHROMIUM = process.env.CITYKB_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Starts `citykb serve` (tests/support/server.mjs) on a fresh data directory
// (the corpus is ingested on first start), serving the web folder `web`
// (default web/). Resolves to {base, log(), stop()} once it listens.
export async function startServer({ writable = false, web = 'web' } = {}) {
  const server = await startCitykb({ dataDir: makeDataDir('citykb-browser-'), web, token: writable ? ADMIN_TOKEN : null,
    startTimeoutMs: 30000, killAfterMs: 5000 });
  return { base: server.base, log: server.log, stop: () => server.stop() };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

// A new browser context and page. Every console error and page error is
// recorded in `errors`; call expectNoErrors() at the end of the test.
export async function openPage(browser, base, { viewport = DESKTOP, clipboard = false, locale = 'fr-FR' } = {}) {
  const context = await browser.newContext({ viewport, baseURL: base, locale });
  if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url || ''})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure();
    if (failure && failure.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${request.url()} ${failure.errorText}`);
  });
  // No request may leave the server under test.
  await context.route((url) => !url.href.startsWith(base), (route) => {
    errors.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  return {
    page,
    context,
    errors,
    expectNoErrors() {
      assert.deepEqual(errors, [], `the page reported errors:\n${errors.join('\n')}`);
    },
    close: () => context.close(),
  };
}

// Runs axe-core on the page; fails on any serious or critical violation.
// The page's Content-Security-Policy forbids injected <script> tags (which
// page.addScriptTag would add), so axe is evaluated through the DevTools
// protocol instead, which the policy does not govern.
let axeSource = null;
export async function expectAccessible(page, label) {
  axeSource ??= readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${label}: accessibility violations:\n${JSON.stringify(bad, null, 2)}`);
  return result;
}

// Saves a full-page screenshot as artifacts/NAME.png.
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// Fails if the page is wider than its viewport (horizontal scrolling).
export async function expectNoHorizontalScroll(page, label) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${label}: page is ${scrollWidth}px wide in a ${innerWidth}px viewport`);
}

// GET base+path as JSON (for checking the page against the API).
export async function getJson(base, path) {
  const response = await fetch(base + path);
  assert.equal(response.status, 200, `GET ${path} answered ${response.status}`);
  return response.json();
}

// Waits until the search page has finished loading (no request in flight).
export async function searchSettled(page) {
  await page.waitForSelector('.results:not([aria-busy])');
  await page.waitForSelector('.results__count:not(:empty)');
}

/**
 * Starts a citykb and a browser before the file's tests and stops both after:
 * `const env = useServerAndBrowser()`, then `env.server.base`, `env.browser`.
 * `prepare(env)`, when given, runs once both are up (e.g. to add records).
 */
export function useServerAndBrowser(options = {}, prepare = null) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
    if (prepare) await prepare(env);
  });
  after(async () => {
    if (env.browser) await env.browser.close();
    if (env.server) await env.server.stop();
  });
  return env;
}

// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into objects
// keyed by the header line.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...lines] = rows;
  return lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}
