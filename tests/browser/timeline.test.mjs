// The timeline: one row per city on a shared year axis, each milestone a
// link to its record with its title and date as its name; filters in the
// URL; a list by year on a phone; no accessibility violation at 1280 and
// 375 px. Holds for any corpus: a fictional city with a milestone
// (tests/fixtures/bundles/valid-testville.json) is added first, and the
// checks follow GET /api/timeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMIN_TOKEN, PHONE, ROOT, expectAccessible, expectNoHorizontalScroll, getJson, openPage, screenshot,
  useServerAndBrowser
} from './harness.mjs';

const env = useServerAndBrowser({ writable: true }, async ({ server }) => {
  const bundle = readFileSync(join(ROOT, 'tests/fixtures/bundles/valid-testville.json'), 'utf8');
  const response = await fetch(`${server.base}/api/cities`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` }, body: bundle,
  });
  assert.equal(response.status < 300, true, `POST /api/cities answered ${response.status}`);
});

async function timelineSettled(page) {
  await page.waitForSelector('.timeline-page:not([aria-busy]) .results__count:not(:empty)');
}

test('the timeline at 1280 px: rows per city, marks link to records, filters in the URL', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  const api = await getJson(env.server.base, '/api/timeline?lang=fr');
  assert.ok(api.milestones.length > 0);
  await page.goto('/?lang=fr');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Chronologie' }).click();
  await page.waitForURL((url) => url.pathname === '/timeline');
  await timelineSettled(page);

  const cities = new Set(api.milestones.map((m) => (m.city ? m.city.slug : '')));
  assert.equal(await page.locator('.timeline-row').count(), cities.size);
  assert.equal(await page.locator('.timeline-mark').count(), api.milestones.length);
  assert.ok(await page.locator('.timeline-chart').isVisible(), 'the chart shows on a desktop');
  assert.equal(await page.locator('.timeline-list').isVisible(), false);

  // The earliest city comes first; each mark is named by its date and title.
  const first = api.milestones[0];
  assert.equal(await page.locator('.timeline-row').first().getAttribute('data-city'), first.city ? first.city.slug : '');
  const mark = page.locator(`.timeline-mark[data-id="${first.id}"]`);
  assert.ok((await mark.textContent()).includes(first.title), 'the mark is named by its title');
  await mark.focus();
  assert.ok(await mark.locator('.timeline-mark__tip').isVisible(), 'focus shows the title');
  await screenshot(page, 'timeline-desktop');
  const violations = await expectAccessible(page, 'timeline');
  assert.deepEqual(violations.map((v) => v.id), [], 'no accessibility violation');

  await mark.click();
  await page.waitForURL((url) => url.pathname === `/documents/${first.id}`);
  await page.locator('h1.doc__title').waitFor();
  await page.goBack();
  await timelineSettled(page);

  // Filter on the first milestone's city: the URL and the marks follow the API.
  const slug = first.city.slug;
  await page.locator('summary', { hasText: 'Villes' }).click();
  const others = (await getJson(env.server.base, '/api/cities')).cities.filter((c) => cities.has(c.slug) && c.slug !== slug);
  for (const city of others) {
    await page.locator(`input[data-filter="cities"][data-value="${city.slug}"]`).uncheck();
    await timelineSettled(page);
  }
  const url = new URL(page.url());
  if (others.length) assert.deepEqual(url.searchParams.getAll('cities'), [slug]);
  const filtered = await getJson(env.server.base, `/api/timeline?cities=${slug}&lang=fr`);
  assert.equal(await page.locator('.timeline-mark').count(), filtered.milestones.length);
  p.expectNoErrors();
  await p.close();
});

test('the timeline at 375 px: a list by year, readable, accessible', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  const api = await getJson(env.server.base, '/api/timeline?lang=en');
  await page.goto('/timeline?lang=en');
  await timelineSettled(page);
  assert.equal(await page.locator('.timeline-chart').isVisible(), false);
  assert.ok(await page.locator('.timeline-list').isVisible(), 'a list on a phone');
  const years = [...new Set(api.milestones.map((m) => m.date.slice(0, 4)))];
  assert.deepEqual(await page.locator('.timeline-list__heading').allTextContents(), years);
  const first = api.milestones[0];
  assert.ok(await page.locator('.timeline-list').getByRole('link', { name: first.title, exact: true }).isVisible());
  await expectNoHorizontalScroll(page, 'timeline on a phone');
  await screenshot(page, 'timeline-phone');
  const violations = await expectAccessible(page, 'timeline on a phone');
  assert.deepEqual(violations.map((v) => v.id), [], 'no accessibility violation');
  p.expectNoErrors();
  await p.close();
});
