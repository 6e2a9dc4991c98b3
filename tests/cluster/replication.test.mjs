// Index replication with Xapian's own tools (scripts/cluster.sh: the writer
// publishes its index with xapian-replicate-server, each replica's index is
// kept by xapian-replicate): the consistency rule (a hit's record page
// answers on the replica that returned it), a replica whose xapian-replicate
// was paused past the writer's changesets receives a full copy while it
// keeps answering, then `citykb check` and `xapian-check` pass on it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, CHANGESETS, TOKEN, bundle, clusterDown, clusterUp, getJson, pidOf, post, until } from './lib.mjs';

const cluster = await clusterUp(2);
after(() => clusterDown(cluster));

const del = (base, slug) => fetch(`${base}/api/cities/${slug}`, { method: 'DELETE',
  headers: { Authorization: `Bearer ${TOKEN}` } });

const status = async (url) => {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
};

// The live copy of a directory kept by xapian-replicate (its stub names it).
function liveCopy(dir) {
  const stub = readFileSync(path.join(dir, 'XAPIANDB'), 'utf8');
  const m = stub.match(/^auto (\S+)$/m);
  assert.ok(m, `unexpected stub: ${stub}`);
  return path.join(dir, m[1]);
}

test('during creates and deletes on the writer, every hit a replica returns has a record page there', async (t) => {
  let stop = false;
  let written = 0;
  const writes = (async () => {
    for (let i = 0; !stop; i++) {
      const res = await post(cluster.lb, bundle(`cons-${i}`, `consmark consmark${i}`));
      assert.ok(res.status === 200 || res.status === 201, JSON.stringify(res.body));
      written++;
      if (i >= 3) {
        const res = await del(cluster.lb, `cons-${i - 3}`);
        assert.equal(res.status, 200, `DELETE cons-${i - 3}: ${await res.text()}`);
      }
    }
  })();
  let checked = 0;
  let deletedMeanwhile = 0;
  const violations = [];
  const readers = cluster.replicas.map(async (base) => {
    while (!stop) {
      const res = await getJson(base, '/api/search?q=consmark&per_page=50');
      assert.equal(res.status, 200, res.text.slice(0, 200));
      for (const hit of res.body.hits) {
        if (!hit.id.startsWith('cons-')) continue;
        checked++;
        if ((await status(`${base}/api/documents/${hit.id}`)) === 200) continue;
        // Deleted on the writer since the search (the record is gone
        // everywhere): the race every server has between a search and a click.
        if ((await status(`${cluster.writer}/api/documents/${hit.id}`)) === 404) deletedMeanwhile++;
        else violations.push(`${base}: hit ${hit.id} has no record page while the writer has it`);
      }
    }
  });
  await new Promise((r) => setTimeout(r, Number(process.env.CLUSTER_CONSISTENCY_MS ?? 8000)));
  stop = true;
  await Promise.all([writes, ...readers]);
  t.diagnostic(`${written} creates, ${written - 3} deletes; ${checked} hits checked, ` +
    `${deletedMeanwhile} deleted on the writer between search and page, ${violations.length} violations`);
  console.log(`cluster consistency: ${checked} hits checked, ${deletedMeanwhile} deleted between search and page, ` +
    `${violations.length} violations`);
  assert.ok(written >= 10, `only ${written} writes`);
  assert.ok(checked >= 50, `only ${checked} hits checked`);
  assert.deepEqual(violations.slice(0, 10), []);
  // A record deleted between a search and its page is the race of any
  // server, rare; a replica whose store dropped records its index still
  // returned would show many (one hit in five when hits were not checked
  // against the store).
  assert.ok(deletedMeanwhile <= Math.max(5, checked * 0.02), `${deletedMeanwhile} hits of ${checked} led to a 404`);
  // The writer's index (the one every replica copies) is sound after the
  // stream: haproxy polls the writer's /api/health during the writes, and
  // reading the sequence from the writable database there once corrupted it.
  const xcheck = spawnSync('xapian-check', [path.join(cluster.dir, 'writer', 'xapian')], { encoding: 'utf8' });
  assert.equal(xcheck.status, 0, `the writer's index: ${xcheck.stdout.slice(-300)}${xcheck.stderr}`);
});

test(`a replica whose xapian-replicate was paused past ${CHANGESETS} revisions gets a full copy, answering throughout`,
  async (t) => {
    const replica = cluster.replicas[1];
    const dir = path.join(cluster.dir, 'replica2', 'xapian');
    const before = liveCopy(dir);
    const replicate = pidOf(cluster, 'replicate2');
    process.kill(replicate, 'SIGSTOP');
    let stop = false;
    const codes = new Map();
    let searches = 0;
    const reader = (async () => {
      while (!stop) {
        const code = await status(`${replica}/api/search?q=fullcopymark`);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        searches++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    try {
      const writes = CHANGESETS + 10;
      for (let i = 0; i < writes; i++) {
        const res = await post(cluster.writer, bundle(`fullcopy-${i}`, `fullcopymark fullcopymark${i}`));
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
    } finally {
      process.kill(replicate, 'SIGCONT');
    }
    const writerSeq = (await getJson(cluster.writer, '/api/health')).body.applied_seq;
    const ms = await until(async () => (await getJson(replica, '/api/health')).body.applied_seq === writerSeq, 60000, 50);
    await new Promise((r) => setTimeout(r, 500)); // searches after the switch, too
    stop = true;
    await reader;
    const after = liveCopy(dir);
    t.diagnostic(`caught up ${ms.toFixed(0)} ms after resuming; ${searches} searches meanwhile: ` +
      JSON.stringify(Object.fromEntries(codes)) + `; live copy ${path.basename(before)} -> ${path.basename(after)}`);
    console.log(`cluster full copy: caught up in ${ms.toFixed(0)} ms; searches ${JSON.stringify(Object.fromEntries(codes))}`);
    assert.ok(ms >= 0, 'the paused replica did not catch up within 60 s');
    assert.notEqual(after, before, 'no full copy happened (the stub still names the same copy)');
    assert.deepEqual([...codes.keys()], [200], 'a search failed during the copy');
    assert.equal((await getJson(replica, '/api/search?q=fullcopymark')).body.total, CHANGESETS + 10);
    const check = spawnSync(BIN, ['check', '--data', path.join(cluster.dir, 'replica2')], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const xcheck = spawnSync('xapian-check', [after], { encoding: 'utf8' });
    assert.equal(xcheck.status, 0, xcheck.stdout + xcheck.stderr);
  });
