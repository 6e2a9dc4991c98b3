// The citykb command line as a curator uses it: ingest, check a bundle,
// search (readable and JSON), add, export and load back, check, backup,
// reindex; exit codes and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VALID, expected } from '../fixtures/bundles/make-broken.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.CITYKB_BIN ?? path.join(ROOT, 'build', 'citykb');
const fixture = (name) => path.join(ROOT, 'tests', 'fixtures', 'bundles', name);

function run(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('the citykb command line', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'citykb-cli-'));
  const data = path.join(tmp, 'data');
  try {
    await t.test('--help lists every subcommand', () => {
      const r = run('--help');
      assert.equal(r.code, 0);
      for (const cmd of ['serve', 'ingest', 'search', 'add', 'export', 'reindex', 'check', 'backup'])
        assert.match(r.out, new RegExp(`\\b${cmd}\\b`));
      assert.equal(run('search', '--help').code, 0);
    });
    await t.test('ingest loads the corpus', () => {
      const r = run('ingest', 'corpus', '--data', data);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /ingested corpus: \d+ documents/);
    });
    await t.test('ingest --check validates one bundle and writes nothing', () => {
      const ok = run('ingest', '--check', fixture('valid-testville.json'));
      assert.equal(ok.code, 0, ok.err);
      assert.match(ok.out, /valid/);
      const bad = run('ingest', '--check', fixture('unknown-theme.json'));
      assert.equal(bad.code, 1);
      assert.match(bad.err, /\/documents\/1\/themes\/0: unknown theme 'smart-parking'/);
    });
    await t.test('ingest --check refuses each broken fixture at the pointer the JS checks name', () => {
      assert.equal(Object.keys(expected).length, readdirSync(path.dirname(fixture(VALID))).filter((f) => f.endsWith('.json')).length - 1);
      for (const [name, e] of Object.entries(expected)) {
        const r = run('ingest', '--check', fixture(name));
        assert.equal(r.code, 1, `${name} accepted: ${r.out}`);
        // "  POINTER: MESSAGE" lines, one per problem; one defect, one problem.
        const problems = r.err.split('\n').filter((l) => /^  \//.test(l)).map((l) => l.trim());
        assert.deepEqual(problems.map((p) => p.slice(0, p.indexOf(': '))), [e.pointer], `${name}: ${r.err}`);
        assert.match(problems[0], e.cpp, name);
      }
    });
    await t.test('search prints readable results and the API JSON', () => {
      const r = run('search', 'énergie', '--city', 'lyon', '--data', data);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /results? for "énergie"/);
      assert.match(r.out, /\*énergie\*/);
      const j = run('search', 'ENERGIE', '--city', 'lyon', '--json', '--data', data);
      const parsed = JSON.parse(j.out);
      assert.ok(parsed.total > 0);
      assert.ok(parsed.hits.every((h) => h.city.slug === 'lyon'));
      assert.equal(run('search', 'x', '--lang', 'de', '--data', data).code !== 0, true);
    });
    await t.test('add validates, writes, and the city is searchable', () => {
      const bad = run('add', fixture('unknown-person.json'), '--data', data);
      assert.equal(bad.code, 1);
      assert.match(bad.err, /\/documents\/2\/person/);
      const ok = run('add', fixture('valid-testville.json'), '--data', data);
      assert.equal(ok.code, 0, ok.err);
      const j = JSON.parse(run('search', '', '--city', 'testville', '--json', '--data', data).out);
      assert.ok(j.total > 0);
    });
    await t.test('check agrees, export loads back, backup opens', () => {
      const check = run('check', '--data', data);
      assert.equal(check.code, 0, check.out + check.err);
      const out = path.join(tmp, 'export');
      const ex = run('export', out, '--data', data);
      assert.equal(ex.code, 0, ex.err);
      assert.ok(readdirSync(path.join(out, 'cities')).includes('testville.json'));
      const copy = path.join(tmp, 'copy');
      assert.equal(run('ingest', out, '--data', copy).code, 0);
      const a = JSON.parse(run('search', '', '--json', '--per-page', '100', '--data', data).out);
      const b = JSON.parse(run('search', '', '--json', '--per-page', '100', '--data', copy).out);
      assert.deepEqual(b.hits.map((h) => [h.id, h.updated_at]).sort(), a.hits.map((h) => [h.id, h.updated_at]).sort());
      const backup = path.join(tmp, 'backup.sqlite');
      assert.equal(run('backup', backup, '--data', data).code, 0);
      assert.ok(existsSync(backup));
    });
    await t.test('reindex rebuilds and check still agrees', () => {
      const r = run('reindex', '--data', data);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /reindexed \d+ documents/);
      assert.equal(run('check', '--data', data).code, 0);
    });
    await t.test('a usage error exits with 2 and says why', () => {
      const r = run('frobnicate');
      assert.notEqual(r.code, 0);
      assert.match(r.err + r.out, /frobnicate|subcommand/i);
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
