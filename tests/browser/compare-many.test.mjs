// Comparing many cities: the searchable city picker and its groups, the heat
// map readable with every city (transposed when cities outnumber the rows,
// sticky headers, ordered by name or count, every cell a named link), the
// side-by-side view brought into sight, long indicator series folded,
// nothing wider than a phone's screen outside a scrollable region with a
// visible hint, and a CSV export that lists every record each cell counts.
// Expected values come from the API, for any corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, getJson, openPage, parseCsv, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

async function matrixSettled(page) {
  await page.waitForSelector('.compare-page:not([aria-busy]) table.heatmap');
}

function selectedSlugs(page) {
  return new URL(page.url()).searchParams.getAll('cities').flatMap((v) => v.split(',')).sort();
}

// Every element that sticks out of the viewport sideways must sit inside a
// scrollable region that itself fits and shows its hint.
async function expectNothingOverflows(page, label) {
  const problems = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push(`page is ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.querySelectorAll('body *')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || (rect.right <= width + 0.5 && rect.left >= -0.5)) continue;
      const region = el.closest('[data-scroll-region]');
      if (!region) {
        out.push(`${el.tagName.toLowerCase()}.${el.className} spans ${Math.round(rect.left)}–${Math.round(rect.right)}px`);
        continue;
      }
      const style = getComputedStyle(region);
      const box = region.getBoundingClientRect();
      const hintId = region.getAttribute('aria-describedby');
      const hint = hintId && document.getElementById(hintId);
      if (!['auto', 'scroll'].includes(style.overflowX)) out.push('a region that does not scroll');
      else if (box.right > width + 0.5 || box.left < -0.5) out.push('a region wider than the screen');
      else if (!hint || hint.hidden || hint.getBoundingClientRect().height === 0) out.push(`${region.getAttribute('aria-label')}: no visible hint`);
      else if (region.getAttribute('role') !== 'region' || region.tabIndex !== 0) out.push('a region that the keyboard cannot scroll');
    }
    return [...new Set(out)].slice(0, 10);
  });
  assert.deepEqual(problems, [], `${label}: overflow`);
}

test('all cities on a 375 px phone: nothing overflows but scrollable regions with a hint', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  for (const rows of ['theme', 'stakeholder', 'kind']) {
    await page.goto(`/compare?lang=fr&rows=${rows}`);
    await matrixSettled(page);
    await expectNothingOverflows(page, `compare by ${rows} on a phone`);
  }
  await page.goto('/compare?lang=fr');
  await matrixSettled(page);
  const widths = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(widths.scroll <= widths.inner, `the page is ${widths.scroll}px wide on a ${widths.inner}px phone`);
  // The indicators of every city: a compact table that scrolls both ways
  // inside a region of at most most of the screen, its headers in view.
  const indicators = page.locator('.compare__indicators [data-scroll-region]');
  if (await indicators.count()) {
    const box = await indicators.boundingBox();
    assert.ok(box.height <= PHONE.height * 0.8, `the indicators table is ${box.height}px tall on a ${PHONE.height}px screen`);
    const sticky = await page.evaluate(() => [
      getComputedStyle(document.querySelector('.indicator-table thead th:last-child')).position,
      getComputedStyle(document.querySelector('.indicator-table tbody th')).position,
    ]);
    assert.deepEqual(sticky, ['sticky', 'sticky'], 'the city names and the indicator names stay in view');
  }
  await screenshot(page, 'compare-all-phone');
  // Two cities, in English.
  const two = (await getJson(env.server.base, '/api/cities')).cities.slice(0, 2).map((c) => c.slug);
  await page.goto(`/compare?lang=en&cities=${two.join(',')}`);
  await matrixSettled(page);
  await expectNothingOverflows(page, 'two cities on a phone');
  p.expectNoErrors();
  await p.close();
});

test('the heat map with every city: transposed when needed, sticky, ordered, every cell a named link', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: DESKTOP });
  const { page } = p;
  for (const rows of ['theme', 'kind']) {
    const api = await getJson(env.server.base, `/api/compare?lang=fr&rows=${rows}`);
    const values = api[`${rows}s`];
    await page.goto(`/compare?lang=fr${rows === 'theme' ? '' : `&rows=${rows}`}`);
    await matrixSettled(page);
    await expectNothingOverflows(page, `compare by ${rows} at 1280 px`);
    const transposed = api.cities.length > values.length;
    assert.equal(await page.locator('.heatmap').getAttribute('data-transposed'), transposed ? 'true' : null, `${rows}: transposed`);
    assert.equal(await page.locator('.heatmap tbody tr').count(), transposed ? api.cities.length : values.length);
    // Sticky headers: the header row and the first column.
    const positions = await page.evaluate(() => [
      getComputedStyle(document.querySelector('.heatmap thead th:last-child')).position,
      getComputedStyle(document.querySelector('.heatmap tbody th')).position,
    ]);
    assert.deepEqual(positions, ['sticky', 'sticky']);
    // Every cell, zero or not, is a link named "City, Value : N fiches".
    const counts = new Map(api.cells.map((c) => [`${c.city}|${c.value ?? c[rows]}`, c.count]));
    const cells = await page.locator('td.heatmap__cell').evaluateAll((tds) => tds.map((td) => ({
      city: td.dataset.city, value: td.dataset.value, name: td.querySelector('a[href]')?.getAttribute('aria-label'),
      href: td.querySelector('a[href]')?.getAttribute('href'),
    })));
    assert.equal(cells.length, api.cities.length * values.length);
    for (const cell of cells) {
      const count = counts.get(`${cell.city}|${cell.value}`) ?? 0;
      const city = api.cities.find((c) => c.slug === cell.city).name;
      const label = values.find((v) => v.value === cell.value).label;
      const words = `${count} ${count <= 1 ? 'fiche' : 'fiches'}`;
      assert.equal(cell.name, `${city}, ${label} : ${words}`);
      const url = new URL(cell.href, env.server.base);
      assert.deepEqual([url.pathname, url.searchParams.get('city'), url.searchParams.get(rows)], ['/search', cell.city, cell.value]);
    }
  }

  // Ordered by count: the cities with the most records (summed over the rows) first.
  const api = await getJson(env.server.base, '/api/compare?lang=fr');
  await page.goto('/compare?lang=fr');
  await matrixSettled(page);
  await page.getByLabel('Ordre des villes').selectOption('count');
  await page.waitForURL((url) => url.searchParams.get('order') === 'count');
  await matrixSettled(page);
  const totals = new Map();
  for (const c of api.cells) totals.set(c.city, (totals.get(c.city) || 0) + c.count);
  const expected = [...api.cities].sort((a, b) => (totals.get(b.slug) || 0) - (totals.get(a.slug) || 0) || a.name.localeCompare(b.name));
  assert.deepEqual(await page.locator('.heatmap th[data-city]').evaluateAll((ths) => ths.map((th) => th.dataset.city)),
    expected.map((c) => c.slug));
  await page.getByLabel('Ordre des villes').selectOption('name');
  await page.waitForURL((url) => !url.searchParams.has('order'));
  await matrixSettled(page);
  assert.deepEqual(await page.locator('.heatmap th[data-city]').allTextContents(),
    api.cities.map((c) => c.name).sort((a, b) => a.localeCompare(b)));
  await screenshot(page, 'compare-all-desktop');
  p.expectNoErrors();
  await p.close();
});

test('the city picker: filter box, groups by country and size, all', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  const { cities } = await getJson(env.server.base, '/api/cities');
  await page.goto('/compare?lang=fr');
  await matrixSettled(page);
  const picker = page.getByRole('group', { name: 'Villes comparées' });
  assert.equal(await picker.getByRole('checkbox').count(), cities.length);

  // The filter box narrows the list (accents and case ignored); the choices stay.
  const target = cities[cities.length - 1];
  await picker.getByLabel('Filtrer la liste des villes').fill(target.name.slice(0, 4).toUpperCase());
  const shown = await picker.getByRole('checkbox').evaluateAll((boxes) => boxes.filter((b) => b.checkVisibility()).map((b) => b.value));
  const typed = target.name.slice(0, 4).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const matches = (c) => `${c.name} ${c.country}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().includes(typed);
  assert.ok(shown.includes(target.slug));
  assert.deepEqual(shown, cities.filter(matches).map((c) => c.slug));
  assert.equal(await picker.locator('input[type="checkbox"]:checked').count(), cities.length, 'filtering changes no choice');
  await picker.getByLabel('Filtrer la liste des villes').fill('');

  // One button per country (when there are several): it selects exactly that country.
  const countries = [...new Set(cities.map((c) => c.country))];
  if (countries.length > 1) {
    const country = countries.sort((a, b) => cities.filter((c) => c.country === b).length - cities.filter((c) => c.country === a).length)[0];
    const slugs = cities.filter((c) => c.country === country).map((c) => c.slug).sort();
    await picker.locator(`button[data-group="country-${country}"]`).click();
    if (slugs.length === cities.length) await page.waitForURL((url) => !url.searchParams.has('cities'));
    else await page.waitForURL((url) => url.searchParams.has('cities'));
    await matrixSettled(page);
    assert.deepEqual(selectedSlugs(page), slugs.length === cities.length ? [] : slugs);
    assert.equal(await picker.locator(`button[data-group="country-${country}"]`).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.heatmap th[data-city]').count(), slugs.length);
  }

  // Size bands from the population indicator.
  const population = (await getJson(env.server.base, '/api/compare?lang=fr')).indicators.find((r) => r.name === 'population');
  const band = picker.locator('button[data-group^="size-"]').first();
  if (population && await band.count()) {
    await band.click();
    await page.waitForURL((url) => url.searchParams.has('cities'));
    await matrixSettled(page);
    const chosen = selectedSlugs(page);
    const values = chosen.map((slug) => population.values[slug]);
    assert.ok(values.every((v) => typeof v === 'number'), 'every city of a size group has a population');
    const others = cities.filter((c) => !chosen.includes(c.slug)).map((c) => population.values[c.slug]).filter((v) => typeof v === 'number');
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    assert.ok(others.every((v) => v < lo || v > hi), 'a size group is a band of population');
  }

  // "All" comes back to every city: the URL then omits cities.
  await picker.locator('button[data-group="all"]').click();
  await page.waitForURL((url) => !url.searchParams.has('cities'));
  await matrixSettled(page);
  assert.equal(await page.locator('.heatmap th[data-city]').count(), cities.length);
  assert.equal(await picker.getByRole('checkbox', { checked: true }).count(), cities.length);
  p.expectNoErrors();
  await p.close();
});

test('side by side opens in view with the focus on its heading; long series fold', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  const api = await getJson(env.server.base, '/api/compare?lang=fr');
  await page.goto('/compare?lang=fr');
  await matrixSettled(page);
  const theme = api.themes[api.themes.length - 1];
  await page.getByRole('link', { name: `Voir côte à côte : ${theme.label}` }).click();
  await page.waitForURL((url) => url.searchParams.get('theme') === theme.value);
  const heading = page.getByRole('heading', { level: 2, name: `Côte à côte : ${theme.label}` });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'compare-side');
  const box = await heading.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= DESKTOP.height, `the heading is in view (y = ${box.y})`);

  // Series of more than 3 observations fold into a closed disclosure unless their sources disagree.
  for (const row of api.indicators) {
    for (const [city, observations] of Object.entries(row.observations || {})) {
      if (!observations || observations.length < 2) continue;
      const cell = page.locator(`tr[data-indicator="${row.name}"] td[data-city="${city}"]`);
      const folded = await cell.locator('details.indicator-table__fold').count();
      const shouldFold = observations.length > 3 && !(row.conflicts && row.conflicts[city]);
      assert.equal(folded, shouldFold ? 1 : 0, `${row.name} × ${city}`);
      if (shouldFold) {
        assert.equal(await cell.locator('.indicator-table__series').isVisible(), false);
        await cell.locator('summary').click();
        assert.equal(await cell.locator('.indicator-table__series li').count(), observations.length);
        assert.ok(await cell.locator('.indicator-table__series').isVisible());
      }
    }
  }
  p.expectNoErrors();
  await p.close();
});

test('the compare CSV lists every record counted in each cell', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: DESKTOP });
  const { page } = p;
  const { cities } = await getJson(env.server.base, '/api/cities');
  const some = cities.slice(0, 3).map((c) => c.slug).join(',');
  for (const query of ['lang=fr', 'lang=en&rows=stakeholder', `lang=fr&rows=kind&cities=${some}&q=partenaires`]) {
    await page.goto(`/compare?${query}`);
    await matrixSettled(page);
    // The page's own export link, downloaded as a user would.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^(Exporter en CSV|Export as CSV)$/ }).first().click(),
    ]);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const rows = parseCsv(Buffer.concat(chunks).toString('utf8'));
    const api = await getJson(env.server.base, `/api/compare?${query}`);
    const cellRows = new Map(rows.filter((r) => r.type === 'cell').map((r) => [`${r.city}|${r.key}`, r]));
    const records = new Map();
    for (const r of rows.filter((row) => row.type === 'record')) {
      const key = `${r.city}|${r.key}`;
      records.set(key, [...(records.get(key) || []), r.documents]);
    }
    assert.equal(cellRows.size, api.cells.length, `${query}: one cell line per cell`);
    let listed = 0;
    for (const cell of api.cells) {
      const key = `${cell.city}|${cell.value}`;
      const links = records.get(key) || [];
      assert.equal(links.length, cell.count, `${query}: ${key} counts ${cell.count}, the CSV lists ${links.length}`);
      assert.equal(new Set(links).size, links.length, `${query}: ${key} lists a record twice`);
      assert.equal(Number(cellRows.get(key).value), cell.count);
      assert.equal(cellRows.get(key).documents.split(' ').filter(Boolean).length, cell.count);
      // The best records of the API's cell are among those listed.
      for (const hit of cell.hits) assert.ok(links.some((l) => l.endsWith(`/documents/${hit.id}`)), `${key}: ${hit.id}`);
      listed += links.length;
    }
    assert.ok(listed > 0, `${query}: some records`);
  }
  p.expectNoErrors();
  await p.close();
});

test('on a phone the header is one line: the navigation folds behind a menu button', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  const lineHeight = async () => page.evaluate(() => {
    const parts = ['.brand', '.site-nav__toggle', '.lang-switch'].map((s) => document.querySelector(s).getBoundingClientRect());
    const header = document.querySelector('.site-header').getBoundingClientRect();
    return { header: header.height, tops: parts.map((r) => r.top), bottoms: parts.map((r) => r.bottom), tallest: Math.max(...parts.map((r) => r.height)) };
  });
  for (const path of ['/compare?lang=fr', '/search?lang=en', '/timeline?lang=fr']) {
    await page.goto(path);
    await page.locator('main h1').first().waitFor();
    const menu = page.locator('.site-nav__toggle');
    assert.ok(await menu.isVisible(), `${path}: a menu button`);
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('.site-nav ul').isVisible(), false, `${path}: the links are folded`);
    const line = await lineHeight();
    // Brand, menu and language switch on one row, the header no taller than it.
    assert.ok(Math.max(...line.tops) < Math.min(...line.bottoms), `${path}: one row (${JSON.stringify(line)})`);
    assert.ok(line.header <= line.tallest + 32, `${path}: the header is ${line.header}px tall`);
    const widths = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
    assert.ok(widths.scroll <= widths.inner, `${path}: ${widths.scroll}px wide`);
  }
  // The menu opens, leads to a page and closes; Escape closes it too.
  const menu = page.locator('.site-nav__toggle');
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  const compare = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Comparer' });
  assert.ok(await compare.isVisible());
  await page.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await compare.isVisible(), false);
  await menu.click();
  await compare.click();
  await page.waitForURL((url) => url.pathname === '/compare');
  await matrixSettled(page);
  assert.equal(await page.locator('.site-nav__toggle').getAttribute('aria-expanded'), 'false', 'closed after navigating');
  // An outside click closes it.
  await page.locator('.site-nav__toggle').click();
  await page.mouse.click(10, 400);
  assert.equal(await page.locator('.site-nav__toggle').getAttribute('aria-expanded'), 'false');
  p.expectNoErrors();
  await p.close();

  // At 1280 px the links show in the header and there is no menu button.
  const d = await openPage(env.browser, env.server.base, { viewport: DESKTOP });
  await d.page.goto('/compare?lang=fr');
  await d.page.locator('main h1').first().waitFor();
  assert.equal(await d.page.locator('.site-nav__toggle').isVisible(), false);
  assert.ok(await d.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Comparer' }).isVisible());
  d.expectNoErrors();
  await d.close();
});
