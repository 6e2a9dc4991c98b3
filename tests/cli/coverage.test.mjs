// citykb coverage: the per-city report of the corpus, and corpus/COVERAGE.md
// kept in step with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.CITYKB_BIN ?? path.join(ROOT, 'build', 'citykb');
const run = (...args) => spawnSync(BIN, args, { encoding: 'utf8', cwd: ROOT });

test('corpus/COVERAGE.md is what `citykb coverage --markdown corpus` prints (regenerate it when stale)', () => {
  const r = run('coverage', '--markdown', 'corpus');
  assert.equal(r.status, 0, r.stderr);
  const committed = readFileSync(path.join(ROOT, 'corpus', 'COVERAGE.md'), 'utf8');
  assert.equal(committed, r.stdout,
    'corpus/COVERAGE.md is stale: run build/citykb coverage --markdown corpus > corpus/COVERAGE.md');
});

test('the shipped corpus meets its minimums (--strict exits 0) and the report names every city', () => {
  const r = run('coverage', '--strict', 'corpus');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const cities = JSON.parse(readFileSync(path.join(ROOT, 'corpus', 'cities', 'lyon.json'), 'utf8')).city.name;
  assert.match(r.stdout, new RegExp(`^${cities}\\b`, 'm'));
  assert.match(r.stdout, /corpus minimums: met/);
});

test('a city below the minimums is named with what it lacks, and --strict fails', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'citykb-coverage-'));
  try {
    cpSync(path.join(ROOT, 'corpus'), tmp, { recursive: true });
    const file = path.join(tmp, 'cities', 'lyon.json');
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    bundle.documents = bundle.documents.filter((d) => d.kind !== 'milestone');
    writeFileSync(file, JSON.stringify(bundle));
    const r = run('coverage', '--strict', tmp);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^Lyon\b.*milestones 0\/1/m);
    assert.equal(run('coverage', tmp).status, 0, 'without --strict it only reports');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
