// Helpers of the cluster tests: start and stop a cluster with
// scripts/cluster.sh in a temporary run directory, write bundles, poll.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.CITYKB_BIN ?? path.join(ROOT, 'build', 'citykb');
export const TOKEN = 'cluster-test-token-0123456789abcdef';
// Index revisions the writer keeps as changesets in the test clusters
// (CITYKB_INDEX_CHANGESETS overrides): small, so that a paused replica
// needs a full copy after a few dozen writes.
export const CHANGESETS = Number(process.env.CITYKB_INDEX_CHANGESETS ?? 30);

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// A port p such that p .. p + count - 1 are free now.
async function freePorts(count) {
  for (;;) {
    const port = 21000 + Math.floor(Math.random() * 20000);
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await portFree(port + i);
    if (ok) return port;
  }
}

// Starts a cluster; returns its URLs and run directory.
export async function clusterUp(replicas = 2) {
  const dir = mkdtempSync(path.join(tmpdir(), 'citykb-cluster-'));
  // haproxy, the writer, the replicas, xapian-replicate-server.
  const port = await freePorts(replicas + 3);
  const env = { CITYKB_INDEX_CHANGESETS: String(CHANGESETS), ...process.env, CITYKB_CLUSTER_DIR: dir,
    CITYKB_CLUSTER_PORT: String(port), CITYKB_REPLICAS: String(replicas), CITYKB_ADMIN_TOKEN: TOKEN, CITYKB_BIN: BIN };
  const up = spawnSync(path.join(ROOT, 'scripts', 'cluster.sh'), ['up'], { env, encoding: 'utf8', timeout: 300_000 });
  if (up.status !== 0) throw new Error(`cluster.sh up failed (${up.status}): ${up.stderr}`);
  const lines = up.stdout.trim().split('\n');
  const lb = lines[lines.length - 1];
  const writer = `http://127.0.0.1:${port + 1}`;
  const replicaUrls = [];
  for (let i = 1; i <= replicas; i++) replicaUrls.push(`http://127.0.0.1:${port + 1 + i}`);
  return { dir, env, lb, writer, replicas: replicaUrls, port };
}

export function clusterDown(cluster) {
  spawnSync(path.join(ROOT, 'scripts', 'cluster.sh'), ['down'], { env: cluster.env, encoding: 'utf8' });
  if (process.env.CITYKB_CLUSTER_KEEP) console.log(`cluster run directory kept: ${cluster.dir}`);
  else rmSync(cluster.dir, { recursive: true, force: true });
}

export function pidOf(cluster, name) {
  return Number(readFileSync(path.join(cluster.dir, `${name}.pid`), 'utf8'));
}

// Starts replica `i` again (after a kill), as cluster.sh does, recording its pid for cluster.sh down.
export function restartReplica(cluster, i) {
  const env = { ...process.env };
  delete env.CITYKB_ADMIN_TOKEN;
  const data = path.join(cluster.dir, `replica${i}`);
  const child = spawn(BIN, ['serve', '--follow', cluster.writer, '--data', data,
    '--replicated-index', path.join(data, 'xapian'), '--port', String(cluster.port + 1 + i), '--web',
    path.join(ROOT, 'web')],
  { env, detached: true, stdio: 'ignore' });
  child.unref();
  writeFileSync(path.join(cluster.dir, `replica${i}.pid`), String(child.pid));
  return child.pid;
}

// Starts the writer again (after a kill), as cluster.sh does.
export function restartWriter(cluster) {
  const child = spawn(BIN, ['serve', '--data', path.join(cluster.dir, 'writer'), '--port', String(cluster.port + 1),
    '--web', path.join(ROOT, 'web'), '--corpus', path.join(ROOT, 'corpus'), '--publish-changesets',
    cluster.env.CITYKB_INDEX_CHANGESETS],
  { env: { ...process.env, CITYKB_ADMIN_TOKEN: TOKEN }, detached: true, stdio: 'ignore' });
  child.unref();
  writeFileSync(path.join(cluster.dir, 'writer.pid'), String(child.pid));
  return child.pid;
}

export async function getJson(base, p) {
  const res = await fetch(base + p);
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

export function bundle(slug, marker) {
  return { city: { slug, name: `Ville ${slug}`, organisation: 'Test', country: 'FR',
    summary: { fr: `Profil ${marker}.`, en: `Profile ${marker}.` } }, people: [],
  documents: [{ id: `${slug}-practice`, kind: 'practice', themes: ['data'], sources: ['citykb-test-data'],
    title: { fr: `Pratique ${marker}`, en: `Practice ${marker}` },
    body: { fr: `Texte de test ${marker}.`, en: `Test text ${marker}.` } }] };
}

export async function post(base, body) {
  const res = await fetch(`${base}/api/cities`, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` } });
  return { status: res.status, body: await res.json() };
}

// Polls until fn() is truthy; returns the milliseconds it took, or -1 after `timeoutMs`.
export async function until(fn, timeoutMs, stepMs = 10) {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    try {
      if (await fn()) return performance.now() - start;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return -1;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
