// Crash safety: a stream of writes to a real citykb, killed with SIGKILL at
// random moments, many times over. After each restart every acknowledged
// write is there, complete; nothing half-written is; store and index agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CITYKB, startCitykb } from '../support/server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = CITYKB;
const TOKEN = 'durability-token';
const ROUNDS = Number(process.env.CITYKB_KILL_ROUNDS ?? 12);
const DOCS = 3;

// `citykb serve` on `dataDir`, kept when it stops.
function start(dataDir) {
  return startCitykb({ dataDir, removeDataDir: false, token: TOKEN });
}

function bundle(slug, marker) {
  const documents = [];
  for (let i = 0; i < DOCS; i++) {
    documents.push({ id: `${slug}-doc-${i}`, kind: 'practice', themes: ['data'], sources: ['citykb-test-data'],
      title: { fr: `Pratique ${i} ${marker}`, en: `Practice ${i} ${marker}` },
      body: { fr: `Texte de test ${marker}.`, en: `Test text ${marker}.` } });
  }
  return { city: { slug, name: `Ville ${slug}`, organisation: 'Test', country: 'FR',
    summary: { fr: `Profil ${marker}.`, en: `Profile ${marker}.` } }, people: [], documents };
}

async function post(base, body) {
  const res = await fetch(`${base}/api/cities`, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` } });
  const json = await res.json();
  if (res.status !== 200 && res.status !== 201) throw new Error(`write refused: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function getJson(base, p) {
  const res = await fetch(base + p);
  return { status: res.status, body: await res.json() };
}

test('acknowledged writes survive SIGKILL; store and index agree', { timeout: 600_000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'citykb-kill-'));
  const acked = new Map();     // slug -> marker of the last acknowledged write
  const attempted = new Map(); // slug -> every marker sent
  let writes = 0;
  let kills = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const { child, exited, base } = await start(dataDir);

      // After the restart: everything acknowledged is there, complete.
      for (const [slug, marker] of acked) {
        const city = await getJson(base, `/api/cities/${slug}`);
        assert.equal(city.status, 200, `acknowledged city ${slug} lost`);
        const docs = city.body.documents.practice ?? [];
        assert.equal(docs.length, DOCS, `city ${slug} is half-written`);
        const markers = new Set(docs.map((d) => d.title.fr.split(' ').pop()));
        assert.equal(markers.size, 1, `city ${slug} mixes two writes`);
        const seen = [...markers][0];
        const sent = attempted.get(slug);
        assert.ok(sent.indexOf(seen) >= sent.indexOf(marker), `city ${slug} went back to an older write`);
        const found = await getJson(base, `/api/search?q=${seen}&city=${slug}`);
        assert.equal(found.body.total, DOCS, `index disagrees with the store for ${slug}`);
      }
      const health = await getJson(base, '/api/health');
      assert.equal(health.body.index_seq, health.body.store_seq);
      const cities = await getJson(base, '/api/cities');
      for (const c of cities.body.cities) {
        if (c.slug.startsWith('crash-')) assert.equal(c.documents.total, DOCS, `${c.slug} is half-written`);
      }

      // A stream of writes, killed at a random moment.
      let stop = false;
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          const slug = i % 4 === 0 ? 'crash-stable' : `crash-${round}-${i}`;
          const marker = `m${round}x${i}`;
          if (!attempted.has(slug)) attempted.set(slug, []);
          attempted.get(slug).push(marker);
          try {
            await post(base, bundle(slug, marker));
            acked.set(slug, marker);
            writes++;
          } catch {
            return; // the server is gone
          }
        }
      })();
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 700));
      child.kill('SIGKILL');
      kills++;
      stop = true;
      await exited;
      await writer;
    }
    // Last start: catch up, then stop cleanly and check with the CLI.
    const { child, exited } = await start(dataDir);
    child.kill('SIGTERM');
    await exited;
    const check = spawnSync(BIN, ['check', '--data', dataDir], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    console.log(`durability: kills=${kills} acknowledged_writes=${writes} cities_checked=${acked.size} lost=0`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
