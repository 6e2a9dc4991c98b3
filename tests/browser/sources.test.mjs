// The sources: the list (search on title and publisher, counts, licence),
// the page of one source (facts, link, note, the records and figures that
// cite it, each linked), a record's sources leading there, and an unknown
// source showing the not-found page. Holds for any corpus: it starts from
// the first source GET /api/sources lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, expectAccessible, expectNoHorizontalScroll, getJson, openPage, screenshot, useServerAndBrowser
} from './harness.mjs';

const env = useServerAndBrowser();

test('the sources list: counts, licence, search on title and publisher', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  const api = await getJson(env.server.base, '/api/sources');
  await page.goto('/?lang=fr');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Toutes les sources' }).click();
  await page.waitForURL((url) => url.pathname === '/sources');
  await page.locator('.sources-table').waitFor();
  assert.equal(await page.locator('.sources-table tbody tr').count(), api.sources.length);
  assert.match(await page.locator('.results__count').textContent(), new RegExp(`^${api.total} source`));
  assert.ok(await page.locator('.sources-licence').getByText('CC BY 4.0').isVisible(), 'corpus licence shown');
  assert.ok(await page.getByRole('contentinfo').getByText(/CC BY 4\.0/).first().isVisible(), 'licence in the footer');
  assert.ok(await page.getByRole('contentinfo').getByRole('link', { name: 'MIT' }).isVisible(), 'code licence in the footer');
  await screenshot(page, 'sources-desktop');
  await expectAccessible(page, 'sources list');

  // Searching by the first source's publisher keeps it, and the URL says so.
  const first = api.sources[0];
  await page.getByLabel('Chercher une source (titre ou éditeur)').fill(first.publisher);
  await page.getByRole('button', { name: 'Chercher', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === first.publisher);
  const filtered = await getJson(env.server.base, `/api/sources?q=${encodeURIComponent(first.publisher)}`);
  await page.waitForFunction((n) => document.querySelectorAll('.sources-table tbody tr').length === n, filtered.sources.length);
  assert.ok(await page.getByRole('link', { name: first.title, exact: true }).isVisible());
  p.expectNoErrors();
  await p.close();
});

test('a source page: facts, link, note, and the records citing it', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  const first = (await getJson(env.server.base, '/api/sources')).sources[0];
  const api = await getJson(env.server.base, `/api/sources/${encodeURIComponent(first.id)}?lang=fr`);
  await page.goto('/sources?lang=fr');
  await page.getByRole('link', { name: first.title, exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/sources/${first.id}`);
  const h1 = page.locator('h1.source-page__title');
  await h1.waitFor();
  assert.equal(await h1.textContent(), api.source.title);
  const facts = await page.locator('.source-page__facts').textContent();
  assert.ok(facts.includes(api.source.publisher), 'publisher shown');
  if (api.source.url) {
    assert.equal(await page.getByRole('link', { name: /Lire la source/ }).getAttribute('href'), api.source.url);
  }
  if (api.source.note && api.source.note.fr) assert.ok((await page.locator('.source-page__note').textContent()).includes(api.source.note.fr));
  const links = page.locator('.source-page__section .doc-list__title');
  assert.equal(await links.count(), api.documents.length);
  for (const doc of api.documents) {
    assert.equal(await page.locator(`.doc-list__item[data-id="${doc.id}"] .doc-list__title`).getAttribute('href'), `/documents/${doc.id}?lang=fr`);
  }
  await screenshot(page, 'source-desktop');
  await expectAccessible(page, 'source page');

  // A record citing it links back to this page.
  if (api.documents.length) {
    await links.first().click();
    await page.locator('h1.doc__title').waitFor();
    const back = page.locator('.doc__details').getByRole('link', { name: api.source.title, exact: true });
    assert.equal(await back.getAttribute('href'), `/sources/${first.id}?lang=fr`);
  }
  p.expectNoErrors();
  await p.close();
});

test('a source page on a phone, and a source that does not exist', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  const first = (await getJson(env.server.base, '/api/sources')).sources[0];
  await page.goto(`/sources/${encodeURIComponent(first.id)}?lang=en`);
  await page.locator('.source-page__title').waitFor();
  await expectNoHorizontalScroll(page, 'source page on a phone');
  await screenshot(page, 'source-phone');
  await expectAccessible(page, 'source page on a phone');

  await page.goto('/sources/no-such-source?lang=fr');
  await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
  await expectAccessible(page, 'missing source');
  assert.deepEqual(p.errors.filter((e) => !/status of 404/.test(e)), []);
  await p.close();
});
