// Curators in the browser: the "Add" entry and the city page's edit and
// delete only where writes may be on (GET /api/health's `writes`, when the
// server reports it), required fields marked before the first submit, a
// confirmation after saving that links to the result, and a delete that
// asks for the token and confirms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN, ROOT, expectAccessible, getJson, openPage, useServerAndBrowser } from './harness.mjs';

const bundle = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/bundles/valid-testville.json'), 'utf8'));

const env = useServerAndBrowser({ writable: true }, async ({ server }) => {
  const response = await fetch(`${server.base}/api/cities`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(bundle),
  });
  assert.ok(response.ok, `POST /api/cities answered ${response.status}`);
});

// The browser logs refused API calls (401, 404) itself; nothing else may fail.
const unexpected = (errors) => errors.filter((e) => !/status of (401|404)/.test(e));

test('the curation entries follow what health says about writes', async () => {
  for (const writes of [false, true, undefined]) {
    const p = await openPage(env.browser, env.server.base);
    const { page } = p;
    await page.route('**/api/health', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      if (writes === undefined) delete body.writes;
      else body.writes = writes;
      await route.fulfill({ response, json: body });
    });
    await page.goto(`/cities/${bundle.city.slug}?lang=fr`);
    await page.locator('h1.city__name').waitFor();
    await page.waitForLoadState('networkidle');
    const shown = writes !== false; // unknown: shown, the token decides
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    assert.equal(await nav.getByRole('link', { name: 'Ajouter' }).isVisible(), shown, `Add entry, writes ${writes}`);
    assert.equal(await page.getByRole('link', { name: 'Modifier la ville' }).isVisible(), shown);
    assert.equal(await page.getByRole('button', { name: 'Supprimer la ville' }).isVisible(), shown);
    p.expectNoErrors();
    await p.close();
  }
});

test('edit from the city page: required fields marked, then a confirmation linking to the result', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto(`/cities/${bundle.city.slug}?lang=fr`);
  await page.locator('h1.city__name').waitFor();
  await page.getByRole('link', { name: 'Modifier la ville' }).click();
  await page.waitForURL((url) => url.pathname === '/add' && url.searchParams.get('city') === bundle.city.slug);
  const slug = page.getByLabel('Identifiant (slug)');
  await page.waitForFunction((s) => document.querySelector('[data-path="/city/slug"]')?.value === s, bundle.city.slug);
  assert.equal(await slug.inputValue(), bundle.city.slug);

  // Before any submit: required fields say so (aria-required and a visible mark), optional ones do not.
  const marks = await page.locator('.add-form [data-path]:is(input:not([type="hidden"]):not([type="checkbox"]), textarea, select)').evaluateAll((controls) => controls
    .filter((c) => c.checkVisibility())
    .map((c) => ({
      path: c.dataset.path,
      required: c.getAttribute('aria-required') === 'true',
      optional: c.dataset.optional !== undefined,
      mark: Boolean(document.querySelector(`label[for="${c.id}"] .field__required`)),
    })));
  assert.ok(marks.some((m) => m.required));
  for (const m of marks) {
    assert.equal(m.required, !m.optional, `${m.path}: aria-required`);
    assert.equal(m.mark, !m.optional, `${m.path}: visible mark`);
  }
  assert.ok(await page.getByText('Les champs marqués d’un astérisque sont obligatoires.').isVisible());
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'nothing flagged before submitting');

  await page.locator('[data-path="/city/name"]').fill(`${bundle.city.name} modifiée`);
  await page.getByLabel('Jeton d’administration').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Enregistrer la ville' }).click();
  await page.waitForURL((url) => url.pathname === `/cities/${bundle.city.slug}`);
  const notice = page.locator('.notice--success');
  await notice.waitFor();
  const api = await getJson(env.server.base, `/api/cities/${bundle.city.slug}`);
  assert.equal(api.city.name, `${bundle.city.name} modifiée`);
  assert.ok((await notice.textContent()).includes(`${api.city.name} est enregistrée`));
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('notice--success')), true);
  const edit = notice.getByRole('link', { name: 'Modifier à nouveau' });
  assert.equal(new URL(await edit.getAttribute('href'), env.server.base).searchParams.get('city'), bundle.city.slug);
  await expectAccessible(page, 'city page after saving');
  await notice.getByRole('link', { name: 'Voir ses fiches' }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('city') === bundle.city.slug);
  await page.goBack();
  // The confirmation is shown once.
  await page.reload();
  await page.locator('h1.city__name').waitFor();
  assert.equal(await page.locator('.notice--success').count(), 0);
  assert.deepEqual(unexpected(p.errors), []);
  await p.close();
});

test('delete from the city page: asks for the token, then confirms', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto(`/cities/${bundle.city.slug}?lang=en`);
  await page.locator('h1.city__name').waitFor();
  const name = await page.locator('h1.city__name').textContent();
  await page.getByRole('button', { name: 'Delete the city' }).click();
  const token = page.getByLabel('Admin token');
  assert.equal(await page.evaluate(() => document.activeElement.type), 'password');
  const confirm = page.getByRole('button', { name: `Delete ${name} for good` });
  await confirm.click();
  assert.ok(await page.getByText('Enter the admin token.').isVisible());
  await token.fill('wrong-token');
  await confirm.click();
  await page.getByText('The server refuses this token.').waitFor();
  assert.equal((await fetch(`${env.server.base}/api/cities/${bundle.city.slug}`)).status, 200, 'nothing deleted');
  await token.fill(ADMIN_TOKEN);
  await confirm.click();
  await page.waitForURL((url) => url.pathname === '/search');
  await page.getByText(`${name} was deleted from citykb.`).waitFor();
  assert.equal((await fetch(`${env.server.base}/api/cities/${bundle.city.slug}`)).status, 404);
  assert.deepEqual(unexpected(p.errors), []);
  await p.close();
});
