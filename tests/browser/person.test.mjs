// A person's page: reached from a record, it shows their name, latest
// title, roles over time (with their sources) and every record about them,
// each linked; an unknown person shows the not-found page. Holds for any
// corpus: the person is the first one of the first city that has people.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, expectAccessible, expectNoHorizontalScroll, getJson, openPage, screenshot, useServerAndBrowser
} from './harness.mjs';

const env = useServerAndBrowser();

async function somePerson() {
  const { cities } = await getJson(env.server.base, '/api/cities');
  for (const city of cities) {
    const page = await getJson(env.server.base, `/api/cities/${city.slug}`);
    if ((page.people || []).length) return page.people[0].id;
  }
  throw new Error('no person in the corpus');
}

test('a person page: name, title, roles over time, records', async () => {
  const p = await openPage(env.browser, env.server.base);
  const { page } = p;
  const id = await somePerson();
  const api = await getJson(env.server.base, `/api/people/${encodeURIComponent(id)}?lang=fr`);
  assert.ok(api.documents.length > 0, 'a person has records');

  // From one of their records, the name leads to their page.
  await page.goto(`/documents/${encodeURIComponent(api.documents[0].id)}?lang=fr`);
  await page.locator('h1.doc__title').waitFor();
  await page.locator('.doc__details .person__name').getByRole('link', { name: api.person.name }).click();
  await page.waitForURL((url) => url.pathname === `/people/${id}`);
  const h1 = page.locator('h1.person-page__name');
  await h1.waitFor();
  assert.equal(await h1.textContent(), api.person.name);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  if (api.person.title && api.person.title.fr) assert.equal(await page.locator('.person-page__title').textContent(), api.person.title.fr);

  const roles = page.locator('.role-list__item');
  assert.equal(await roles.count(), api.person.roles.length);
  for (const role of api.person.roles) {
    if (role.source && role.source.title) {
      const link = page.locator('.role-list').getByRole('link', { name: role.source.title, exact: true }).first();
      assert.equal(await link.getAttribute('href'), `/sources/${role.source.id}?lang=fr`);
    }
  }
  assert.equal(await page.locator('.person-page__documents .doc-list__item').count(), api.documents.length);
  for (const doc of api.documents) {
    assert.equal(await page.locator(`.doc-list__item[data-id="${doc.id}"] a`).getAttribute('href'), `/documents/${doc.id}?lang=fr`);
  }
  await screenshot(page, 'person-desktop');
  await expectAccessible(page, 'person page');
  p.expectNoErrors();
  await p.close();
});

test('a person page on a phone, and a person who does not exist', async () => {
  const p = await openPage(env.browser, env.server.base, { viewport: PHONE });
  const { page } = p;
  const id = await somePerson();
  await page.goto(`/people/${encodeURIComponent(id)}?lang=en`);
  await page.locator('.person-page__name').waitFor();
  await expectNoHorizontalScroll(page, 'person page on a phone');
  await screenshot(page, 'person-phone');
  await expectAccessible(page, 'person page on a phone');

  await page.goto('/people/no-such-person?lang=en');
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  assert.deepEqual(p.errors.filter((e) => !/status of 404/.test(e)), []);
  await p.close();
});
