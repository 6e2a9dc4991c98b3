// citykb behind the shipped front proxy (deploy/proxy/haproxy.cfg): slow
// clients are held by the proxy and never reach citykb, and the client
// address citykb uses for its failed-write limit is the one the proxy saw,
// whatever forwarding headers a client sends. Always runs behind the proxy.
//
// Short form (CI): 200 slow connections for 10 s. Long form, by hand:
//   SLOW_CONNECTIONS=600 SLOW_SECONDS=60 node --test tests/hostile/proxy.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { rawRequest, request } from './lib/raw_http.mjs';
import { startServer } from './lib/server.mjs';

const SLOW = Number(process.env.SLOW_CONNECTIONS || 200);
const SECONDS = Number(process.env.SLOW_SECONDS || 10);
let server;

before(async () => {
  server = await startServer({ writable: true, proxy: true });
});

after(async () => {
  if (server) await server.stop();
});

const threads = (pid) => Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

test(`${SLOW} clients sending one header line every 3 s for ${SECONDS} s: /api/health keeps answering promptly`, async () => {
  const threadsBefore = threads(server.child.pid);
  const sockets = [];
  let opened = 0;
  for (let i = 0; i < SLOW; i += 1) {
    // Spread over 100 loopback addresses (the proxy allows 300 connections per address).
    const s = net.connect({ host: '127.0.0.1', port: server.port, localAddress: `127.0.1.${1 + (i % 100)}` });
    s.on('error', () => {});
    s.on('connect', () => { opened += 1; s.write('GET /api/search?q=a HTTP/1.1\r\nHost: x\r\n'); });
    sockets.push(s);
  }
  const drip = setInterval(() => { for (const s of sockets) if (!s.destroyed) s.write('X-Drip: 1\r\n'); }, 3000);
  const times = [];
  try {
    const end = Date.now() + SECONDS * 1000;
    while (Date.now() < end) {
      const t0 = Date.now();
      const res = await request(server.port, 'GET', '/api/health', { timeoutMs: 5000, localAddress: '127.0.0.2' });
      times.push(Date.now() - t0);
      assert.equal(res.status, 200, `health answered ${res.status || (res.timedOut ? 'nothing in 5 s' : res.error)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    clearInterval(drip);
  }
  const threadsDuring = threads(server.child.pid);
  for (const s of sockets) s.destroy();
  times.sort((a, b) => a - b);
  const worst = times[times.length - 1];
  console.log(`slow clients behind the proxy: ${opened}/${SLOW} connected, ${times.length} health polls, ` +
    `median ${times[times.length >> 1]} ms, worst ${worst} ms; citykb threads ${threadsBefore} -> ${threadsDuring}`);
  assert.ok(opened >= SLOW * 0.95, `only ${opened} of ${SLOW} slow connections were accepted`);
  assert.ok(worst < 1000, `a health poll took ${worst} ms`);
  // The slow clients never reach citykb: its worker pool did not grow for them.
  assert.ok(threadsDuring < threadsBefore + 16, `citykb grew from ${threadsBefore} to ${threadsDuring} threads`);
});

test('a head that never ends is cut by the proxy with 408 and the connection closed', async () => {
  const t0 = Date.now();
  const cut = await rawRequest(server.port, Buffer.from('GET /api/health HTTP/1.1\r\nHost: x\r\n'), { timeoutMs: 15000 });
  // HAProxy 2.6 sends its built-in HTML 408 here (errorfile is not used for
  // errors of its request parser, haproxy issue #3032).
  assert.equal(cut.status, 408, `got ${cut.status || cut.error}`);
  assert.ok(Date.now() - t0 < 12000, 'cut after the 10 s of timeout http-request');
});

test('the failed-write limit counts the client the proxy saw, not the X-Forwarded-For it sent', async () => {
  const attempt = (localAddress, xff) => request(server.port, 'POST', '/api/cities', {
    localAddress, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wrong', 'X-Forwarded-For': xff }, body: '{}',
  });
  // One client changing its X-Forwarded-For at every attempt is still one client.
  const statuses = [];
  for (let i = 0; i < 11; i += 1) statuses.push((await attempt('127.0.0.71', `10.9.8.${i}`)).status);
  assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401), `first ten: ${statuses}`);
  assert.equal(statuses[10], 429, 'the eleventh failure from the same client is limited');
  // Another client, claiming to be the first one, is not locked out by it.
  const other = await attempt('127.0.0.72', '127.0.0.71');
  assert.equal(other.status, 401, 'another client is counted on its own');
});
