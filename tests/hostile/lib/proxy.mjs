// The shipped front proxy (deploy/proxy/haproxy.cfg, Debian's haproxy) in
// front of a citykb started by server.mjs, for the hostile suites: started
// on a free loopback port, stopped with the server. CITYKB_BEHIND_PROXY=1
// makes startServer() put every suite's citykb behind it.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const HAPROXY = process.env.HAPROXY_BIN || '/usr/sbin/haproxy';
export const behindProxy = () => process.env.CITYKB_BEHIND_PROXY === '1';

// A free TCP port on 127.0.0.1 (bound and released).
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePromise(port));
    });
  });
}

function accepts(port) {
  return new Promise((r) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); r(true); });
    s.once('error', () => r(false));
  });
}

// Starts haproxy with the shipped configuration on 127.0.0.1:`port` (default
// a free one), forwarding to 127.0.0.1:upstreamPort.
// Resolves to {port, child, log(), stop()} once it accepts connections.
export async function startProxy(upstreamPort, { port: wanted = 0, startTimeoutMs = 10000 } = {}) {
  const port = wanted || await freePort();
  const env = {
    ...process.env,
    CITYKB_PROXY_BIND: `127.0.0.1:${port}`,
    CITYKB_UPSTREAM: `127.0.0.1:${upstreamPort}`,
    CITYKB_PROXY_DIR: join(ROOT, 'deploy/proxy'),
  };
  const child = spawn(HAPROXY, ['-db', '-f', join(ROOT, 'deploy/proxy/haproxy.cfg')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk) => {
    log += chunk;
    if (log.length > 4e6) log = log.slice(-2e6);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const deadline = Date.now() + startTimeoutMs;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not start:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    child,
    log: () => log,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

// True when `res` is HAProxy 2.6's built-in answer to a request it could not
// parse (an HTML 400 without citykb's headers: its errorfile is not used
// there, haproxy issue #3032).
export function isProxyParseRefusal(res) {
  return res.status === 400 && /Your browser sent an invalid request/.test(res.text);
}
