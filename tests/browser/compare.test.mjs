// The compare page: reached from the header, its heat map agrees with
// GET /api/compare, a cell opens the matching filtered search (same count),
// cities and rows are in the URL, a theme opens side by side, indicators
// show missing values as missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, expectAccessible, expectNoHorizontalScroll, getJson, openPage, screenshot, searchSettled,
  useServerAndBrowser
} from './harness.mjs';

const env = useServerAndBrowser();

async function matrixSettled(page) {
  await page.waitForSelector('.compare-page:not([aria-busy]) table.heatmap');
}

test('the heat map matches the API and a cell opens the filtered search', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/?lang=fr');
  await searchSettled(page);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Comparer' }).click();
  await page.waitForURL((url) => url.pathname === '/compare');
  await matrixSettled(page);

  const api = await getJson(env.server.base, '/api/compare?lang=fr');
  // Cities by name, as columns, or as rows when they outnumber the themes.
  const transposed = api.cities.length > api.themes.length;
  const headers = await page.locator(transposed ? '.heatmap tbody th.heatmap__row--city' : '.heatmap thead th.heatmap__city').allTextContents();
  assert.deepEqual(headers, api.cities.map((c) => c.name).sort((a, b) => a.localeCompare(b)));
  assert.equal(await page.locator('.heatmap tbody tr').count(), transposed ? api.cities.length : api.themes.length);
  for (const cell of api.cells) {
    const td = page.locator(`td[data-city="${cell.city}"][data-value="${cell.theme ?? cell.value}"]`);
    assert.equal(await td.getAttribute('data-count'), String(cell.count), `${cell.city} × ${cell.value}`);
  }
  await screenshot(page, 'compare-desktop');
  await expectAccessible(page, 'compare page');

  // Lyon × governance opens the search for Lyon and governance, with the same count.
  const cell = api.cells.find((c) => c.city === 'lyon' && (c.theme ?? c.value) === 'governance');
  assert.ok(cell.count > 0);
  await page.locator('td[data-city="lyon"][data-value="governance"] a').click();
  await page.waitForURL((url) => url.pathname === '/search');
  await searchSettled(page);
  const params = new URL(page.url()).searchParams;
  assert.deepEqual(params.getAll('city'), ['lyon']);
  assert.deepEqual(params.getAll('theme'), ['governance']);
  assert.ok((await page.locator('.results__count').textContent()).startsWith(`${cell.count} fiche`));
  await page.goBack();
  await matrixSettled(page);
  p.expectNoErrors();
  await p.close();
});

test('cities, rows and side by side are in the URL; indicators show gaps', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  await page.goto('/compare?lang=fr');
  await matrixSettled(page);

  await page.getByRole('group', { name: 'Villes comparées' }).getByRole('checkbox', { name: 'Grenoble' }).uncheck();
  await page.waitForURL((url) => url.searchParams.has('cities'));
  await matrixSettled(page);
  // Every city of the corpus but Grenoble stays.
  const kept = (await getJson(env.server.base, '/api/cities')).cities.filter((c) => c.slug !== 'grenoble');
  const keptSlugs = kept.map((c) => c.slug).join(',');
  assert.deepEqual(new URL(page.url()).searchParams.getAll('cities').sort(), kept.map((c) => c.slug).sort());
  assert.deepEqual(await page.locator('.heatmap th[data-city]').allTextContents(),
    (await getJson(env.server.base, `/api/compare?cities=${kept.map((c) => c.slug).join(',')}&lang=fr`)).cities.map((c) => c.name)
      .sort((a, b) => a.localeCompare(b)));

  await page.getByRole('link', { name: 'Voir côte à côte : Gouvernance' }).click();
  await page.waitForURL((url) => url.searchParams.get('theme') === 'governance');
  await page.getByRole('heading', { name: 'Côte à côte : Gouvernance' }).waitFor();
  const side = await getJson(env.server.base, `/api/compare?view=side-by-side&theme=governance&cities=${keptSlugs}&lang=fr`);
  for (const column of side.columns) {
    const section = page.locator('.side-by-side__column', { has: page.getByRole('heading', { name: column.city.name }) });
    assert.equal(await section.locator('.hit').count(), column.practices.length + column.interviews.length);
  }

  // Indicators: a value a city did not report is "not reported", never 0.
  const api = await getJson(env.server.base, `/api/compare?cities=${keptSlugs}&lang=fr`);
  const table = page.locator('table.indicator-table');
  for (const row of api.indicators) {
    const cells = table.locator(`tr[data-indicator="${row.name}"]`).locator('td');
    for (const [i, city] of api.cities.entries()) {
      const text = await cells.nth(i).textContent();
      if (row.values[city.slug] === null) assert.match(text, /non renseigné/);
      else assert.ok(text.replace(/\D/g, '').includes(String(row.values[city.slug])), `${row.name} × ${city.slug}: ${text}`);
    }
  }
  await screenshot(page, 'compare-side-by-side-desktop');

  await page.getByLabel('Lignes', { exact: true }).selectOption('stakeholder');
  await page.waitForURL((url) => url.searchParams.get('rows') === 'stakeholder');
  await matrixSettled(page);
  const byStakeholder = await getJson(env.server.base, `/api/compare?cities=${keptSlugs}&rows=stakeholder&lang=fr`);
  // Transposed (cities as rows) when the cities outnumber the stakeholders.
  const transposed = byStakeholder.cities.length > byStakeholder.stakeholders.length;
  assert.equal(await page.locator('.heatmap').getAttribute('data-transposed'), transposed ? 'true' : null);
  assert.equal(await page.locator('.heatmap tbody tr').count(),
    transposed ? byStakeholder.cities.length : byStakeholder.stakeholders.length);
  assert.equal(await page.locator('.heatmap thead th').first().textContent(), transposed ? 'Villes' : 'Acteurs');

  await page.goBack();
  await page.waitForURL((url) => !url.searchParams.has('rows'));
  await matrixSettled(page);
  const byTheme = await getJson(env.server.base, `/api/compare?cities=${keptSlugs}&lang=fr`);
  assert.equal(await page.locator('.heatmap thead th').first().textContent(),
    byTheme.cities.length > byTheme.themes.length ? 'Villes' : 'Thèmes');
  p.expectNoErrors();
  await p.close();
});

test('the compare page on a phone', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  await page.goto('/compare?lang=en&theme=partnerships');
  await matrixSettled(page);
  await page.getByRole('heading', { name: 'Side by side: Partnerships' }).waitFor();
  await expectNoHorizontalScroll(page, 'compare page on a phone');
  await screenshot(page, 'compare-phone');
  await expectAccessible(page, 'compare page on a phone');
  p.expectNoErrors();
  await p.close();
});
