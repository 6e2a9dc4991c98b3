// The document page: open it from a result, read both languages, follow a
// theme to the filtered search, cite it (clipboard and fallback), see
// similar records from other cities, and a missing record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, expectAccessible, expectNoHorizontalScroll, getJson, openPage, screenshot, searchSettled,
  useServerAndBrowser
} from './harness.mjs';

const env = useServerAndBrowser();

test('open a result, read it in both languages, cite it', async () => {
  const p = await openPage(env.browser, env.server.base, { clipboard: true });
  const { page } = p;
  await page.goto('/search?q=comit%C3%A9%20de%20pilotage&lang=fr');
  await searchSettled(page);
  const firstLink = page.locator('.hit__title a').first();
  const title = await firstLink.textContent();
  await firstLink.click();
  await page.waitForURL(/\/documents\/[^/?]+\?lang=fr$/);
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  const doc = await getJson(env.server.base, `/api/documents/${encodeURIComponent(id)}`);

  const h1 = page.locator('h1.doc__title');
  await h1.waitFor();
  assert.equal(await h1.textContent(), title);
  assert.equal(await h1.textContent(), doc.title.fr);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus moves to the new page title');
  assert.match(await page.title(), new RegExp(doc.title.fr.slice(0, 20)));
  assert.equal((await page.locator('.doc__body[lang="fr"]').textContent()).trim(), doc.body.fr.trim());
  assert.equal((await page.locator('.doc__body[lang="en"]').textContent()).trim(), doc.body.en.trim());
  assert.ok(await page.getByText(doc.source.title).first().isVisible(), 'source shown');
  if (doc.person) assert.ok(await page.locator('.person__name').getByText(doc.person.name).isVisible());

  // Cite: the clipboard holds the title and the permalink.
  await page.getByRole('button', { name: 'Citer' }).click();
  await page.getByText('Citation copiée dans le presse-papiers.').waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  const permalink = `${env.server.base}/documents/${id}?lang=fr`;
  assert.ok(clip.includes(doc.title.fr), `citation has the title: ${clip}`);
  assert.ok(clip.includes(permalink), `citation has the permalink: ${clip}`);
  assert.ok(clip.includes(doc.source.title), 'citation names the source');
  assert.equal(await page.getByLabel('Citation').inputValue(), clip);

  // Similar records: from other cities only, each a link to its page.
  const similar = page.locator('[data-similar] .hit');
  await similar.first().waitFor();
  const api = await getJson(env.server.base, `/api/documents/${encodeURIComponent(id)}/similar?lang=fr`);
  assert.equal(await similar.count(), api.hits.length);
  for (const hit of api.hits) assert.notEqual(hit.city && hit.city.slug, doc.city && doc.city.slug);

  await screenshot(page, 'document-desktop');
  await expectAccessible(page, 'document page');

  // The permalink opens the same page directly, and the English version too.
  await page.goto(permalink);
  await h1.waitFor();
  assert.equal(await h1.textContent(), doc.title.fr);
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/lang=en/);
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, doc.title.en);
  assert.equal(await page.locator('.doc__text').first().getAttribute('lang'), null);
  assert.equal(await page.locator('.doc__body').first().getAttribute('lang'), 'en', 'English text first');
  assert.ok(await page.getByRole('button', { name: 'Cite' }).isVisible());

  // Back to the results it came from.
  await page.goto(`/documents/${id}?lang=fr`);
  await page.getByRole('link', { name: 'Retour aux résultats' }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'comité de pilotage');
  await searchSettled(page);

  p.expectNoErrors();
  await p.close();
});

test('back from a record returns to the same place in the results', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/search?lang=fr');
  await searchSettled(page);
  const link = page.locator('.hit__title a').nth(6);
  await link.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 150));
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 300);
  await link.click();
  await page.locator('h1.doc__title').waitFor();
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'a new page starts at the top');
  await page.goBack();
  await searchSettled(page);
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled);
  p.expectNoErrors();
  await p.close();
});

test('themes link to the filtered search', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  const id = 'grenoble-practice-monitoring-left-to-departments';
  const doc = await getJson(env.server.base, `/api/documents/${id}`);
  const taxonomy = await getJson(env.server.base, '/api/taxonomy');
  const theme = taxonomy.themes.find((t) => t.slug === doc.themes[0]);
  await page.goto(`/documents/${id}?lang=fr`);
  await page.getByRole('link', { name: theme.label.fr, exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('theme') === theme.slug);
  await searchSettled(page);
  const api = await getJson(env.server.base, `/api/search?theme=${theme.slug}&lang=fr`);
  const count = await page.locator('.results__count').textContent();
  assert.ok(count.startsWith(`${api.total} fiche`), `${count} vs ${api.total}`);
  assert.equal(await page.getByRole('checkbox', { name: new RegExp(`^${theme.label.fr}`) }).isChecked(), true);
  p.expectNoErrors();
  await p.close();
});

test('without clipboard access the citation is selected for copying by hand', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.addInitScript(() => {
    // A browser that refuses both clipboard routes.
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
    document.execCommand = () => false;
  });
  await page.goto('/documents/lyon-profile?lang=en');
  await page.getByRole('button', { name: 'Cite' }).click();
  await page.getByText('Automatic copy is not available').waitFor();
  const field = page.getByLabel('Citation');
  assert.ok((await field.inputValue()).includes('/documents/lyon-profile?lang=en'));
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('cite__text')), true);
  p.expectNoErrors();
  await p.close();
});

test('on a phone, and a record that does not exist', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  await page.goto('/documents/rennes-interview-twentieth-steering-committee?lang=fr');
  await page.locator('[data-similar] .hit').first().waitFor();
  await expectNoHorizontalScroll(page, 'document on a phone');
  await screenshot(page, 'document-phone');

  await page.goto('/documents/no-such-record?lang=fr');
  await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
  assert.ok(await page.getByText('Cette fiche n’existe pas').isVisible());
  await expectAccessible(page, 'missing document');
  // The browser itself logs the 404 of the API call; nothing else may fail.
  assert.deepEqual(p.errors.filter((e) => !/status of 404/.test(e)), []);
  await p.close();
});
