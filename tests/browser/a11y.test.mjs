// axe-core on every page, in French and English, at 1280 and 375 px: no
// violation of any impact (the harness's expectAccessible fails on serious
// and critical ones only; this test holds every page to all of them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, expectAccessible, getJson, openPage, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

// Each page and what shows that it has finished loading.
async function pages(base) {
  const { cities } = await getJson(base, '/api/cities');
  const city = await getJson(base, `/api/cities/${cities[0].slug}`);
  const person = (city.people || [])[0];
  const { sources } = await getJson(base, '/api/sources');
  const hit = (await getJson(base, '/api/search?per_page=1')).hits[0];
  return [
    { name: 'search', path: '/search?q=données', ready: '.results:not([aria-busy]) .results__count:not(:empty)' },
    { name: 'compare', path: '/compare?theme=governance', ready: '.compare-page:not([aria-busy]) #compare-side' },
    { name: 'timeline', path: '/timeline', ready: 'main h1' },
    { name: 'sources', path: '/sources', ready: 'table' },
    { name: 'a source', path: `/sources/${encodeURIComponent(sources[0].id)}`, ready: 'main h1:not(.visually-hidden)' },
    person && { name: 'a person', path: `/people/${encodeURIComponent(person.id)}`, ready: 'main h1:not(.visually-hidden)' },
    { name: 'a city', path: `/cities/${cities[0].slug}`, ready: 'h1.city__name' },
    { name: 'a record', path: `/documents/${encodeURIComponent(hit.id)}`, ready: 'h1.doc__title' },
    { name: 'add', path: '/add', ready: '.add-form' },
    { name: 'not found', path: '/nowhere', ready: 'main h1' },
  ].filter(Boolean);
}

test('axe finds no violation on any page, in both languages, at both widths', async () => {
  const list = await pages(env.server.base);
  const failures = [];
  for (const viewport of [DESKTOP, PHONE]) {
    const p = await openPage(env.browser, env.server.base, { viewport });
    for (const lang of ['fr', 'en']) {
      for (const entry of list) {
        const sep = entry.path.includes('?') ? '&' : '?';
        await p.page.goto(`${entry.path}${sep}lang=${lang}`);
        await p.page.waitForSelector(entry.ready);
        await p.page.waitForLoadState('networkidle');
        const label = `${entry.name} (${lang}, ${viewport.width} px)`;
        try {
          const violations = await expectAccessible(p.page, label);
          if (violations.length) failures.push({ page: label, violations });
        } catch (error) {
          failures.push({ page: label, error: error.message.split('\n').slice(0, 12).join('\n') });
        }
      }
    }
    // Missing pages answer 404, which the browser logs; nothing else may fail.
    assert.deepEqual(p.errors.filter((e) => !/status of 404/.test(e)), []);
    await p.close();
  }
  assert.deepEqual(failures, [], JSON.stringify(failures, null, 2));
});
