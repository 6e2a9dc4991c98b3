// Every page of the UI and its HTTP status: 200 for a page whose record
// exists, 404 for a missing record or an unknown path. Every page is asked
// for over HTTP (every city, source, person and record, from the API); the
// fixed pages, one page of each kind and the missing ones are also loaded in
// the browser, which must get the same status and render the page's title
// (or the not-found view, never an error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, openPage, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

async function everyPage(base) {
  const { cities } = await getJson(base, '/api/cities');
  const { sources } = await getJson(base, '/api/sources');
  const people = new Set();
  for (const city of cities) {
    const page = await getJson(base, `/api/cities/${encodeURIComponent(city.slug)}`);
    for (const person of page.people || []) people.add(person.id);
  }
  const ids = [];
  for (let n = 1; ; n++) {
    const answer = await getJson(base, `/api/search?per_page=100&page=${n}`);
    ids.push(...answer.hits.map((hit) => hit.id));
    if (n * 100 >= answer.total) break;
  }
  const path = (kind, id) => `/${kind}/${encodeURIComponent(id)}`;
  return [
    ...['/', '/search', '/search?q=données', '/compare', '/compare?theme=governance', '/timeline', '/sources', '/add']
      .map((p) => ({ path: p, status: 200 })),
    ...cities.map((c) => ({ path: path('cities', c.slug), status: 200 })),
    ...sources.map((s) => ({ path: path('sources', s.id), status: 200 })),
    ...[...people].map((id) => ({ path: path('people', id), status: 200 })),
    ...ids.map((id) => ({ path: path('documents', id), status: 200 })),
    ...['/nowhere', '/documents/does-not-exist', '/cities/nowhere', '/people/nobody', '/sources/none', '/compare/extra', '/search/x/y']
      .map((p) => ({ path: p, status: 404 })),
  ];
}

test('every page answers its HTTP status; in the browser it renders its title or the not-found view', async () => {
  const pages = await everyPage(env.server.base);
  const wrong = [];
  for (const { path, status } of pages) {
    const response = await fetch(env.server.base + path, { headers: { Accept: 'text/html' } });
    if (response.status !== status) wrong.push(`${path}: HTTP ${response.status}, expected ${status}`);
    if (!/text\/html/.test(response.headers.get('content-type') || '')) wrong.push(`${path}: not the page`);
    await response.arrayBuffer();
  }
  assert.deepEqual(wrong, []);
  assert.ok(pages.length > 20, `${pages.length} pages`);

  // In the browser: the fixed pages, the first page of each kind, the missing ones.
  const kinds = new Set();
  const sample = pages.filter(({ path, status }) => {
    const kind = /^\/(cities|sources|people|documents)\//.exec(path);
    if (!kind || status === 404) return true;
    if (kinds.has(kind[1])) return false;
    kinds.add(kind[1]);
    return true;
  });
  const p = await openPage(env.browser, env.server.base);
  for (const { path, status } of sample) {
    const sep = path.includes('?') ? '&' : '?';
    const response = await p.page.goto(`${path}${sep}lang=fr`);
    if (response.status() !== status) wrong.push(`${path}: the browser got HTTP ${response.status()}, expected ${status}`);
    // The page's title once its data has arrived (never the loading text).
    const title = await p.page.waitForFunction(() => {
      const h1 = document.querySelector('main h1');
      const text = h1 && h1.textContent.trim();
      return text && text !== 'Chargement…' && !document.querySelector('main [aria-busy="true"], main .page-loading') && text;
    });
    const text = await title.jsonValue();
    if (text === 'Impossible d’afficher cette page') wrong.push(`${path}: shows an error`);
    else if ((status === 404) !== (text === 'Page introuvable')) wrong.push(`${path}: titled « ${text} »`);
  }
  assert.deepEqual(wrong, []);
  // Missing pages answer 404, which the browser logs; nothing else may fail.
  assert.deepEqual(p.errors.filter((e) => !/status of 404/.test(e)), []);
  await p.close();
});
