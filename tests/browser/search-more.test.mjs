// The search page, second round: "showing results for X, search instead for
// Y" after a spelling correction, query words marked in titles (as text),
// export of the results, results per page in the URL, a filter box in long
// facets, the "no particular city" value of the city facet, the filter
// column within reach at 1280×800, and a suggestion list that closes on
// submit and never swallows the next click. Expected values from the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, openPage, screenshot, searchSettled, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

// A query with one misspelt word: a title word with two letters swapped.
async function misspeltQuery(base) {
  const { hits } = await getJson(base, '/api/search?per_page=50&lang=fr');
  for (const hit of hits) {
    for (const word of hit.title.split(/[^\p{L}]+/u).filter((w) => w.length >= 7)) {
      const typo = word.slice(0, 3) + word[4] + word[3] + word.slice(5);
      const api = await getJson(base, `/api/search?q=${encodeURIComponent(typo)}&lang=fr`);
      if (api.suggestion && api.total > 0) return { typo, api };
    }
  }
  return null;
}

test('after a correction: showing results for X, search instead for Y; titles marked', async () => {
  const found = await misspeltQuery(env.server.base);
  assert.ok(found, 'the corpus yields a misspelt query the API corrects');
  const { typo, api } = found;
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto(`/search?q=${encodeURIComponent(typo)}&lang=fr`);
  await searchSettled(page);
  const notice = page.locator('.correction');
  assert.equal(await notice.locator('strong').textContent(), api.suggestion);
  assert.ok((await page.locator('.results__count').textContent())
    .startsWith(`${api.total} ${api.total === 1 ? 'fiche' : 'fiches'} pour « ${api.suggestion} »`));
  // Titles: the corrected words are marked, the rest of the title is intact text.
  const titles = await page.locator('.hit__title a').evaluateAll((links) => links.map((a) => ({
    text: a.textContent, marks: [...a.querySelectorAll('mark')].map((m) => m.textContent), elements: a.querySelectorAll('*').length,
  })));
  assert.deepEqual(titles.map((x) => x.text), api.hits.map((hit) => hit.title));
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const wanted = fold(api.suggestion);
  assert.ok(titles.some((x) => x.marks.length > 0), 'some title is highlighted');
  for (const x of titles) {
    assert.equal(x.elements, x.marks.length, 'only <mark> elements in a title');
    for (const mark of x.marks) assert.ok(wanted.split(/\s+/).some((w) => fold(mark).startsWith(w)), `${mark} is a query word`);
  }
  await screenshot(page, 'search-correction-desktop');

  // "Search instead for" the words as typed.
  const instead = notice.locator('a.correction__instead');
  assert.equal(await instead.textContent(), typo);
  await instead.click();
  await page.waitForURL((url) => url.searchParams.get('spell') === 'off' && url.searchParams.get('q') === typo);
  await searchSettled(page);
  assert.equal(await page.locator('.correction').count(), 0);
  assert.ok((await page.locator('.results__count').textContent()).includes(`pour « ${typo} »`));
  p.expectNoErrors();
  await p.close();
});

test('results per page, export links, the filter box of long facets, records about no city', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/search?lang=fr');
  await searchSettled(page);
  const all = await getJson(env.server.base, '/api/search?lang=fr');

  await page.getByLabel('Par page').selectOption('20');
  await page.waitForURL((url) => url.searchParams.get('per_page') === '20');
  await searchSettled(page);
  assert.equal(await page.locator('.hits > li').count(), Math.min(20, all.total));
  await page.goBack();
  await searchSettled(page);
  assert.equal(await page.locator('.hits > li').count(), Math.min(10, all.total));
  await page.goForward();
  await searchSettled(page);

  // Exports: the API's answer for the same search, as CSV and JSON.
  const csvHref = await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href');
  const jsonHref = await page.getByRole('link', { name: 'JSON', exact: true }).getAttribute('href');
  const csvUrl = new URL(csvHref, env.server.base);
  assert.equal(csvUrl.pathname, '/api/search');
  assert.equal(csvUrl.searchParams.get('format'), 'csv');
  assert.equal(csvUrl.searchParams.get('per_page'), '20');
  const csv = await fetch(csvUrl);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /csv/);
  const json = await getJson(env.server.base, jsonHref);
  assert.deepEqual(json.hits.map((hit) => hit.id),
    await page.locator('.hits .hit').evaluateAll((hits) => hits.map((el) => el.dataset.id)));

  // A facet of 20 values or more has a filter box; shorter ones do not.
  for (const [facet, values] of Object.entries(all.facets)) {
    const group = page.locator(`fieldset[data-facet="${facet}"]`);
    const box = group.locator('input[type="search"]');
    assert.equal(await box.count(), values.length >= 20 ? 1 : 0, `${facet}: filter box`);
    if (values.length < 20) continue;
    const target = values[values.length - 1];
    await box.fill(target.label.slice(0, 5));
    const visible = await group.locator('input[type="checkbox"]').evaluateAll((boxes) => boxes.filter((b) => b.checkVisibility()).map((b) => b.value));
    assert.ok(visible.includes(target.value), `${facet}: the filter shows ${target.label}`);
    assert.ok(visible.length < values.length);
    await group.getByRole('checkbox', { name: new RegExp(`^${target.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).check();
    await page.waitForURL((url) => url.searchParams.getAll(facet).includes(target.value));
    await searchSettled(page);
    assert.equal(await group.locator('input[type="search"]').inputValue(), target.label.slice(0, 5), 'the filter text stays');
    await page.goBack();
    await searchSettled(page);
  }

  // The city facet's "no particular city" value, labelled by the API.
  const general = all.facets.city.find((v) => v.value === 'general');
  if (general) {
    const more = page.locator('[data-more="city"][aria-expanded="false"]');
    if (await more.count()) await more.click();
    await page.getByRole('checkbox', { name: new RegExp(general.label.replace(/[()]/g, '\\$&')) }).check();
    await page.waitForURL((url) => url.searchParams.get('city') === 'general');
    await searchSettled(page);
    const api = await getJson(env.server.base, '/api/search?city=general&lang=fr&per_page=20');
    assert.equal(await page.locator('.hits > li').count(), api.hits.length);
    assert.equal(api.total, general.count);
    assert.equal(await page.locator('.hit__city:not(.hit__city--none)').count(), 0, 'no hit names a city');
  }
  p.expectNoErrors();
  await p.close();
});

test('at 1280×800 the whole filter column is visible or scrolls, and the last facet can be used', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: { width: 1280, height: 800 } });
  const { page } = p;
  await page.goto('/search?lang=fr');
  await searchSettled(page);
  await page.evaluate(() => window.scrollTo(0, document.querySelector('.filters').getBoundingClientRect().top + window.scrollY));
  const box = await page.evaluate(() => {
    const aside = document.querySelector('.filters');
    const r = aside.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, scrolls: aside.scrollHeight > aside.clientHeight, overflowY: getComputedStyle(aside).overflowY };
  });
  assert.ok(box.top >= 0 && box.bottom <= 800, `the column fits the screen (${box.top}–${box.bottom})`);
  if (box.scrolls) assert.ok(['auto', 'scroll'].includes(box.overflowY), 'a taller column scrolls');
  const lastFacet = page.locator('fieldset.facet').last();
  const check = lastFacet.locator('input[type="checkbox"]').first();
  const value = await check.getAttribute('data-value');
  const facet = await check.getAttribute('data-facet');
  await check.click();
  await page.waitForURL((url) => url.searchParams.getAll(facet).includes(value));
  p.expectNoErrors();
  await p.close();
});

test('the suggestion list closes on Enter, Escape and outside clicks; a facet click after Enter lands', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  // Slow suggestion answers: they arrive after the search has run.
  await page.route('**/api/suggest?*', async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  await page.goto('/?lang=fr');
  await searchSettled(page);
  const box = page.getByRole('searchbox', { name: 'Rechercher dans les fiches' });
  const listbox = page.locator('.suggestions');
  await box.click();
  await box.pressSequentially('donn', { delay: 30 });
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === 'donn');
  await searchSettled(page);
  await page.waitForTimeout(1000); // the late answer arrives
  assert.equal(await listbox.isHidden(), true, 'a late answer does not reopen the list');
  const checkbox = page.locator('input[data-facet="city"]').first();
  const value = await checkbox.getAttribute('data-value');
  await checkbox.click({ timeout: 5000 });
  await page.waitForURL((url) => url.searchParams.get('city') === value);
  await searchSettled(page);

  // Escape and an outside click close an open list.
  await page.unroute('**/api/suggest?*');
  await box.fill('');
  await box.pressSequentially('proj', { delay: 40 });
  await listbox.waitFor();
  await box.press('Escape');
  assert.equal(await listbox.isHidden(), true, 'Escape closes');
  await box.pressSequentially('e', { delay: 40 });
  await listbox.waitFor();
  await page.mouse.click(5, 500); // the page's margin, outside the search box
  assert.equal(await listbox.isHidden(), true, 'an outside click closes');
  assert.equal(await page.locator('[role="combobox"]').getAttribute('aria-expanded'), 'false');
  p.expectNoErrors();
  await p.close();
});
