// --trusted-proxy ADDR: for connections from ADDR only, the client of the
// failed-write limit is the last X-Forwarded-For address; from anyone else
// the header changes nothing. A value that is not an IP address is refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request } from './lib/raw_http.mjs';
import { CITYKB, ROOT, startServer } from './lib/server.mjs';

const PROXY = '127.0.0.9';
let server;

before(async () => {
  server = await startServer({ writable: true, proxy: false, extraArgs: ['--trusted-proxy', PROXY] });
});

after(async () => {
  if (server) await server.stop();
});

const attempt = (localAddress, xff) => request(server.port, 'POST', '/api/cities', {
  localAddress, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wrong', ...(xff ? { 'X-Forwarded-For': xff } : {}) }, body: '{}',
}).then((r) => r.status);

test('from any other peer, X-Forwarded-For is ignored', async () => {
  const statuses = [];
  for (let i = 0; i < 11; i += 1) statuses.push(await attempt('127.0.0.31', `10.1.0.${i}`));
  assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
});

test('from the trusted proxy, the last X-Forwarded-For address is the client', async () => {
  const statuses = [];
  for (let i = 0; i < 11; i += 1) statuses.push(await attempt(PROXY, `192.0.2.${i}, 10.2.0.1`));
  assert.deepEqual(statuses, [...Array(10).fill(401), 429], 'ten failures of 10.2.0.1, then limited');
  assert.equal(await attempt(PROXY, '10.2.0.2'), 401, 'another client behind the proxy is counted on its own');
  assert.equal(await attempt(PROXY, '10.2.0.1, 10.2.0.2'), 401, 'only the last element counts');
  assert.equal(await attempt(PROXY, '2001:db8::1'), 401, 'IPv6 addresses are clients too');
  // Not an address: the request is the proxy's own, counted as such.
  for (let i = 0; i < 10; i += 1) await attempt(PROXY, 'not-an-address');
  assert.equal(await attempt(PROXY, 'also-garbage'), 429, 'requests without a usable address share the proxy\'s count');
  assert.equal(await attempt(PROXY, '10.2.0.3'), 401, 'which does not lock out the clients it names');
});

test('--trusted-proxy must be an IP address', () => {
  const r = spawnSync(CITYKB, ['serve', '--data', '/nonexistent-citykb-dir', '--port', '0', '--trusted-proxy', 'proxy.example'],
    { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 2, `exit ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, /--trusted-proxy must be an IPv4 or IPv6 address/);
});
