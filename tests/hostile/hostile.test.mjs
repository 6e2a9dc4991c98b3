// Runs the catalogue of hostile requests (catalogue.mjs) against a real
// citykb, one test per case, then stores markup through the API and reads
// it back. After each case: no 5xx, security headers, JSON errors without
// internals, /api/health still answering, and the change log unmoved unless
// the case was a valid authorised write.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XSS, cases, xssBundle } from './catalogue.mjs';
import { assertAnswer, assertSecurityHeaders, health, lastSeq } from './lib/checks.mjs';
import { request } from './lib/raw_http.mjs';
import { ADMIN_TOKEN, ROOT, checkStore, startServer } from './lib/server.mjs';

let server;
const ctx = { indexHtml: readFileSync(join(ROOT, 'web/index.html'), 'utf8') };
let tried = 0;

before(async () => {
  server = await startServer({ writable: true, removeDataDir: false });
  ctx.port = server.port;
});

after(async () => {
  if (!server) return;
  console.log(`hostile catalogue: ${tried} cases tried (${cases.length} in the catalogue + stored-markup round trip)`);
  const alive = server.alive();
  await server.stop();
  const report = server && server.sanitizerReport();
  if (report) assert.fail(`sanitizer report from citykb:\n${report}`);
  const check = checkStore(server.dataDir);
  rmSync(server.dataDir, { recursive: true, force: true });
  if (!alive) assert.fail(`citykb died during the hostile catalogue:\n${server.log().slice(-3000)}`);
  assert.equal(check.status, 0, `citykb check after the catalogue: ${check.output}`);
});

describe('hostile requests', () => {
  for (const kase of cases) {
    test(`[${kase.group}] ${kase.name}`, async () => {
      tried += 1;
      const seqBefore = await lastSeq(ctx.port);
      const res = await kase.send(ctx);
      const where = `[${kase.group}] ${kase.name}`;
      assertAnswer(res, kase, where);
      if (kase.check) kase.check(ctx, res);
      await health(ctx.port);
      if (!kase.write) assert.equal(await lastSeq(ctx.port), seqBefore, `${where}: the store changed`);
    });
  }
});

describe('stored markup comes back as inert JSON', () => {
  const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
  const getJson = async (path) => {
    const res = await request(ctx.port, 'GET', path);
    assert.equal(res.status, 200, `${path}: ${res.text.slice(0, 200)}`);
    assert.match(res.headers['content-type'][0], /^application\/json/, path);
    assertSecurityHeaders(res, path);
    return res;
  };

  test('a bundle full of <script> and onerror is stored, then read back unchanged and escaped', async () => {
    tried += 1;
    const seqBefore = await lastSeq(ctx.port);
    const put = await request(ctx.port, 'POST', '/api/cities', { headers: auth, body: JSON.stringify(xssBundle()) });
    assert.ok(put.status === 201 || put.status === 200, `POST answered ${put.status}: ${put.text}`);
    assert.ok(put.json.seq > seqBefore, 'the receipt carries the new sequence');

    const city = (await getJson('/api/cities/testville')).json;
    assert.equal(city.name ?? city.city?.name, XSS.name, 'city name read back as the same string');
    const cityText = JSON.stringify(city);
    assert.ok(cityText.includes(JSON.stringify(XSS.person).slice(1, -1)), 'person name read back');

    const doc = (await getJson('/api/documents/testville-test-profile')).json;
    const docText = JSON.stringify(doc);
    assert.ok(docText.includes(JSON.stringify(XSS.title).slice(1, -1)), 'title read back as the same string');
    assert.ok(docText.includes(JSON.stringify(XSS.body).slice(1, -1)), 'body read back as the same string');

    // Snippets are HTML: the stored markup is escaped there, only <mark> is markup.
    const found = (await getJson('/api/search?q=bordelaisxss')).json;
    assert.ok(found.total >= 1, 'the stored record is searchable');
    const snippet = found.hits[0].snippet;
    assert.doesNotMatch(snippet.replace(/<\/?mark>/g, ''), /<(script|img|svg)/i, `snippet not escaped: ${snippet}`);
    assert.match(snippet, /&lt;(script|img)/, 'markup shown as text in the snippet');

    const suggest = await getJson('/api/suggest?q=testville');
    assert.ok(suggest.json !== undefined, 'suggestions are JSON');
    // CSV exports are attachments, never HTML.
    const csv = await request(ctx.port, 'GET', '/api/search?q=bordelaisxss&format=csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-type'][0], /^text\/csv/);
    assert.match(csv.headers['content-disposition'][0], /^attachment/);
    await health(ctx.port);
  });

  test('the stored city is deleted by an authorised DELETE and store and index agree', async () => {
    tried += 1;
    const del = await request(ctx.port, 'DELETE', '/api/cities/testville', { headers: auth });
    assert.equal(del.status, 200, del.text);
    const gone = await request(ctx.port, 'GET', '/api/cities/testville');
    assert.equal(gone.status, 404);
    await health(ctx.port);
  });
});
