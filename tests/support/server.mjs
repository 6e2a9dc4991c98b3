// The one launcher of `citykb serve` for the node test suites (browser,
// hostile, load, durability, cli): a fresh (or given) data directory, an
// ephemeral (or given) port, the admin token set or not. Resolves once the
// server prints "listening on HOST:PORT"; stop() ends it with SIGTERM (then
// SIGKILL) and removes the data directory it made.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The program under test; CITYKB_BIN points elsewhere (e.g. build-asan/citykb).
export const CITYKB = process.env.CITYKB_BIN || join(ROOT, 'build/citykb');

export function makeDataDir(prefix = 'citykb-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

// Options (defaults in brackets):
//   dataDir [a new temporary folder], removeDataDir [true]: removed by stop()
//   port [0: ephemeral], host [citykb's default]
//   web ['web'], corpus ['corpus']: folders relative to the repository; null leaves the flag out
//   token [null]: CITYKB_ADMIN_TOKEN for the server (null: writes disabled)
//   args [[]]: more `citykb serve` arguments
//   startTimeoutMs [60000], killAfterMs [10000]: SIGKILL when SIGTERM has not ended it by then
// Resolves to {host, port, base, dataDir, child, exited, log(), alive(), kill(), stop()};
// `exited` resolves to {code, signal}; log() holds stdout and stderr (the last 2-4 MB).
export async function startCitykb({
  dataDir = makeDataDir(), removeDataDir = true, port = 0, host, web = 'web', corpus = 'corpus', token = null,
  args = [], startTimeoutMs = 60000, killAfterMs = 10000,
} = {}) {
  const env = { ...process.env };
  if (token) env.CITYKB_ADMIN_TOKEN = token;
  else delete env.CITYKB_ADMIN_TOKEN;
  const argv = ['serve', '--data', dataDir, '--port', String(port)];
  if (web !== null) argv.push('--web', web);
  if (corpus !== null) argv.push('--corpus', corpus);
  if (host) argv.push('--host', host);
  argv.push(...args);
  const child = spawn(CITYKB, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  // The access log may go to either stream: both are kept, bounded.
  const keep = (chunk) => {
    log += chunk;
    if (log.length > 4e6) log = log.slice(-2e6);
  };
  child.stderr.on('data', keep);
  child.stdout.on('data', keep);
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
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
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${CITYKB}: ${error.message} (build it with scripts/setup.sh)`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    ...listening,
    base: `http://${listening.host}:${listening.port}`,
    dataDir,
    child,
    exited,
    log: () => log,
    alive,
    // SIGKILL: no chance to flush or close anything.
    async kill() {
      if (alive()) child.kill('SIGKILL');
      return exited;
    },
    async stop() {
      if (alive()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        await exited;
        clearTimeout(timer);
      }
      if (removeDataDir) rmSync(dataDir, { recursive: true, force: true });
      return exited;
    },
  };
}
