// The search page as a person uses it: type with suggestions, pick cities,
// check the URL and the counts against the API, go back, sort, page, follow
// "did you mean", switch to English, and use it on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESKTOP, PHONE, expectAccessible, expectNoHorizontalScroll, getJson, openPage, screenshot,
  searchSettled, useServerAndBrowser
} from './harness.mjs';

const env = useServerAndBrowser();

// The number at the start of the live result count ("4 fiches pour …").
async function shownTotal(page) {
  const text = await page.locator('.results__count').textContent();
  const m = /^(\d[\d\s\u202f]*)/.exec(text);
  return m ? Number(m[1].replace(/\D/g, '')) : 0;
}

function params(page) {
  return new URL(page.url()).searchParams;
}

// The count shown next to a facet value's checkbox.
async function facetCount(page, facet, value) {
  const item = page.locator(`.facet__item:has(input[data-facet="${facet}"][data-value="${value}"])`);
  // A long list shows its first values only: open it when the value is further down.
  const more = page.locator(`[data-more="${facet}"][aria-expanded="false"]`);
  if (!(await item.count()) && (await more.count())) await more.click();
  return Number((await item.locator('.facet__count').textContent()).replace(/\D/g, ''));
}

test('home page: search box, facets and every record, accessible', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/?lang=fr');
  await searchSettled(page);

  const box = page.getByRole('searchbox', { name: 'Rechercher dans les fiches' });
  await assert.doesNotReject(box.waitFor());
  const health = await getJson(env.server.base, '/api/health');
  assert.equal(await shownTotal(page), health.documents);
  assert.equal(await page.locator('.results').getAttribute('aria-busy'), null);
  assert.equal(await page.locator('.results__count').getAttribute('role'), 'status');
  assert.equal(params(page).get('lang'), 'fr', 'the language is written into the URL');
  for (const facet of ['Ville', 'Thème', 'Acteur', 'Type de fiche']) {
    assert.ok(await page.getByRole('group', { name: facet }).isVisible(), `facet ${facet} shown`);
  }
  assert.ok(await page.getByRole('checkbox', { name: /Lyon/ }).isVisible());
  assert.equal(await page.locator('.hits > li').count(), 10);

  await screenshot(page, 'search-home-desktop');
  await expectAccessible(page, 'search page');
  p.expectNoErrors();
  await p.close();
});

test('type with suggestions, pick two cities, check counts against the API, go back', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/?lang=fr');
  await searchSettled(page);

  // Suggestions appear as one types and the keyboard picks one.
  const box = page.getByRole('searchbox', { name: 'Rechercher dans les fiches' });
  await box.click();
  await box.pressSequentially('proj', { delay: 40 });
  const listbox = page.getByRole('listbox');
  await listbox.waitFor();
  const options = listbox.getByRole('option');
  assert.ok(await options.count() > 0);
  assert.equal(await page.locator('[role="combobox"]').getAttribute('aria-expanded'), 'true');
  await box.press('ArrowDown');
  const first = options.first();
  assert.equal(await first.getAttribute('aria-selected'), 'true');
  assert.equal(await box.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
  const firstText = (await first.locator('.suggestion__text').textContent()).trim();
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === firstText);
  await searchSettled(page);
  assert.equal(await listbox.isVisible(), false);
  const q = firstText;

  const api = await getJson(env.server.base, `/api/search?q=${encodeURIComponent(q)}&lang=fr`);
  assert.equal(await shownTotal(page), api.total);
  assert.match(await page.locator('.results__count').textContent(), new RegExp(q));
  assert.ok(await page.locator('.hit mark').count() > 0, 'snippets highlight the match');

  // Pick Lyon, then Rennes: both in the URL, counts as the API says (a long
  // city list shows its first values only: open it when they are further down).
  const showAllCities = async () => {
    const more = page.locator('[data-more="city"][aria-expanded="false"]');
    if (await more.count()) await more.click();
  };
  await showAllCities();
  await page.getByRole('checkbox', { name: /^Rennes/ }).check();
  await page.waitForURL((url) => url.searchParams.getAll('city').includes('rennes'));
  await searchSettled(page);
  await showAllCities();
  await page.getByRole('checkbox', { name: /^Lyon/ }).check();
  await page.waitForURL((url) => url.searchParams.getAll('city').length === 2);
  await searchSettled(page);
  assert.deepEqual(params(page).getAll('city'), ['rennes', 'lyon']);
  assert.equal(params(page).get('q'), q);

  const both = await getJson(env.server.base, `/api/search?q=${encodeURIComponent(q)}&city=rennes&city=lyon&lang=fr`);
  assert.equal(await shownTotal(page), both.total);
  for (const entry of both.facets.city) {
    assert.equal(await facetCount(page, 'city', entry.value), entry.count, `city ${entry.value} count`);
  }
  for (const entry of both.facets.kind) {
    assert.equal(await facetCount(page, 'kind', entry.value), entry.count, `kind ${entry.value} count`);
  }
  assert.equal(await page.locator('.chip').count(), 2);
  assert.ok(await page.getByRole('button', { name: 'Retirer le filtre Ville : Lyon' }).isVisible());
  const shownCities = await page.locator('.hit__city').allTextContents();
  assert.ok(shownCities.every((c) => /Rennes|Lyon/.test(c)), `only Rennes and Lyon: ${shownCities}`);

  // Back: one city again, then none.
  await page.goBack();
  await page.waitForURL((url) => url.searchParams.getAll('city').length === 1);
  await searchSettled(page);
  const one = await getJson(env.server.base, `/api/search?q=${encodeURIComponent(q)}&city=rennes&lang=fr`);
  assert.equal(await shownTotal(page), one.total);
  assert.equal(await page.getByRole('checkbox', { name: /^Rennes/ }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: /^Lyon/ }).isChecked(), false);
  await page.goBack();
  await page.waitForURL((url) => url.searchParams.getAll('city').length === 0);
  await searchSettled(page);
  assert.equal(await shownTotal(page), api.total);
  assert.equal(await box.inputValue(), q);
  await page.goForward();
  await page.waitForURL((url) => url.searchParams.getAll('city').length === 1);
  await searchSettled(page);
  assert.equal(await shownTotal(page), one.total);

  p.expectNoErrors();
  await p.close();
});

test('chips remove one filter; clear all keeps the query; sort and pages are in the URL', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/search?q=projet&city=lyon&theme=partnerships&lang=fr');
  await searchSettled(page);
  assert.equal(await page.locator('.chip').count(), 2);

  await page.getByRole('button', { name: /Retirer le filtre Thème/ }).click();
  await page.waitForURL((url) => !url.searchParams.has('theme'));
  await searchSettled(page);
  assert.equal(await page.locator('.chip').count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'chip', 'focus stays on the chips');

  await page.getByRole('checkbox', { name: /^Grenoble/ }).check();
  await page.waitForURL((url) => url.searchParams.getAll('city').length === 2);
  await searchSettled(page);
  await page.getByRole('button', { name: 'Tout effacer' }).click();
  await page.waitForURL((url) => !url.searchParams.has('city'));
  await searchSettled(page);
  assert.equal(params(page).get('q'), 'projet');
  assert.equal(await page.locator('.chip').count(), 0);
  const api = await getJson(env.server.base, '/api/search?q=projet&lang=fr');
  assert.equal(await shownTotal(page), api.total);

  await page.getByLabel('Trier par').selectOption('city');
  await page.waitForURL((url) => url.searchParams.get('sort') === 'city');
  await searchSettled(page);
  const sorted = await getJson(env.server.base, '/api/search?q=projet&lang=fr&sort=city');
  assert.equal(await page.locator('.hit__title').first().textContent(), sorted.hits[0].title);

  // Every record, page 2, then back to page 1.
  await page.goto('/search?lang=fr');
  await searchSettled(page);
  const all = await getJson(env.server.base, '/api/search?lang=fr&page=2');
  await page.getByRole('navigation', { name: 'Pages de résultats' }).getByRole('link', { name: 'Page 2', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('page') === '2');
  await searchSettled(page);
  assert.equal(await page.locator('.hit__title').first().textContent(), all.hits[0].title);
  assert.equal(await page.locator('.pagination [aria-current="page"]').textContent(), '2');
  assert.match(await page.locator('.results__count').textContent(), /page 2 sur/);
  await page.goBack();
  await page.waitForURL((url) => !url.searchParams.has('page'));
  await searchSettled(page);
  assert.equal(await page.locator('.pagination [aria-current="page"]').textContent(), '1');

  p.expectNoErrors();
  await p.close();
});

test('did you mean, empty results and the keyboard', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/search?q=energei&lang=fr');
  await searchSettled(page);
  const api = await getJson(env.server.base, '/api/search?q=energei&lang=fr');
  assert.ok(api.suggestion, 'the API suggests a spelling');
  if (api.total > 0) {
    // The server searched the corrected words: the page says so.
    assert.equal(await page.locator('.correction strong').textContent(), api.suggestion);
    await page.goto('/search?q=energei&spell=off&lang=fr');
    await searchSettled(page);
  }
  const link = page.locator('.results__notices .did-you-mean, .empty__tips a').first();
  assert.equal(await link.textContent(), api.suggestion);
  await link.click();
  await page.waitForURL((url) => url.searchParams.get('q') === api.suggestion && !url.searchParams.has('spell'));
  await searchSettled(page);
  assert.ok(await shownTotal(page) > 0);

  await page.goto('/search?q=xyzzyqwv&lang=fr');
  await searchSettled(page);
  assert.equal(await page.locator('.results__count').textContent(), 'Aucune fiche pour « xyzzyqwv »');
  assert.ok(await page.getByText('Aucune fiche ne correspond à cette recherche.').isVisible());

  // Keyboard only: skip link, search box, Enter; then tab to a checkbox and tick it with Space.
  await page.goto('/?lang=fr');
  await searchSettled(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Aller au contenu');
  const box = page.getByRole('searchbox', { name: 'Rechercher dans les fiches' });
  await box.focus();
  await page.keyboard.type('données');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === 'données');
  await searchSettled(page);
  const checkbox = page.locator('input[data-facet="city"]').first();
  await checkbox.focus();
  const value = await checkbox.getAttribute('data-value');
  await page.keyboard.press('Space');
  await page.waitForURL((url) => url.searchParams.get('city') === value);
  await searchSettled(page);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.value), value, 'focus stays on the checkbox');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused control is visibly outlined');

  p.expectNoErrors();
  await p.close();
});

test('a failing server shows an error with a retry, then the results', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  let fail = true;
  await page.route('**/api/search?**', (route) => (fail
    ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"down for a test"}}' })
    : route.continue()));
  await page.goto('/search?q=donn%C3%A9es&lang=fr');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Le serveur n’a pas pu répondre/);
  assert.equal(await page.locator('.results__count').textContent(), 'La recherche a échoué.');
  fail = false;
  await alert.getByRole('button', { name: 'Réessayer' }).click();
  await searchSettled(page);
  await page.locator('.hit').first().waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(p.errors.filter((e) => !/status of 503/.test(e)), []);
  await p.close();
});

test('switch to English: interface and content, remembered', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/search?q=pilotage&lang=fr');
  await searchSettled(page);
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL((url) => url.searchParams.get('lang') === 'en');
  await searchSettled(page);
  assert.equal(params(page).get('q'), 'pilotage', 'the query survives the switch');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.ok(await page.getByRole('searchbox', { name: 'Search the records' }).isVisible());
  assert.ok(await page.getByRole('button', { name: 'Search', exact: true }).isVisible());
  assert.ok(await page.getByRole('group', { name: 'Record type' }).isVisible());
  const api = await getJson(env.server.base, '/api/search?q=pilotage&lang=en');
  assert.equal(await page.locator('.hit__title').first().textContent(), api.hits[0].title);
  assert.match(await page.locator('.results__count').textContent(), /records? for “pilotage”/);

  // Remembered: a URL without lang opens in English.
  await page.goto('/');
  await searchSettled(page);
  assert.equal(params(page).get('lang'), 'en');
  assert.ok(await page.getByRole('link', { name: 'Français' }).isVisible());
  // And back to French with the history.
  await page.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL((url) => url.searchParams.get('lang') === 'fr');
  await searchSettled(page);
  assert.ok(await page.getByRole('button', { name: 'Rechercher', exact: true }).isVisible());
  await page.goBack();
  await page.waitForURL((url) => url.searchParams.get('lang') === 'en');
  await searchSettled(page);
  assert.ok(await page.getByRole('button', { name: 'Search', exact: true }).isVisible());
  await screenshot(page, 'search-home-english-desktop');

  p.expectNoErrors();
  await p.close();
});

test('on a 375-pixel phone: no horizontal scroll, filters fold away', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  await page.goto('/?lang=fr');
  await searchSettled(page);
  await expectNoHorizontalScroll(page, 'home on a phone');
  await screenshot(page, 'search-home-phone');

  await page.goto('/search?q=partenaires&lang=fr');
  await searchSettled(page);
  assert.equal(await page.getByRole('checkbox', { name: /^Lyon/ }).isVisible(), false, 'filters folded');
  const toggle = page.getByRole('button', { name: /^Filtres/ });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.getByRole('checkbox', { name: /^Grenoble/ }).check();
  await page.waitForURL((url) => url.searchParams.get('city') === 'grenoble');
  await searchSettled(page);
  await expectNoHorizontalScroll(page, 'filtered results on a phone');
  await screenshot(page, 'search-results-phone');
  const total = await shownTotal(page);
  await page.getByRole('button', { name: `Voir les ${total} fiches` }).click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('checkbox', { name: /^Grenoble/ }).isVisible(), false, 'filters folded again');
  await expectAccessible(page, 'search page on a phone');

  await page.setViewportSize(DESKTOP);
  await screenshot(page, 'search-results-desktop');
  p.expectNoErrors();
  await p.close();
});
