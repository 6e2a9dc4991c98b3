// A cluster on one machine (scripts/cluster.sh: writer, 2 read replicas,
// haproxy): writes through the load balancer reach every replica within 2 s;
// the writer and every replica give byte-identical answers; a replica refuses writes naming
// the writer; a replica killed with SIGKILL while applying catches up and
// passes `citykb check`. Short form; CITYKB_CLUSTER_WRITES sets the number
// of writes (default 50).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BIN, bundle, clusterDown, clusterUp, getJson, percentile, pidOf, post, restartReplica, restartWriter,
  until } from './lib.mjs';

const WRITES = Number(process.env.CITYKB_CLUSTER_WRITES ?? 50);
const cluster = await clusterUp(2);
after(() => clusterDown(cluster));

const servers = () => [cluster.lb, ...cluster.replicas];
const lastSeen = new Map(); // base -> the last answer of found(), for failure messages
const found = async (base, marker) => {
  const res = await getJson(base, `/api/search?q=${marker}`).catch((e) => ({ status: 0, text: String(e), body: {} }));
  lastSeen.set(base, `${res.status} ${res.text.slice(0, 160)}`);
  return res.body.total >= 1;
};

async function converged() {
  const writer = (await getJson(cluster.writer, '/api/health')).body;
  for (const r of cluster.replicas) {
    const h = (await getJson(r, '/api/health')).body;
    if (h.applied_seq !== writer.applied_seq) return false;
  }
  return true;
}

test('health reports roles and sequences; a replica refuses writes naming the writer', async () => {
  const w = (await getJson(cluster.writer, '/api/health')).body;
  assert.equal(w.role, 'writer');
  assert.equal(w.writer_seq, w.applied_seq);
  for (const r of cluster.replicas) {
    const h = await getJson(r, '/api/health?max_lag=0');
    assert.equal(h.body.role, 'replica');
    assert.equal(h.body.writer, cluster.writer);
    assert.equal(typeof h.body.lag, 'number');
    const refused = await post(r, bundle('cluster-refused', 'refusedmarker'));
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'read_only_replica');
    assert.equal(refused.body.error.writer, cluster.writer);
    const del = await fetch(`${r}/api/cities/cluster-refused`, { method: 'DELETE' });
    assert.equal(del.status, 403);
    const bad = await getJson(r, '/api/health?max_lag=-1');
    assert.equal(bad.status, 400);
  }
});

test(`after each of ${WRITES} writes through the load balancer, every replica finds it within 2 s`, async (t) => {
  const lags = [];
  for (let i = 0; i < WRITES; i++) {
    const marker = `clustermark${i}x${Date.now().toString(36)}`;
    const res = await post(cluster.lb, bundle(`cluster-city-${i}`, marker));
    assert.ok(res.status === 200 || res.status === 201, JSON.stringify(res.body));
    const waits = await Promise.all(servers().map((base) => until(() => found(base, marker), 2000)));
    for (const [k, ms] of waits.entries()) {
      const base = servers()[k];
      assert.ok(ms >= 0, `write ${i} not visible on ${base} after 2 s (last answer: ${lastSeen.get(base)}; ` +
        `health: ${JSON.stringify((await getJson(base, '/api/health').catch(() => ({}))).body)})`);
    }
    lags.push(...waits.slice(1));
  }
  const p50 = percentile(lags, 50).toFixed(0);
  const p99 = percentile(lags, 99).toFixed(0);
  t.diagnostic(`replica visibility lag over ${lags.length} (write, replica) pairs: p50 ${p50} ms, p99 ${p99} ms`);
  console.log(`cluster: replica lag p50 ${p50} ms, p99 ${p99} ms (${lags.length} samples)`);
});

test('a deleted city disappears from every replica', async () => {
  const marker = `clusterdel${Date.now().toString(36)}`;
  assert.equal((await post(cluster.lb, bundle('cluster-doomed', marker))).status, 201);
  for (const base of servers()) assert.ok((await until(() => found(base, marker), 2000)) >= 0);
  const del = await fetch(`${cluster.lb}/api/cities/cluster-doomed`, { method: 'DELETE',
    headers: { Authorization: 'Bearer cluster-test-token-0123456789abcdef' } });
  assert.equal(del.status, 200);
  for (const base of cluster.replicas) {
    assert.ok((await until(async () => !(await found(base, marker)), 2000)) >= 0, `${base} still finds it`);
    // The store follows the replicated index: the record page goes a moment later.
    assert.ok((await until(async () => (await getJson(base, '/api/documents/cluster-doomed-practice')).status === 404,
      2000)) >= 0, `${base} still serves the deleted record's page`);
  }
});

// Varied queries: words, phrases, facets, sorts, languages, pages, suggest, similar.
function queries() {
  const words = ['', 'mobilité', 'données', 'énergie', 'transport', 'participation', 'eau', 'déchets', 'open data',
    'numérique', 'capteurs', 'smart city', 'budget', 'climat', 'éclairage', 'clustermark1'];
  const out = [];
  for (const q of words) {
    out.push(`/api/search?q=${encodeURIComponent(q)}`);
    out.push(`/api/search?q=${encodeURIComponent(q)}&lang=en&page=2`);
    out.push(`/api/search?q=${encodeURIComponent(q)}&sort=date&kind=practice`);
  }
  out.push('/api/search?q=mobilite&theme=data', '/api/search?q=%22open%20data%22', '/api/suggest?q=mob',
    '/api/suggest?q=don', '/api/cities', '/api/taxonomy', '/api/sources', '/api/timeline',
    '/api/cities/cluster-city-1', '/api/documents/cluster-city-1-practice/similar');
  return out;
}

const strip = (text) => text.replace(/"took_ms":[0-9.e+-]+/g, '"took_ms":0');

// The replicas' indexes are block copies of the writer's (xapian-replicate):
// same revision, same document ids, so the writer is compared too
// (Xapian's percentages depend on the index's history, which is the same).
test('the writer and every replica give byte-identical answers (took_ms aside)', async () => {
  assert.ok((await until(converged, 5000)) >= 0, 'replicas did not converge');
  const list = queries();
  assert.ok(list.length >= 50);
  const differing = [];
  for (const q of list) {
    const answers = await Promise.all([cluster.writer, ...cluster.replicas].map((base) => getJson(base, q)));
    assert.equal(answers[0].status, 200, `${q}: ${answers[0].text.slice(0, 200)}`);
    const first = strip(answers[0].text);
    for (const a of answers.slice(1)) {
      const text = strip(a.text);
      if (text === first) continue;
      let at = 0;
      while (at < text.length && text[at] === first[at]) ++at;
      differing.push(`${q} at ${at}: ${first.slice(Math.max(0, at - 120), at + 120)} <> ${text.slice(Math.max(0, at - 120), at + 120)}`);
    }
  }
  assert.deepEqual(differing, [], 'answers differ');
});

test('a replica killed with SIGKILL while applying catches up; citykb check passes on it', async () => {
  const victim = pidOf(cluster, 'replica1');
  const writes = [];
  for (let i = 0; i < 10; i++) writes.push(post(cluster.lb, bundle(`cluster-kill-${i}`, `clusterkill${i}`)));
  await new Promise((r) => setTimeout(r, 30));
  process.kill(victim, 'SIGKILL');
  const acked = (await Promise.all(writes)).filter((r) => r.status === 200 || r.status === 201).length;
  assert.equal(acked, 10);
  // Reads through the load balancer keep working while the replica is down.
  assert.equal((await getJson(cluster.lb, '/api/search?q=clusterkill9')).status, 200);
  restartReplica(cluster, 1);
  assert.ok((await until(converged, 30000, 100)) >= 0, 'the restarted replica did not converge');
  for (let i = 0; i < 10; i++) assert.ok(await found(cluster.replicas[0], `clusterkill${i}`));
  const check = spawnSync(BIN, ['check', '--data', path.join(cluster.dir, 'replica1')], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
});

test('the writer killed with SIGKILL during writes: nothing acknowledged is lost, all converge to one sequence', async () => {
  const victim = pidOf(cluster, 'writer');
  const acked = [];
  let stop = false;
  const writer = (async () => {
    for (let i = 0; !stop; i++) {
      try {
        const res = await post(cluster.lb, bundle(`cluster-wkill-${i}`, `clusterwkill${i}`));
        if (res.status === 200 || res.status === 201) acked.push(i);
      } catch { /* the writer is down */ }
    }
  })();
  await until(() => acked.length >= 5, 10000);
  process.kill(victim, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 300));
  // Replicas keep serving reads while the writer is down.
  for (const base of cluster.replicas) assert.equal((await getJson(base, '/api/search?q=clusterwkill0')).status, 200);
  restartWriter(cluster);
  assert.ok((await until(async () => (await getJson(cluster.writer, '/api/health')).status === 200, 60000, 100)) >= 0);
  await until(() => acked.length >= 10, 10000);
  stop = true;
  await writer;
  assert.ok((await until(converged, 30000, 100)) >= 0, 'not converged after the writer restarted');
  for (const i of acked)
    for (const base of servers())
      assert.ok(await found(base, `clusterwkill${i}`), `acknowledged write ${i} missing on ${base}`);
});
