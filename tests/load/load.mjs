// Load with faults: searches, suggestions and comparisons on many keep-alive
// connections while a writer POSTs new city bundles; in the middle the server
// is killed with SIGKILL and restarted on the same data directory and port.
// Afterwards: every acknowledged write must be there (its city and its
// unique word, searchable), no request may have failed outside the restart
// window, and `citykb check` must find store and index agreeing.
//
//   node tests/load/load.mjs [--seconds 120] [--connections 64] [--kills 1] [--json FILE]
//
// Exits 0 when all of that holds and prints the figures. tests/load/
// load.test.mjs runs a short form of it in CI.
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ADMIN_TOKEN, ROOT, checkStore, makeDataDir, startServer } from '../hostile/lib/server.mjs';

const TEMPLATE = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/bundles/valid-testville.json'), 'utf8'));

// A new city bundle `load-N` whose records carry a word found nowhere else.
function loadBundle(n, word) {
  const b = structuredClone(TEMPLATE);
  const slug = `load-${n}`;
  const rename = (id) => id.replace(/^testville/, slug);
  b.city.slug = slug;
  b.city.name = `Load ${n}`;
  const personIds = new Map();
  for (const p of b.people) {
    const id = `${slug}-${p.id}`;
    personIds.set(p.id, id);
    p.id = id;
  }
  for (const d of b.documents) {
    d.id = rename(d.id);
    if (d.person) d.person = personIds.get(d.person);
    d.title.fr = `${d.title.fr} ${word}`;
    d.title.en = `${d.title.en} ${word}`;
  }
  for (const i of b.city.indicators || []) if (i.document) i.document = rename(i.document);
  return b;
}

const SEARCHES = ['energie', 'mobilité', "l'innovation", 'données ouvertes', 'gouvernance', 'partenariats entreprises',
  'smart city', 'pilotage', 'transversalité', 'citoyens', 'data', 'comité de pilotage', ''];
const FILTERS = ['', '&city=lyon', '&city=rennes,grenoble', '&theme=governance', '&kind=practice', '&stakeholder=companies'];
const SUGGESTS = ['en', 'mob', 'gou', 'par', 'don', 'ci', 'tra', 'lyo'];
const COMPARES = ['cities=lyon,rennes,grenoble', 'cities=lyon,rennes&q=energie', 'cities=grenoble,lyon&rows=stakeholder',
  'cities=lyon,rennes,grenoble&rows=kind', 'cities=rennes,grenoble&themes=governance,data,mobility'];

function pick(list, i) {
  return list[i % list.length];
}

// One GET: resolves {status, ms, error}. Never rejects.
function get(agent, port, path, timeoutMs = 10000) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.get({ host: '127.0.0.1', port, path, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        let error = null;
        if (res.statusCode !== 200) error = `HTTP ${res.statusCode}`;
        else {
          try {
            JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            error = 'invalid JSON';
          }
        }
        resolve({ status: res.statusCode, ms: performance.now() - t0, error });
      });
      res.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, error: e.code || String(e) }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, error: e.code || e.message }));
  });
}

function post(port, path, body, timeoutMs = 30000) {
  return new Promise((resolve) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = http.request({
      host: '127.0.0.1', port, path, method: 'POST', timeout: timeoutMs, agent: false,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json', 'Content-Length': payload.length },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch { /* reported below */ }
        resolve({ status: res.statusCode, json });
      });
      res.on('error', (e) => resolve({ status: 0, error: e.code || String(e) }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, error: e.code || e.message }));
    req.end(payload);
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Runs the whole scenario and resolves with its figures and `ok`.
export async function runLoad({ seconds = 20, connections = 64, kills = 1, log = console.log } = {}) {
  const dataDir = makeDataDir('citykb-load-');
  let server = await startServer({ dataDir, removeDataDir: false });
  const port = server.port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const start = performance.now();
  const end = start + seconds * 1000;
  const windows = [];  // [{killAt, readyAt}]
  let restarting = false;
  const stats = { search: 0, suggest: 0, compare: 0 };
  const latencies = [];
  const failures = [];  // {t0, t1, kind, error}
  const acked = [];      // {n, slug, seq, word}
  const writeFailures = [];
  let writesSent = 0;

  async function reader(id) {
    let i = id * 7919;
    while (performance.now() < end) {
      i += 1;
      const r = i % 10;
      let kind;
      let path;
      if (r < 6) {
        kind = 'search';
        path = `/api/search?q=${encodeURIComponent(pick(SEARCHES, i))}${pick(FILTERS, i >> 2)}&page=${1 + (i % 2)}`;
      } else if (r < 8) {
        kind = 'suggest';
        path = `/api/suggest?q=${encodeURIComponent(pick(SUGGESTS, i))}`;
      } else {
        kind = 'compare';
        path = `/api/compare?${pick(COMPARES, i)}`;
      }
      const t0 = performance.now();
      const res = await get(agent, port, path);
      const t1 = performance.now();
      stats[kind] += 1;
      if (res.error) {
        failures.push({ t0, t1, kind, path, error: res.error });
        if (restarting) await sleep(50);  // do not spin on a dead port
      } else {
        latencies.push(res.ms);
      }
    }
  }

  async function writer() {
    let n = 0;
    while (performance.now() < end) {
      n += 1;
      const word = `loadword${n}q${Math.random().toString(36).slice(2, 8)}`;
      const t0 = performance.now();
      writesSent += 1;
      const res = await post(port, '/api/cities', loadBundle(n, word));
      const t1 = performance.now();
      if ((res.status === 200 || res.status === 201) && res.json && res.json.seq > 0) {
        acked.push({ n, slug: `load-${n}`, seq: res.json.seq, word, t1 });
      } else {
        writeFailures.push({ t0, t1, n, error: res.error || `HTTP ${res.status}` });
        if (restarting) await sleep(100);
      }
      await sleep(20);
    }
  }

  async function killer() {
    for (let k = 1; k <= kills; k += 1) {
      const at = start + ((end - start) * k) / (kills + 1);
      await sleep(Math.max(0, at - performance.now()));
      restarting = true;
      const killAt = performance.now();
      await server.kill();
      let next = null;
      for (let attempt = 0; attempt < 50 && !next; attempt += 1) {
        try {
          next = await startServer({ dataDir, port, removeDataDir: false });
        } catch (e) {
          if (attempt === 49) throw e;
          await sleep(100);  // the port may take a moment to be free again
        }
      }
      server = next;
      const readyAt = performance.now();
      restarting = false;
      windows.push({ killAt, readyAt });
      log(`killed at ${((killAt - start) / 1000).toFixed(1)} s with SIGKILL, serving again after ${(readyAt - killAt).toFixed(0)} ms`);
    }
  }

  await Promise.all([...Array.from({ length: connections }, (_, i) => reader(i)), writer(), killer()]);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();

  // Errors are excused only when the request was in flight during a restart.
  const inWindow = (f) => windows.some((w) => f.t0 <= w.readyAt && f.t1 >= w.killAt);
  const outside = failures.filter((f) => !inWindow(f));
  const writeOutside = writeFailures.filter((f) => !inWindow(f));

  // Every acknowledged write is there, whole and searchable.
  const lost = [];
  const check = new http.Agent({ keepAlive: true, maxSockets: 8 });
  for (const a of acked) {
    const city = await get(check, port, `/api/cities/${a.slug}`);
    const found = await new Promise((resolve) => {
      http.get({ host: '127.0.0.1', port, path: `/api/search?q=${a.word}`, agent: check }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).total);
          } catch {
            resolve(-1);
          }
        });
      }).on('error', () => resolve(-1));
    });
    if (city.status !== 200 || found < 1) lost.push({ ...a, city: city.status, found });
  }
  check.destroy();
  const healthRes = await get(new http.Agent(), port, '/api/health');
  await server.stop();
  const storeCheck = checkStore(dataDir);

  const sorted = latencies.sort((a, b) => a - b);
  const requests = stats.search + stats.suggest + stats.compare;
  const figures = {
    seconds: Number(elapsed.toFixed(1)),
    connections,
    requests,
    by_kind: stats,
    requests_per_second: Math.round(requests / elapsed),
    latency_ms: { p50: Number(percentile(sorted, 50).toFixed(1)), p99: Number(percentile(sorted, 99).toFixed(1)), max: Number((sorted.at(-1) || 0).toFixed(1)) },
    kills: windows.length,
    restart_window_ms: windows.map((w) => Math.round(w.readyAt - w.killAt)),
    errors_total: failures.length,
    errors_in_restart_window: failures.length - outside.length,
    errors_outside_restart_window: outside.length,
    writes_sent: writesSent,
    writes_acknowledged: acked.length,
    writes_failed_in_window: writeFailures.length - writeOutside.length,
    writes_failed_outside_window: writeOutside.length,
    writes_lost: lost.length,
    health_after: healthRes.status,
    check_exit: storeCheck.status,
  };
  const ok = outside.length === 0 && writeOutside.length === 0 && lost.length === 0 && acked.length > 0 &&
    windows.length === kills && storeCheck.status === 0 && healthRes.status === 200;
  const details = { outside: outside.slice(0, 10), writeOutside: writeOutside.slice(0, 10), lost: lost.slice(0, 10), check: storeCheck.output };
  const { rmSync } = await import('node:fs');
  rmSync(dataDir, { recursive: true, force: true });
  return { ok, figures, details };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const result = await runLoad({
    seconds: Number(arg('seconds', 120)), connections: Number(arg('connections', 64)), kills: Number(arg('kills', 1)),
  });
  console.log(JSON.stringify(result.figures, null, 2));
  const out = arg('json', null);
  if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  if (!result.ok) {
    console.error('FAILED', JSON.stringify(result.details, null, 2));
    process.exit(1);
  }
}
