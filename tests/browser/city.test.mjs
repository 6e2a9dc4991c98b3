// The city page: reached from the search page, it shows the profile, the
// people and their roles, the indicators and the documents grouped by kind,
// as GET /api/cities/SLUG says, in French and in English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, expectAccessible, expectNoHorizontalScroll, getJson, openPage, screenshot, searchSettled,
  useServerAndBrowser
} from './harness.mjs';

const env = useServerAndBrowser();

test('from the search page to a city page that matches the API', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/?lang=fr');
  await searchSettled(page);
  await page.getByRole('navigation', { name: 'Par ville' }).getByRole('link', { name: /Grenoble/ }).click();
  await page.waitForURL((url) => url.pathname === '/cities/grenoble');
  const api = await getJson(env.server.base, '/api/cities/grenoble');

  const h1 = page.locator('h1.city__name');
  await h1.waitFor();
  assert.equal(await h1.textContent(), api.city.name);
  assert.equal(await page.locator('.city__summary').textContent(), api.city.summary.fr);
  for (const person of api.people) {
    assert.ok(await page.locator('.people .person__name').getByText(person.name, { exact: true }).isVisible());
    for (const role of person.roles || []) {
      assert.ok(await page.locator('.person-card__roles').getByRole('link', { name: role.title.fr }).isVisible());
    }
  }
  const indicators = api.indicators || api.city.indicators;
  assert.equal(await page.locator('.indicator').count(), indicators.length);
  for (const indicator of indicators) {
    // A figure reported by several sources shows once per observation.
    assert.ok(await page.locator('.indicator__label').getByText(indicator.label.fr, { exact: true }).first().isVisible());
  }
  let total = 0;
  for (const [kind, docs] of Object.entries(api.documents)) {
    total += docs.length;
    const group = page.locator(`section[aria-labelledby="kind-${kind}"]`);
    assert.equal(await group.locator('.doc-list__item').count(), docs.length, `${kind} documents`);
    for (const doc of docs) assert.ok(await group.getByRole('link', { name: doc.title.fr }).isVisible());
  }
  await screenshot(page, 'city-desktop');
  await expectAccessible(page, 'city page');

  // Its records in the search, counted as on the page.
  await page.getByRole('link', { name: 'Chercher dans les fiches de Grenoble' }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('city') === 'grenoble');
  await searchSettled(page);
  assert.ok((await page.locator('.results__count').textContent()).startsWith(`${total} fiches`));

  // A document of the city leads back to the city page.
  await page.goBack();
  await h1.waitFor();
  const firstDoc = page.locator('.doc-list__title').first();
  await firstDoc.click();
  await page.locator('h1.doc__title').waitFor();
  await page.locator('.doc__meta .doc__city').click();
  await page.waitForURL((url) => url.pathname === '/cities/grenoble');
  await h1.waitFor();

  // In English.
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/lang=en/);
  await page.getByRole('heading', { name: 'People and roles' }).waitFor();
  assert.equal(await page.locator('.city__summary').textContent(), api.city.summary.en);
  p.expectNoErrors();
  await p.close();
});

test('a city page on a phone, and a city that does not exist', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  await page.goto('/cities/rennes?lang=fr');
  await page.locator('h1.city__name').waitFor();
  await expectNoHorizontalScroll(page, 'city page on a phone');
  await screenshot(page, 'city-phone');

  await page.goto('/cities/atlantis?lang=fr');
  await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
  assert.ok(await page.getByText('Cette ville n’est pas (ou plus) dans citykb.').isVisible());
  assert.deepEqual(p.errors.filter((e) => !/status of 404/.test(e)), []);
  await p.close();
});

test('cities like this one: as the API says, each linking to the city and to a compare of both', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  const { cities } = await getJson(env.server.base, '/api/cities');
  const city = cities[0];
  for (const lang of ['fr', 'en']) {
    const api = await getJson(env.server.base, `/api/cities/${city.slug}/similar?lang=${lang}`);
    await page.goto(`/cities/${city.slug}?lang=${lang}`);
    const block = page.getByRole('region', { name: lang === 'fr' ? 'Villes comparables' : 'Cities like this one' });
    await block.waitFor();
    const items = block.locator('.similar-city');
    assert.equal(await items.count(), api.similar.length);
    for (const [i, other] of api.similar.entries()) {
      const item = items.nth(i);
      const link = item.getByRole('link', { name: other.name, exact: true });
      assert.equal(new URL(await link.getAttribute('href'), env.server.base).pathname, `/cities/${other.slug}`);
      assert.deepEqual(await item.locator('.similar-city__reasons li').allTextContents(), other.reasons);
      const compare = item.getByRole('link', { name: lang === 'fr' ? `Comparer ${city.name} et ${other.name}` : `Compare ${city.name} and ${other.name}` });
      const url = new URL(await compare.getAttribute('href'), env.server.base);
      assert.equal(url.pathname, '/compare');
      assert.deepEqual(url.searchParams.getAll('cities').sort(), [city.slug, other.slug].sort());
    }
  }
  // The compare link opens a heat map of exactly the two cities.
  const api = await getJson(env.server.base, `/api/cities/${city.slug}/similar?lang=en`);
  if (api.similar.length) {
    await page.locator('.similar-city__compare').first().click();
    await page.waitForURL((url) => url.pathname === '/compare');
    await page.waitForSelector('.compare-page:not([aria-busy]) table.heatmap');
    assert.deepEqual((await page.locator('.heatmap th[data-city]').evaluateAll((ths) => ths.map((th) => th.dataset.city))).sort(),
      [city.slug, api.similar[0].slug].sort());
  }
  await page.goto(`/cities/${city.slug}?lang=fr`);
  await page.locator('#city-similar').waitFor();
  await page.locator('#city-similar').scrollIntoViewIfNeeded();
  await screenshot(page, 'city-similar-desktop');
  await expectAccessible(page, 'city page with similar cities');
  p.expectNoErrors();
  await p.close();
});
