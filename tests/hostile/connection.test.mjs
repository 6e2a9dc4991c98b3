// Issue 17: what citykb's own connection loop must do, probed over raw
// sockets: bodies without a length refused before they are read (411),
// the connection closed after any answer that leaves input unread (no
// smuggled second request), conflicting lengths refused, pipelined requests
// all answered in order, a log no client can write a line into, a header
// deadline (408), a bound on open connections (503), permalinks on the
// configured public URL, and a right token never locked out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { assertJsonError, assertSecurityHeaders, health, lastSeq } from './lib/checks.mjs';
import { parseResponse, request } from './lib/raw_http.mjs';
import { ADMIN_TOKEN, ROOT, startServer } from './lib/server.mjs';

const VALID = readFileSync(join(ROOT, 'tests/fixtures/bundles/valid-testville.json'));
let server;

before(async () => {
  server = await startServer({ writable: true, extraArgs: ['--header-timeout', '2'] });
});

after(async () => {
  if (server) await server.stop();
  const report = server && server.sanitizerReport();
  if (report) assert.fail(`sanitizer report from citykb:\n${report}`);
});

// Sends `parts` (Buffers, `gapMs` apart; stops sending once the server has
// answered and closed) and collects every byte the server sends until it
// closes or `timeoutMs` passes: {raw, closed, sent, ms}.
function converse(port, parts, { gapMs = 0, timeoutMs = 10000 } = {}) {
  return new Promise((resolvePromise) => {
    const chunks = [];
    let closed = false;
    let sent = 0;
    const t0 = Date.now();
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolvePromise({ raw: Buffer.concat(chunks), closed, sent, ms: Date.now() - t0 });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => { closed = true; done(); });
    socket.on('end', () => { closed = true; done(); });
    socket.on('connect', async () => {
      for (const part of parts) {
        if (closed || socket.destroyed) break;
        // Wait for the kernel buffer to drain, so that `sent` means something.
        if (!socket.write(part)) await new Promise((r) => socket.once('drain', r).once('close', r));
        sent += part.length;
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

// Every response in `raw`, in order (each with a Content-Length).
function responses(raw) {
  const out = [];
  let rest = raw;
  for (;;) {
    const r = parseResponse(rest);
    if (!r || !r.complete) break;
    out.push(r);
    const headEnd = rest.indexOf('\r\n\r\n') + 4;
    rest = rest.subarray(headEnd + r.body.length);
  }
  return out;
}

const QUARTER = Buffer.alloc(1 << 18, 0x61);  // 256 KiB, sent many times over
const mib = (n) => Array(Math.round(n * 4)).fill(QUARTER);
const json = (r) => JSON.parse(r.body.toString('utf8'));

test('a POST without a length is refused with 411 before its body is read, and the bundle is not stored', async () => {
  const seq = await lastSeq(server.port);
  // With the token: the 3 MiB bundle that was stored when sent without a length.
  const head = Buffer.from(`POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Type: application/json\r\n\r\n`);
  const r = await converse(server.port, [head, VALID, ...mib(3)], { gapMs: 20 });
  const answers = responses(r.raw);
  assert.equal(answers.length, 1, `one answer: ${r.raw.toString('latin1').slice(0, 300)}`);
  assert.equal(answers[0].status, 411);
  assert.equal(json(answers[0]).error.code, 'length_required');
  assert.ok(r.closed, 'the connection is closed after the 411');
  assert.equal(await lastSeq(server.port), seq, 'nothing was stored');
});

// What the server reads after refusing is dropped at once (a lingering close,
// so that a client still sending gets the answer instead of a reset).
test('20 clients sending 20 MiB each without a length: all get 411, memory stays flat', async () => {
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))[1]) / 1024;
  const before = rss();
  const head = Buffer.from('POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n');
  const body = mib(20);
  const results = await Promise.all(Array.from({ length: 20 }, () => converse(server.port, [head, ...body], { timeoutMs: 20000 })));
  for (const r of results) {
    const answers = responses(r.raw);
    assert.equal(answers.length, 1);
    assert.equal(answers[0].status, 411);
    assert.ok(r.closed);
  }
  const grown = rss() - before;
  assert.ok(grown < 64, `the server grew by ${grown.toFixed(0)} MB`);
  await health(server.port);
});

test('after a 411 for a chunked body, the rest of the body is never read as requests', async () => {
  // Each chunk of the 3 MiB body holds a whole request: none may be answered.
  const smuggled = 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n';
  const data = Buffer.from(smuggled.repeat(Math.ceil((3 << 20) / smuggled.length)));
  const head = Buffer.from(`POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nTransfer-Encoding: chunked\r\n\r\n${data.length.toString(16)}\r\n`);
  const r = await converse(server.port, [head, data, Buffer.from('\r\n0\r\n\r\n')]);
  const answers = responses(r.raw);
  assert.equal(answers.length, 1, `${answers.length} answers: ${answers.map((a) => a.status).join(' ')}`);
  assert.equal(answers[0].status, 411);
  assert.equal(answers[0].headers.connection?.[0], 'close');
  assert.ok(r.closed, 'the connection is closed');
});

test('a GET with a body is answered once and the connection closed: the body is not a second request', async () => {
  const smuggled = 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n';
  const r = await converse(server.port, [Buffer.from(`GET /api/taxonomy HTTP/1.1\r\nHost: x\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`)]);
  const answers = responses(r.raw);
  assert.equal(answers.length, 1);
  assert.equal(answers[0].status, 200);
  assert.equal(answers[0].headers.connection?.[0], 'close');
  assert.ok(r.closed);
});

test('after an error that leaves a body unread (413, 400) the connection is closed', async () => {
  for (const head of [
    'POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n',
    'POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 40\r\n\r\n',
  ]) {
    const r = await converse(server.port, [Buffer.from(`${head}GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n`)]);
    const answers = responses(r.raw);
    assert.equal(answers.length, 1, head);
    assert.ok(answers[0].status === 413 || answers[0].status === 400, `${answers[0].status}`);
    assertSecurityHeaders({ headers: answers[0].headers }, head);
    assert.ok(r.closed);
  }
});

test('pipelined requests are all answered, in order', async () => {
  const targets = ['/api/health', '/api/taxonomy', '/api/search?q=energie', '/api/nothing', '/api/health'];
  const batch = targets.map((t, i) => `GET ${t} HTTP/1.1\r\nHost: x\r\n${i === targets.length - 1 ? 'Connection: close\r\n' : ''}\r\n`).join('');
  const r = await converse(server.port, [Buffer.from(batch)]);
  const answers = responses(r.raw);
  assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 404, 200]);
  assert.ok(json(answers[1]).themes, 'the second answer is the taxonomy');
  assert.ok(typeof json(answers[2]).total === 'number', 'the third is the search');
  // And a POST with its body in the same batch as the next request.
  const post = `POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
  const r2 = await converse(server.port, [Buffer.from(post)]);
  assert.deepEqual(responses(r2.raw).map((a) => a.status), [422, 200]);
});

test('nothing a client sends can write a line of its own into the log', async () => {
  const forged = '2026-12-02T00:41:00.000 info POST /api/cities 201';
  for (const target of [`/x%0a${encodeURIComponent(forged)}`, `/x%0d%0a${encodeURIComponent(forged)}`, '/x%00y', '/x%ff%fey',
    '/x%1b%5b31mred', '/x%e2%80%a8y', '/api/search?q=a%0aFORGED']) {
    const res = await request(server.port, 'GET', target);
    assert.ok(res.status > 0 && res.status < 500, `${target}: ${res.status}`);
  }
  await new Promise((r) => setTimeout(r, 200));
  const log = server.log();
  for (const line of log.split('\n')) {
    assert.ok(!line.startsWith('2026-12-02T00:41'), `a forged line: ${line}`);
    assert.ok(!line.includes('\r'), `a CR in the log: ${JSON.stringify(line)}`);
  }
  assert.ok(!log.includes('\u0000'), 'a NUL in the log');
  assert.ok(!log.includes('\u001b'), 'an ESC in the log');
  assert.ok(!log.includes('\ufffd'), 'invalid UTF-8 in the log');
  assert.ok(!log.includes('\u2028'), 'a line separator in the log');
  assert.match(log, /GET \/x\\x0a2026-12-02T00:41:00\.000 info POST \/api\/cities 201 404/, 'the forged text is logged escaped, on the request\'s line');
  assert.match(log, /GET \/x\\x00y /);
  assert.match(log, /GET \/x\\xff\\xfey /);
});

test('a head that does not arrive within the header deadline gets 408 and the connection is closed', async () => {
  const parts = ['GET /api/health HTTP/1.1\r\n', 'Host: x\r\n', ...Array.from({ length: 10 }, (_, i) => `X-Drip-${i}: 1\r\n`)].map((s) => Buffer.from(s));
  const r = await converse(server.port, parts, { gapMs: 500, timeoutMs: 8000 });
  const answers = responses(r.raw);
  assert.equal(answers.length, 1);
  assert.equal(answers[0].status, 408);
  assert.equal(json(answers[0]).error.code, 'request_timeout');
  assert.ok(r.closed);
  assert.ok(r.ms < 4000, `cut after ${r.ms} ms (deadline 2 s)`);
});

test('a header line of 128 MiB is refused (431) after 32 KiB, never held in memory', async () => {
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))[1]) / 1024;
  const before = rss();
  const head = Buffer.from('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Huge: ');
  const r = await converse(server.port, [head, ...mib(128)], { timeoutMs: 15000 });
  const answers = responses(r.raw);
  assert.equal(answers.length, 1);
  assert.equal(answers[0].status, 431);
  assert.equal(JSON.parse(answers[0].body).error.code, 'headers_too_large');
  const grown = rss() - before;
  assert.ok(grown < 32, `the server grew by ${grown.toFixed(0)} MB`);
  await health(server.port);
});

test('writes: the right token is never locked out by failures from the same address', async () => {
  const from = '127.0.0.91';
  const attempt = (token, body = '{}') => request(server.port, 'POST', '/api/cities', {
    localAddress: from, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body,
  });
  for (let i = 0; i < 10; i += 1) assert.equal((await attempt(`wrong-${i}`)).status, 401);
  const limited = await attempt('wrong-again');
  assert.equal(limited.status, 429);
  assertJsonError(limited, 'limited', 'rate_limited');
  const right = await attempt(ADMIN_TOKEN);
  assert.equal(right.status, 422, `the right token gets through (an empty bundle is invalid): ${right.status} ${right.text}`);
});

test('CSV permalinks use --public-url, never the Host header', async () => {
  const other = await startServer({ writable: false, extraArgs: ['--public-url', 'https://citykb.example.org/'] });
  try {
    for (const host of ['evil.example', 'evil.example:443', '127.0.0.1']) {
      const res = await request(other.port, 'GET', '/api/search?q=energie&format=csv', { headers: { Host: host } });
      assert.equal(res.status, 200);
      assert.ok(!res.text.includes('evil.example'), `Host ${host} reached the CSV`);
      assert.match(res.text, /,https:\/\/citykb\.example\.org\/documents\/[a-z0-9-]+,/);
    }
  } finally {
    await other.stop();
  }
});

test('open connections above --max-connections get a JSON 503 with Retry-After, and the server recovers', async () => {
  const small = await startServer({ writable: false, extraArgs: ['--max-connections', '20', '--header-timeout', '5'] });
  const holders = [];
  try {
    for (let i = 0; i < 20; i += 1) {
      const s = net.connect({ host: '127.0.0.1', port: small.port });
      s.on('error', () => {});
      s.on('connect', () => s.write('GET /api/health HTTP/1.1\r\nHost: x\r\n'));  // never finished
      holders.push(s);
    }
    await new Promise((r) => setTimeout(r, 800));
    const res = await request(small.port, 'GET', '/api/health', { timeoutMs: 5000 });
    assert.equal(res.status, 503, `${res.status} ${res.text}`);
    assertJsonError(res, '503', 'unavailable');
    assertSecurityHeaders(res, '503');
    assert.ok(res.headers['retry-after'], 'Retry-After');
    for (const s of holders) s.destroy();
    await new Promise((r) => setTimeout(r, 500));
    await health(small.port);
  } finally {
    for (const s of holders) s.destroy();
    await small.stop();
  }
});
