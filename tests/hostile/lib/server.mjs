// A real citykb for the hostile and load tests: `citykb serve` (through
// tests/support/server.mjs) with the admin token set, behind the shipped
// proxy when asked. Also runs `citykb check`. Used by tests/hostile/ and tests/load/.
import { spawnSync } from 'node:child_process';
import { CITYKB, ROOT, makeDataDir as makeAnyDataDir, startCitykb } from '../../support/server.mjs';
import { behindProxy, freePort, startProxy } from './proxy.mjs';

export { CITYKB, ROOT };
export const ADMIN_TOKEN = 'hostile-test-token-0123456789';

export function makeDataDir(prefix = 'citykb-hostile-') {
  return makeAnyDataDir(prefix);
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
  const args = proxy
    ? [...extraArgs, '--trusted-proxy', '127.0.0.1', '--public-url', `http://127.0.0.1:${proxyPort}`]
    : extraArgs;
  const server = await startCitykb({ dataDir, port, host, token: writable ? ADMIN_TOKEN : null, removeDataDir, args,
    startTimeoutMs });
  let front = null;
  if (proxy) {
    try {
      front = await startProxy(server.port, { port: proxyPort });
    } catch (e) {
      await server.kill();
      throw e;
    }
  }
  const reached = front ? { host: '127.0.0.1', port: front.port } : { host: server.host, port: server.port };
  const log = server.log;
  return {
    ...reached,
    directPort: server.port,
    proxy: front,
    dataDir,
    base: `http://${reached.host}:${reached.port}`,
    child: server.child,
    exited: server.exited,
    log,
    // A sanitizer's report in the server's output (when CITYKB_BIN is a
    // sanitizer build), or null.
    sanitizerReport: () => {
      const m = /(ERROR: (Address|Leak|Thread)Sanitizer|WARNING: ThreadSanitizer|runtime error:)[^]*/.exec(log());
      return m ? m[0].slice(0, 4000) : null;
    },
    alive: server.alive,
    // SIGKILL: no chance to flush or close anything.
    async kill() {
      if (front) await front.stop();
      return server.kill();
    },
    async stop() {
      if (front) await front.stop();
      return server.stop();
    },
  };
}

// `citykb check --data DIR`: {status, output}; status 0 when store and index agree.
export function checkStore(dataDir) {
  const r = spawnSync(CITYKB, ['check', '--data', dataDir], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
