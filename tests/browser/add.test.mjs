// The curation form: a curator adds a (fictional) city with a person and a record,
// meets the token check and a validation error shown next to its field,
// fixes it and lands on the new city's page; then updates it from pasted
// JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMIN_TOKEN, PHONE, ROOT, expectAccessible, expectNoHorizontalScroll, getJson, openPage, screenshot,
  searchSettled, useServerAndBrowser
} from './harness.mjs';

const env = useServerAndBrowser({ writable: true });

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The browser logs refused API calls (401, 422) itself; nothing else may fail.
function unexpected(errors) {
  return errors.filter((e) => !/status of (401|422)/.test(e));
}

test('add a city through the form, with the token and validation errors', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/?lang=fr');
  await searchSettled(page);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Ajouter' }).click();
  await page.waitForURL((url) => url.pathname === '/add');
  await page.getByLabel('Identifiant (slug)').waitFor();

  await page.getByLabel('Identifiant (slug)').fill('villetest');
  await page.getByLabel('Nom', { exact: true }).fill('Villetest');
  await page.getByLabel('Organisation', { exact: true }).fill('Villetest Métropole');
  await page.getByLabel('Résumé en français').fill('Profil fictif de test : Villetest pilote sa démarche avec un comité dédié.');
  await page.getByLabel('Résumé en anglais').fill('Fictional test profile: Villetest steers its programme with a dedicated committee.');

  await page.getByRole('button', { name: 'Ajouter une personne' }).click();
  const person = page.getByRole('group', { name: 'Personne 1' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), '/people/0/id', 'focus goes to the new item');
  await person.getByLabel('Identifiant').fill('alex-test');
  await person.getByLabel('Nom').fill('Alex Test');
  await person.getByLabel('Titre en français').fill('Chef de projet fictif');
  await person.getByLabel('Titre en anglais').fill('Fictional project manager');
  await person.getByLabel('Organisation').fill('Villetest Métropole');

  await page.getByRole('button', { name: 'Ajouter une fiche' }).click();
  const doc = page.getByRole('group', { name: 'Fiche 1' });
  await doc.getByLabel('Identifiant').fill('villetest-test-practice');
  await doc.getByLabel('Type de fiche').selectOption('practice');
  await doc.getByLabel('Personne').selectOption('alex-test');
  // Cite an existing source found by the picker (the first source of the corpus).
  const firstSource = (await getJson(env.server.base, '/api/sources')).sources[0];
  await doc.getByLabel('Chercher une source existante ou nouvelle (titre ou éditeur)').fill(firstSource.publisher);
  await doc.getByRole('button', { name: 'Chercher', exact: true }).click();
  await doc.getByRole('button', { name: `Citer : ${firstSource.title}` }).click();
  assert.equal(await doc.getByRole('checkbox', { name: new RegExp(escapeRegExp(firstSource.title)) }).isChecked(), true);
  await doc.getByLabel('Titre en français').fill('Un comité villetestois fictif');
  await doc.getByLabel('Texte en français').fill('Pratique fictive de test sur la gouvernance villetestoise.');
  await doc.getByLabel('Texte en anglais').fill('Fictional test practice on governance in Villetest.');
  await doc.getByRole('checkbox', { name: 'Gouvernance' }).check();
  await doc.getByRole('checkbox', { name: 'Élus' }).check();

  // No token: said next to the token field, nothing sent.
  await page.getByRole('button', { name: 'Enregistrer la ville' }).click();
  const token = page.getByLabel('Jeton d’administration');
  assert.equal(await token.getAttribute('aria-invalid'), 'true');
  assert.ok(await page.getByText('Saisissez le jeton d’administration.').first().isVisible());

  // A wrong token is refused.
  await token.fill('wrong-token');
  await page.getByRole('button', { name: 'Enregistrer la ville' }).click();
  await page.getByText('Ce jeton est refusé par le serveur.').first().waitFor();

  // The right token, but the English title is missing: the problem shows by its field.
  await token.fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Enregistrer la ville' }).click();
  const titleEn = doc.getByLabel('Titre en anglais');
  await page.waitForFunction(() => document.querySelector('[data-path="/documents/0/title/en"]')?.getAttribute('aria-invalid') === 'true');
  const describedBy = (await titleEn.getAttribute('aria-describedby')).split(' ');
  const message = await page.locator(`[id="${describedBy.find((id) => id.endsWith('error'))}"]`).textContent();
  assert.ok(message.length > 0, 'the reason is next to the field');
  const summary = page.locator('.form-summary');
  assert.ok(await summary.isVisible());
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('form-summary')), true);
  assert.ok((await summary.textContent()).includes('Fiche 1 — Titre en anglais'));
  await screenshot(page, 'add-form-errors-desktop');
  await expectAccessible(page, 'form with errors');
  assert.equal((await fetch(`${env.server.base}/api/cities/villetest`)).status, 404, 'nothing was written');

  // The summary link leads to the field; fix it and save.
  await summary.getByRole('link', { name: /Titre en anglais/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), '/documents/0/title/en');
  await titleEn.fill('A fictional committee in Villetest');
  await page.getByRole('button', { name: 'Enregistrer la ville' }).click();
  await page.waitForURL((url) => url.pathname === '/cities/villetest');
  await page.locator('h1.city__name').waitFor();
  assert.equal(await page.locator('h1.city__name').textContent(), 'Villetest');
  assert.ok(await page.getByRole('link', { name: 'Un comité villetestois fictif' }).isVisible());
  assert.ok(await page.locator('.people .person__name').getByText('Alex Test').isVisible());

  // Found at once by the search and its facets.
  await page.goto('/search?q=villetestois&lang=fr');
  await searchSettled(page);
  assert.equal(await page.locator('.hit__title').first().textContent(), 'Un comité villetestois fictif');
  assert.ok(await page.getByRole('checkbox', { name: /^Villetest/ }).isVisible());
  assert.deepEqual(unexpected(p.errors), []);
  await p.close();
});

test('update a city from pasted JSON; the form on a phone', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  await page.goto('/add?lang=en');
  await page.getByLabel('Identifier (slug)').waitFor();
  await expectNoHorizontalScroll(page, 'form on a phone');
  await screenshot(page, 'add-form-phone');

  const bundle = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/bundles/valid-testville.json'), 'utf8'));
  await page.getByRole('radio', { name: 'Pasted JSON' }).check();
  const area = page.getByLabel('City bundle (JSON)');
  await area.fill('{"city": ');
  await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Save the city' }).click();
  await page.getByText('This text is not valid JSON').waitFor();
  assert.equal(await area.getAttribute('aria-invalid'), 'true');

  await area.fill(JSON.stringify(bundle, null, 2));
  await page.getByRole('button', { name: 'Check without saving' }).click();
  await page.getByText('The bundle is valid: it can be saved.').waitFor();
  await page.getByRole('button', { name: 'Save the city' }).click();
  await page.waitForURL((url) => url.pathname === '/cities/testville' && url.searchParams.get('lang') === 'en');
  await page.locator('h1.city__name').waitFor();
  const api = await getJson(env.server.base, '/api/cities/testville');
  assert.equal(await page.locator('.city__summary').textContent(), api.city.summary.en);

  // Back in the form, starting from Testville loads its bundle into the fields.
  await page.goto('/add?lang=en');
  await page.getByLabel('Start from').selectOption('testville');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await page.getByText('Bundle of Testville loaded').waitFor();
  assert.equal(await page.getByLabel('Identifier (slug)').inputValue(), 'testville');
  assert.equal(await page.locator('.form-item[data-item^="documents-"]').count(), bundle.documents.length);
  assert.equal(await page.locator('.form-item[data-item^="indicators-"]').count(), bundle.city.indicators.length);
  assert.deepEqual(unexpected(p.errors), []);
  await p.close();
});

test('add a city whose record cites a brand-new source, entirely from the form', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/add?lang=fr');
  await page.getByLabel('Identifiant (slug)').waitFor();
  await page.getByLabel('Identifiant (slug)').fill('brestville');
  await page.getByLabel('Nom', { exact: true }).fill('Brestville');
  await page.getByLabel('Organisation', { exact: true }).fill('Brestville Métropole');
  await page.getByLabel('Résumé en français').fill('Profil fictif de test : Brestville ouvre ses données.');
  await page.getByLabel('Résumé en anglais').fill('Fictional test profile: Brestville opens its data.');

  // A new source, typed in the form.
  await page.getByRole('button', { name: 'Ajouter une nouvelle source' }).click();
  const source = page.getByRole('group', { name: 'Nouvelle source 1' });
  await source.getByLabel('Identifiant de la source').fill('test-brestville-2024-open-data');
  await source.getByLabel('Adresse (URL)').fill('https://example.org/brestville-open-data');
  await source.getByLabel('Titre de la source').fill('Brestville ouvre ses données (article fictif)');
  await source.getByLabel('Éditeur').fill('Gazette fictive de test');
  await source.getByLabel('Date de publication').fill('2024-03-15');
  await source.getByLabel('Type de source').selectOption('press');
  await source.getByLabel('Langue de la source').selectOption('fr');

  // A milestone citing it: the date field appears with the kind.
  await page.getByRole('button', { name: 'Ajouter une fiche' }).click();
  const doc = page.getByRole('group', { name: 'Fiche 1' });
  await doc.getByLabel('Identifiant').fill('brestville-milestone-open-data');
  assert.equal(await doc.getByLabel('Date de l’étape').isVisible(), false);
  await doc.getByLabel('Type de fiche').selectOption('milestone');
  await doc.getByLabel('Date de l’étape').fill('2024-03');
  await doc.getByLabel('Situation au (date des faits)').fill('2024-03');
  await doc.getByLabel('Chercher une source existante ou nouvelle (titre ou éditeur)').fill('Gazette fictive');
  await doc.getByRole('button', { name: 'Chercher', exact: true }).click();
  await doc.getByRole('button', { name: 'Citer : Brestville ouvre ses données (article fictif)' }).click();
  await doc.getByLabel('Titre en français').fill('Brestville ouvre ses données');
  await doc.getByLabel('Titre en anglais').fill('Brestville opens its data');
  await doc.getByLabel('Texte en français').fill('Étape fictive de test : ouverture des données.');
  await doc.getByLabel('Texte en anglais').fill('Fictional test milestone: the data is opened.');
  await doc.getByRole('checkbox', { name: 'Données ouvertes' }).check();

  await page.getByLabel('Jeton d’administration').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Enregistrer la ville' }).click();
  await page.waitForURL((url) => url.pathname === '/cities/brestville');
  await page.locator('h1.city__name').waitFor();

  // The source exists with its record; the record shows and cites it.
  const api = await getJson(env.server.base, '/api/sources/test-brestville-2024-open-data');
  assert.equal(api.source.publisher, 'Gazette fictive de test');
  assert.deepEqual(api.documents.map((d) => d.id), ['brestville-milestone-open-data']);
  await page.getByRole('link', { name: 'Brestville ouvre ses données', exact: true }).click();
  await page.locator('h1.doc__title').waitFor();
  await page.locator('.doc__details').getByRole('link', { name: 'Brestville ouvre ses données (article fictif)' }).click();
  await page.waitForURL((url) => url.pathname === '/sources/test-brestville-2024-open-data');
  await page.getByRole('heading', { level: 1, name: 'Brestville ouvre ses données (article fictif)' }).waitFor();
  assert.ok(await page.getByText('Gazette fictive de test').first().isVisible());
  assert.deepEqual(unexpected(p.errors), []);
  await p.close();
});
