// A real citykb for the hostile and load tests: `citykb serve` on a fresh
// (or given) data directory, an ephemeral or given port, and the admin token
// set. Also runs `citykb check`. Used by tests/hostile/ and tests/load/.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { behindProxy, freePort, startProxy } from './proxy.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const ADMIN_TOKEN = 'hostile-test-token-0123456789';
// The program under test; CITYKB_BIN points elsewhere (e.g. build-asan/citykb).
export const CITYKB = process.env.CITYKB_BIN || join(ROOT, 'build/citykb');

export function makeDataDir(prefix = 'citykb-hostile-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

// Starts `citykb serve`. Resolves to {host, port, base, child, log(), stop(),
// kill()} once the server prints "listening on HOST:PORT". With `proxy`
// (default: CITYKB_BEHIND_PROXY=1 in the environment) citykb trusts
// 127.0.0.1 as its proxy and the shipped haproxy configuration is started in
// front of it: `port` and `base` are then the proxy's, `directPort` citykb's.
export async function startServer({
  dataDir = makeDataDir(), port = 0, host, writable = true, removeDataDir = true, extraArgs = [],
  startTimeoutMs = 60000, proxy = behindProxy(),
} = {}) {
  const proxyPort = proxy ? await freePort() : 0;
  if (proxy) extraArgs = [...extraArgs, '--trusted-proxy', '127.0.0.1', '--public-url', `http://127.0.0.1:${proxyPort}`];
  const env = { ...process.env };
  if (writable) env.CITYKB_ADMIN_TOKEN = ADMIN_TOKEN;
  else delete env.CITYKB_ADMIN_TOKEN;
  const args = ['serve', '--data', dataDir, '--port', String(port), '--web', 'web', '--corpus', 'corpus'];
  if (host) args.push('--host', host);
  args.push(...extraArgs);
  const child = spawn(CITYKB, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  // The access log may go to either stream: both are kept.
  const keep = (chunk) => {
    log += chunk;
    if (log.length > 4e6) log = log.slice(-2e6);  // access logs of a load run stay bounded
  };
  child.stderr.on('data', keep);
  child.stdout.on('data', keep);
  const listening = await new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`citykb did not start in time:\n${log.slice(-4000)}`)),
      startTimeoutMs);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (\S+):(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ host: m[1], port: Number(m[2]) });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`citykb exited (${code ?? signal}) before listening:\n${log.slice(-4000)}`));
    });
  });
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  let front = null;
  if (proxy) {
    try {
      front = await startProxy(listening.port, { port: proxyPort });
    } catch (e) {
      child.kill('SIGKILL');
      throw e;
    }
  }
  const reached = front ? { host: '127.0.0.1', port: front.port } : listening;
  return {
    ...reached,
    directPort: listening.port,
    proxy: front,
    dataDir,
    base: `http://${reached.host}:${reached.port}`,
    child,
    exited,
    log: () => log,
    // A sanitizer's report in the server's output (when CITYKB_BIN is a
    // sanitizer build), or null.
    sanitizerReport: () => {
      const m = /(ERROR: (Address|Leak|Thread)Sanitizer|WARNING: ThreadSanitizer|runtime error:)[^]*/.exec(log);
      return m ? m[0].slice(0, 4000) : null;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    // SIGKILL: no chance to flush or close anything.
    async kill() {
      if (front) await front.stop();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
    async stop() {
      if (front) await front.stop();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
        await exited;
        clearTimeout(timer);
      }
      if (removeDataDir) rmSync(dataDir, { recursive: true, force: true });
      return exited;
    },
  };
}

// `citykb check --data DIR`: {status, output}; status 0 when store and index agree.
export function checkStore(dataDir) {
  const r = spawnSync(CITYKB, ['check', '--data', dataDir], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
