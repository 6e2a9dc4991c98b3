// Security defaults: the loopback interface unless told otherwise, the
// security headers on every page and API answer, failed writes limited per
// real peer address (spoofed forwarding headers change nothing), and errors
// that never show internals.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { assertJsonError, assertSecurityHeaders, health, lastSeq } from './lib/checks.mjs';
import { request } from './lib/raw_http.mjs';
import { ADMIN_TOKEN, ROOT, startServer } from './lib/server.mjs';

let server;
let tried = 0;

before(async () => {
  server = await startServer({ writable: true });
});

after(async () => {
  console.log(`security defaults: ${tried} checks tried`);
  if (server) await server.stop();
  const report = server && server.sanitizerReport();
  if (report) assert.fail(`sanitizer report from citykb:\n${report}`);
});

test('binds 127.0.0.1 when no --host is given', async () => {
  tried += 1;
  assert.equal(server.host, '127.0.0.1');
  // Another loopback address of this machine reaches nothing: the socket is
  // bound to 127.0.0.1, not to every interface.
  const refused = await new Promise((resolvePromise) => {
    const s = net.connect({ host: '127.0.0.2', port: server.port });
    s.on('connect', () => { s.destroy(); resolvePromise(false); });
    s.on('error', (e) => resolvePromise(e.code === 'ECONNREFUSED'));
  });
  assert.ok(refused, 'a connection to 127.0.0.2 was accepted: the server listens beyond 127.0.0.1');
});

test('every page, file and API answer carries the security headers', async () => {
  const files = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files.push(`/${prefix}${entry.name}`);
    }
  };
  walk(join(ROOT, 'web'), '');
  const targets = ['/', '/search?q=energie', '/cities/lyon', '/compare', '/no/such/page', ...files,
    '/api/health', '/api/search?q=energie', '/api/search?format=csv', '/api/suggest?q=ene', '/api/taxonomy',
    '/api/cities', '/api/cities/lyon', '/api/compare?cities=lyon,rennes', '/api/documents/lyon-profile',
    '/api/documents/lyon-profile/similar', '/api/changes', '/api/openapi.json', '/api/nothing', '/api/search?page=0',
    '/nothing.js'];
  for (const target of targets) {
    tried += 1;
    const res = await request(server.port, 'GET', target);
    assert.ok(res.status > 0 && res.status < 500, `${target}: ${res.status}`);
    assertSecurityHeaders(res, target);
    // A missing page of the UI answers 404 with the page itself (its not-found view).
    const uiPage = res.status === 404 && /^text\/html/.test((res.headers['content-type'] || [''])[0]);
    if (uiPage) assert.equal(target, '/no/such/page', `${target}: only a missing UI page is an HTML 404`);
    else if (res.status >= 400) assertJsonError(res, target);
  }
  for (const [method, target] of [['POST', '/api/cities'], ['DELETE', '/api/cities/lyon'], ['POST', '/api/cities/validate']]) {
    tried += 1;
    const res = await request(server.port, method, target, { localAddress: '127.0.0.200', body: '{}' });
    assertSecurityHeaders(res, `${method} ${target}`);
    assertJsonError(res, `${method} ${target}`);
  }
});

test('failed writes are limited per peer address, whatever the forwarding headers say', async () => {
  const seqBefore = await lastSeq(server.port);
  const from = '127.0.0.77';
  const spoof = { 'X-Forwarded-For': '203.0.113.9', 'X-Real-IP': '203.0.113.10', REMOTE_ADDR: '203.0.113.11', Forwarded: 'for=203.0.113.12' };
  const attempt = (localAddress, headers = {}) => request(server.port, 'POST', '/api/cities', {
    localAddress, headers: { 'Content-Type': 'application/json', ...headers }, body: '{}',
  });
  // ServerOptions::write_failures_per_minute defaults to 10.
  for (let i = 0; i < 10; i += 1) {
    tried += 1;
    const res = await attempt(from, { Authorization: `Bearer wrong-${i}`, ...(i % 2 ? spoof : {}) });
    assert.equal(res.status, 401, `attempt ${i + 1}: ${res.text}`);
  }
  for (const [label, headers] of [['plain', {}], ['spoofed forwarding headers', spoof],
    ['a spoofed REMOTE_ADDR', { REMOTE_ADDR: '10.1.2.3' }], ['a wrong token', { Authorization: 'Bearer wrong-again' }]]) {
    tried += 1;
    const res = await attempt(from, headers);
    assert.equal(res.status, 429, `${label}: ${res.status} ${res.text}`);
    assertJsonError(res, label, 'rate_limited');
    assertSecurityHeaders(res, label);
    assert.ok(res.headers['retry-after'], 'Retry-After');
  }
  // The right token is never locked out (issue 17): others' failures from a
  // shared address must not block the admin. '{}' is not a valid bundle: 422.
  tried += 1;
  const right = await attempt(from, { Authorization: `Bearer ${ADMIN_TOKEN}` });
  assert.equal(right.status, 422, `the right token: ${right.status} ${right.text}`);
  // Another real address is not blocked by the first one's failures.
  tried += 1;
  const other = await request(server.port, 'DELETE', '/api/cities/atlantis', {
    localAddress: '127.0.0.78', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  assert.equal(other.status, 404, `another address: ${other.status} ${other.text}`);
  assert.equal(await lastSeq(server.port), seqBefore, 'no failed or limited attempt wrote anything');
  await health(server.port);
});

test('writes are refused with 403 and a hint when no token is configured', async () => {
  tried += 1;
  const readOnly = await startServer({ writable: false });
  try {
    const res = await request(readOnly.port, 'POST', '/api/cities', {
      headers: { Authorization: 'Bearer anything', 'Content-Type': 'application/json' }, body: '{}',
    });
    assert.equal(res.status, 403);
    assertJsonError(res, 'writes disabled', 'writes_disabled');
    assert.match(res.json.error.message, /CITYKB_ADMIN_TOKEN/);
  } finally {
    await readOnly.stop();
  }
});
