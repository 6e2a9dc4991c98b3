// Stored markup never runs: a city bundle whose names, titles and texts
// hold <script> and <img onerror> is added through the API, then searched,
// suggested, filtered, opened and shown on its city page. Everything must
// appear as text, nothing may execute or load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMIN_TOKEN, ROOT, expectAccessible, openPage, searchSettled, useServerAndBrowser
} from './harness.mjs';

const SCRIPT_TITLE = '<script>window.__pwned="title"</script>Testville <img src=x onerror="window.__pwned=\'title-img\'"> profil';
const SCRIPT_BODY = 'Texte piégé <img src=x onerror="window.__pwned=\'body\'"> et <script>window.__pwned="body-script"</script> <b>gras</b> testvillois.';
const CITY_NAME = 'Testville <img src=x onerror="window.__pwned=\'city\'">';
const PERSON_NAME = '<script>window.__pwned="person"</script>Camille Exemple';

// Runs once the server is up, before any test.
async function addHostileBundle(env) {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/bundles/valid-testville.json'), 'utf8'));
  bundle.city.name = CITY_NAME;
  bundle.people[0].name = PERSON_NAME;
  const profile = bundle.documents.find((d) => d.kind === 'profile');
  profile.title.fr = SCRIPT_TITLE;
  profile.title.en = SCRIPT_TITLE;
  profile.body.fr = SCRIPT_BODY;
  profile.body.en = SCRIPT_BODY;
  const response = await fetch(`${env.server.base}/api/cities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(bundle),
  });
  assert.ok(response.status === 200 || response.status === 201, `POST /api/cities answered ${response.status}: ${await response.text()}`);
}

const env = useServerAndBrowser({ writable: true }, addHostileBundle);

async function openWatched() {
  const p = await openPage(env.browser, env.server.base);
  const loaded = [];
  p.page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/x' || url.pathname.endsWith('/x')) loaded.push(request.url());
  });
  return { ...p, loaded };
}

async function expectNothingRan(p, where) {
  assert.equal(await p.page.evaluate(() => window.__pwned), undefined, `${where}: stored markup ran`);
  assert.deepEqual(p.loaded, [], `${where}: a stored <img> was loaded`);
  const injected = await p.page.evaluate(() => document.querySelectorAll('main img, main script, main b').length);
  assert.equal(injected, 0, `${where}: stored markup became elements`);
}

test('search results, snippets, suggestions and chips show stored markup as text', async () => {
  const p = await openWatched();
  const { page } = p;
  await page.goto('/search?q=testvillois&lang=fr');
  await searchSettled(page);
  const title = page.locator('.hit__title a').first();
  assert.equal(await title.textContent(), SCRIPT_TITLE);
  const snippet = await page.locator('.hit__snippet').first().textContent();
  assert.ok(snippet.includes('<img src=x onerror="window.__pwned=\'body\'">'), snippet);
  assert.ok(snippet.includes('<script>window.__pwned="body-script"</script>'), snippet);
  assert.equal(await page.locator('.hit__snippet mark').first().textContent(), 'testvillois');
  assert.equal(await page.locator('.hit__city').first().textContent(), CITY_NAME);
  await expectNothingRan(p, 'results');

  // The city facet label and the chip carry the name as text too.
  await page.locator('input[data-facet="city"][data-value="testville"]').check();
  await page.waitForURL((url) => url.searchParams.get('city') === 'testville');
  await searchSettled(page);
  assert.equal(await page.locator('.chip__label').textContent(), CITY_NAME);
  await expectNothingRan(p, 'facets and chips');

  // As-you-type suggestions.
  const box = page.getByRole('search').getByRole('searchbox');
  await box.fill('');
  await box.pressSequentially('testvil', { delay: 30 });
  await page.getByRole('listbox').waitFor();
  const texts = await page.locator('.suggestion__text').allTextContents();
  assert.ok(texts.includes(SCRIPT_TITLE), `suggestions: ${texts}`);
  await expectNothingRan(p, 'suggestions');
  await expectAccessible(page, 'results with stored markup');

  p.expectNoErrors();
  await p.close();
});

test('the document page shows stored markup as text', async () => {
  const p = await openWatched();
  const { page } = p;
  await page.goto('/documents/testville-test-profile?lang=fr');
  const h1 = page.locator('h1.doc__title');
  await h1.waitFor();
  assert.equal(await h1.textContent(), SCRIPT_TITLE);
  assert.equal((await page.locator('.doc__body[lang="fr"]').textContent()).trim(), SCRIPT_BODY);
  assert.equal(await page.locator('.doc__meta .doc__city').textContent(), CITY_NAME);
  assert.match(await page.title(), /<script>/);
  await page.getByRole('button', { name: 'Citer' }).click();
  assert.ok((await page.getByLabel('Citation').inputValue()).includes(SCRIPT_TITLE));
  await page.locator('[data-similar] .hit, [data-similar] .muted').first().waitFor();
  await expectNothingRan(p, 'document page');

  await page.goto('/documents/testville-test-interview?lang=fr');
  await page.locator('.person__name').waitFor();
  assert.equal(await page.locator('.person__name').textContent(), PERSON_NAME);
  await expectNothingRan(p, 'interview page');
  p.expectNoErrors();
  await p.close();
});
