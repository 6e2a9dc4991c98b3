// The compare page's indicators when sources disagree: each cell shows the
// latest value with its date, a city with several observations the whole
// series, and a conflict the API reports is marked "⚠" with every value,
// its source title and date; the source's title and date (never its id)
// are what hover, focus and screen readers get. Holds for any corpus: a
// fictional city whose two sources disagree on one figure is added first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN, ROOT, expectAccessible, getJson, openPage, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser({ writable: true }, async ({ server }) => {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/bundles/valid-testville.json'), 'utf8'));
  const population = bundle.city.indicators.find((i) => i.name === 'population');
  const other = bundle.city.indicators.find((i) => i.source !== population.source) || { source: 'citykb-test-data' };
  bundle.city.indicators.push({ ...population, value: population.value + 5000, source: other.source });
  const response = await fetch(`${server.base}/api/cities`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify(bundle),
  });
  assert.equal(response.status < 300, true, `POST /api/cities answered ${response.status}: ${await response.text()}`);
});

test('indicator cells: latest value with its date, series, conflicts marked', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  const api = await getJson(env.server.base, '/api/compare?lang=fr');
  const conflicts = api.indicators.flatMap((row) => Object.entries(row.conflicts || {})
    .filter(([, c]) => c).map(([city]) => ({ row, city })));
  assert.ok(conflicts.length > 0, 'the API reports a conflict');
  await page.goto('/compare?lang=fr');
  await page.waitForSelector('.compare-page:not([aria-busy]) table.indicator-table');

  for (const row of api.indicators) {
    for (const city of api.cities.map((c) => c.slug)) {
      const cell = page.locator(`tr[data-indicator="${row.name}"] td[data-city="${city}"]`);
      const observations = (row.observations && row.observations[city]) || [];
      if (row.values[city] === null) {
        assert.match(await cell.textContent(), /non renseigné/);
        continue;
      }
      const latest = row.details[city];
      const text = await cell.locator('.indicator-table__latest').textContent();
      if (latest.as_of) assert.ok(/\d{4}/.test(text), `${row.name} × ${city}: the latest value has its date`);
      assert.equal(await cell.locator('.indicator-table__series li').count(), observations.length > 1 ? observations.length : 0);
      assert.equal(await cell.getAttribute('data-conflict'), row.conflicts[city] ? 'true' : null);
    }
  }

  for (const { row, city } of conflicts) {
    const cell = page.locator(`tr[data-indicator="${row.name}"] td[data-city="${city}"]`);
    assert.ok(await cell.getByText('⚠ les sources divergent').isVisible(), `${row.name} × ${city} marked`);
    const text = await cell.textContent();
    for (const obs of row.observations[city]) {
      assert.ok(text.includes(obs.source.title), `${row.name} × ${city}: lists ${obs.source.title}`);
      const link = cell.locator(`.indicator-table__series a[href^="/sources/${obs.source.id}?"]`).first();
      const title = await link.getAttribute('title');
      assert.ok(title.includes(obs.source.title), 'the tooltip names the source');
      assert.ok(!title.includes(obs.source.id) || obs.source.title.includes(obs.source.id), 'never the raw id');
    }
  }
  const { row, city } = conflicts[0];
  await page.locator(`tr[data-indicator="${row.name}"] td[data-city="${city}"]`).scrollIntoViewIfNeeded();
  await screenshot(page, 'compare-conflicts-desktop');
  await expectAccessible(page, 'compare page with conflicts');
  p.expectNoErrors();
  await p.close();
});
