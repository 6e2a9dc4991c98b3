// Slow and idle clients holding connections: header dribblers (slowloris),
// slow bodies and silent connections, more of them than the server starts
// workers (32). Everyone else must still be served quickly, and nothing of
// theirs may reach the store.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { health, lastSeq } from './lib/checks.mjs';
import { request } from './lib/raw_http.mjs';
import { ADMIN_TOKEN, startServer } from './lib/server.mjs';

let server;
let tried = 0;
const HOLDERS = 64;

before(async () => {
  server = await startServer({ writable: true });
});

after(async () => {
  console.log(`slow clients: ${tried} cases tried`);
  if (server) await server.stop();
  const report = server && server.sanitizerReport();
  if (report) assert.fail(`sanitizer report from citykb:\n${report}`);
});

// Opens `n` connections that each send `first` and then `drip` every
// `everyMs`; returns a function closing them all.
function hold(n, first, drip, everyMs) {
  const sockets = [];
  for (let i = 0; i < n; i += 1) {
    const s = net.connect({ host: '127.0.0.1', port: server.port });
    s.on('error', () => {});
    s.on('connect', () => { if (first) s.write(first); });
    sockets.push(s);
  }
  const timer = drip ? setInterval(() => { for (const s of sockets) if (!s.destroyed) s.write(drip); }, everyMs) : null;
  return () => {
    if (timer) clearInterval(timer);
    for (const s of sockets) s.destroy();
  };
}

// Others are served while the holders hold: a few searches, each in time.
async function othersServed(label) {
  await new Promise((r) => setTimeout(r, 1500));  // let every holder be accepted
  for (let i = 0; i < 5; i += 1) {
    const t0 = Date.now();
    const res = await request(server.port, 'GET', `/api/search?q=energie&page=${1 + (i % 2)}`, { timeoutMs: 10000 });
    const ms = Date.now() - t0;
    assert.equal(res.status, 200, `${label}: search ${i + 1} answered ${res.status || (res.timedOut ? 'nothing (timed out)' : res.error)}`);
    assert.ok(ms < 3000, `${label}: search ${i + 1} took ${ms} ms`);
  }
  await health(server.port);
}

test(`${HOLDERS} slowloris clients dribbling headers`, async () => {
  tried += 1;
  const release = hold(HOLDERS, 'GET /api/search?q=a HTTP/1.1\r\nHost: x\r\n', 'X-Drip: 1\r\n', 1000);
  try {
    await othersServed('slowloris');
  } finally {
    release();
  }
});

test(`${HOLDERS} authorised writes sending their bodies one byte at a time`, async () => {
  tried += 1;
  const seqBefore = await lastSeq(server.port);
  const release = hold(HOLDERS,
    `POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
    '"', 1000);
  try {
    await othersServed('slow bodies');
  } finally {
    release();
  }
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await lastSeq(server.port), seqBefore, 'a cut-off body reached the store');
});

test(`${HOLDERS} silent connections`, async () => {
  tried += 1;
  const release = hold(HOLDERS, null, null, 0);
  try {
    await othersServed('silent');
  } finally {
    release();
  }
});

test(`${HOLDERS} keep-alive connections that stop reading answers`, async () => {
  tried += 1;
  // Each asks for the same big answer many times over and never reads.
  const ask = 'GET /api/search?per_page=100 HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(50);
  const sockets = [];
  for (let i = 0; i < HOLDERS; i += 1) {
    const s = net.connect({ host: '127.0.0.1', port: server.port });
    s.on('error', () => {});
    s.on('connect', () => { s.write(ask); s.pause(); });
    sockets.push(s);
  }
  try {
    await othersServed('non-readers');
  } finally {
    for (const s of sockets) s.destroy();
  }
});

test('the server is still whole after the slow clients left', async () => {
  tried += 1;
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(server.alive(), 'citykb is running');
  await othersServed('afterwards');
});
