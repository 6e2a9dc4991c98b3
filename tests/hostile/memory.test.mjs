// Memory stays flat when many clients send huge bodies the server must not
// read: 20 clients each sending a body with no length at all (411), and 20
// announcing a huge Content-Length (413), all at once. The server's peak
// resident memory (VmHWM of /proc/<pid>/status) is compared before and after.
//
// CI form: 10 MiB per client. Full form (the issue's), by hand:
//   MEMORY_BODY_MIB=100 node --test tests/hostile/memory.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { health } from './lib/checks.mjs';
import { startServer } from './lib/server.mjs';

const MIB = 1 << 20;
const BODY_MIB = Number(process.env.MEMORY_BODY_MIB || 10);
const CLIENTS = 20;
let server;

before(async () => {
  server = await startServer({ writable: true, proxy: false });
});

after(async () => {
  if (server) await server.stop();
});

const memory = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
};

// Sends `head` then up to `mib` MiB of body as fast as the server takes it;
// resolves with {sent (bytes), answer (first line back)} when the server
// closes the connection or the body is all sent.
function flood(head, mib) {
  return new Promise((resolvePromise) => {
    const chunk = Buffer.alloc(MIB, 'a');
    let sent = 0;
    let answer = '';
    let done = false;
    const s = net.connect({ host: '127.0.0.1', port: server.port });
    const finish = () => {
      if (done) return;
      done = true;
      s.destroy();
      resolvePromise({ sent, answer: answer.split('\r\n')[0] });
    };
    s.on('data', (d) => { answer += d.toString('latin1'); });
    s.on('error', finish);
    s.on('close', finish);
    const pump = () => {
      while (!done && sent < mib * MIB) {
        sent += MIB;
        if (!s.write(chunk)) return s.once('drain', pump);
      }
      if (!done) s.end();
    };
    s.on('connect', () => { s.write(head); pump(); });
    setTimeout(finish, 120000);
  });
}

test(`${CLIENTS} bodies of ${BODY_MIB} MiB without a length and ${CLIENTS} with a huge Content-Length: memory stays flat`, async () => {
  await health(server.port);
  const before = memory(server.child.pid);
  const noLength = 'POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n';
  const huge = `POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${BODY_MIB * MIB}\r\n\r\n`;
  const t0 = Date.now();
  const results = await Promise.all([
    ...Array.from({ length: CLIENTS }, () => flood(noLength, BODY_MIB)),
    ...Array.from({ length: CLIENTS }, () => flood(huge, BODY_MIB)),
  ]);
  const afterFlood = memory(server.child.pid);
  const sentMib = results.reduce((n, r) => n + r.sent, 0) / MIB;
  console.log(`memory: ${2 * CLIENTS} clients, ${sentMib.toFixed(0)} MiB written into sockets in ${Date.now() - t0} ms; ` +
    `server VmRSS ${before.rss.toFixed(1)} -> ${afterFlood.rss.toFixed(1)} MiB, VmHWM ${before.hwm.toFixed(1)} -> ${afterFlood.hwm.toFixed(1)} MiB`);
  // The server answers before reading any body, then drops what follows for
  // up to 5 s and closes: a client still sending then gets a reset, which
  // may discard the answer it had not read yet. Every answer that arrived
  // is the refusal, and most arrive.
  const answered = (from, to, want) => {
    const group = results.slice(from, to);
    for (const r of group) if (r.answer) assert.match(r.answer, want, `answered "${r.answer}"`);
    return group.filter((r) => r.answer).length;
  };
  const got411 = answered(0, CLIENTS, /^HTTP\/1\.1 411/);
  const got413 = answered(CLIENTS, 2 * CLIENTS, /^HTTP\/1\.1 413/);
  console.log(`memory: answers read before the close: ${got411}/${CLIENTS} 411, ${got413}/${CLIENTS} 413`);
  assert.ok(got411 >= CLIENTS / 2 && got413 >= CLIENTS / 2, `too few answers: ${got411} 411, ${got413} 413`);
  // Nothing of the bodies is kept: the peak grows by far less than one body.
  assert.ok(afterFlood.hwm - before.hwm < 48, `peak memory grew by ${(afterFlood.hwm - before.hwm).toFixed(1)} MiB`);
  await health(server.port);
});
