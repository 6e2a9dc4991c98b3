// Errors of the command line name the command that gets the user out of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.CITYKB_BIN ?? path.join(ROOT, 'build', 'citykb');

test('an empty data directory points to citykb ingest', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'citykb-empty-'));
  try {
    for (const args of [['search', 'energie'], ['check']]) {
      const r = spawnSync(BIN, [...args, '--data', path.join(tmp, 'data')], { encoding: 'utf8', cwd: ROOT });
      assert.equal(r.status, 1, args.join(' '));
      assert.match(r.stderr, /citykb ingest/, `${args.join(' ')}: ${r.stderr}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
