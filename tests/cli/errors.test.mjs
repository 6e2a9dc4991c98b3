// Errors of the command line name the command that gets the user out of
// them (a line "to fix it: … `citykb …`"), and commands that only read never
// create a data directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCitykb } from '../support/server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.CITYKB_BIN ?? path.join(ROOT, 'build', 'citykb');

function run(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', cwd: ROOT, timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// The "to fix it" line of an error, which must name a citykb command.
function wayOut(r, label) {
  const line = r.err.split('\n').find((l) => l.startsWith('to fix it: '));
  assert.ok(line, `${label}: no "to fix it" line in:\n${r.err}`);
  assert.match(line, /`citykb [a-z]+/, `${label}: names no command`);
  return line;
}

function withTemp(fn) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'citykb-errors-'));
  return Promise.resolve(fn(tmp)).finally(() => rmSync(tmp, { recursive: true, force: true }));
}

test('an empty data directory points to citykb ingest and citykb serve, and stays uncreated', () => withTemp((tmp) => {
  const data = path.join(tmp, 'data');
  for (const args of [['search', 'energie'], ['check'], ['export', path.join(tmp, 'out')], ['reindex'], ['backup', path.join(tmp, 'b.sqlite')]]) {
    const r = run(...args, '--data', data);
    assert.equal(r.code, 1, args.join(' '));
    const line = wayOut(r, args[0]);
    assert.match(line, /`citykb ingest corpus --data [^`]+`/, `${args[0]}: ${line}`);
    assert.match(line, /`citykb serve --data [^`]+`/, `${args[0]}: ${line}`);
    assert.equal(existsSync(data), false, `${args[0]} created the data directory`);
  }
}));

test('a store without its index points to citykb reindex; an empty store to citykb ingest', () => withTemp((tmp) => {
  const data = path.join(tmp, 'data');
  assert.equal(run('ingest', 'corpus', '--data', data).code, 0);
  rmSync(path.join(data, 'xapian'), { recursive: true, force: true });
  const r = run('search', 'energie', '--data', data);
  assert.equal(r.code, 1);
  assert.match(wayOut(r, 'search'), /`citykb reindex --data [^`]+`/);
  assert.equal(run('reindex', '--data', data).code, 0);
  assert.equal(run('search', 'energie', '--data', data).code, 0, 'the way out works');

  // An empty store (a refused bundle leaves one): reindexing finds nothing and says to ingest.
  const empty = path.join(tmp, 'empty');
  const broken = path.join(tmp, 'broken.json');
  writeFileSync(broken, '{"city": {"slug": "x"}}');
  assert.equal(run('add', broken, '--data', empty).code, 1);
  const reindexed = run('reindex', '--data', empty);
  assert.equal(reindexed.code, 0, reindexed.err);
  assert.match(reindexed.out, /reindexed 0 documents[\s\S]*the store holds no records: load the corpus with `citykb ingest corpus --data [^`]+`/);
}));

test('missing or broken files name the command to run again', () => withTemp((tmp) => {
  const data = path.join(tmp, 'data');
  const cases = [
    { args: ['ingest', path.join(tmp, 'nowhere'), '--data', data], expect: /`citykb ingest corpus --data / },
    { args: ['coverage', path.join(tmp, 'nowhere')], expect: /`citykb coverage corpus`/ },
    { args: ['add', path.join(tmp, 'missing.json'), '--data', data], expect: /`citykb add corpus\/cities\/lyon\.json --data / },
    { args: ['ingest', '--check', path.join(tmp, 'missing.json')], expect: /`citykb ingest --check corpus\/cities\/lyon\.json`/ },
  ];
  const broken = path.join(tmp, 'broken.json');
  writeFileSync(broken, '{"city": {"slug": "x"}}');
  cases.push({ args: ['ingest', '--check', broken], expect: /`citykb ingest --check [^`]*broken\.json`/ });
  cases.push({ args: ['add', broken, '--data', data], expect: /`citykb add [^`]*broken\.json --data [^`]+` again \(nothing was written\)/ });
  for (const { args, expect } of cases) {
    const r = run(...args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
    assert.match(wayOut(r, args.join(' ')), expect);
  }
}));

test('citykb serve: a busy port, a missing token file, a bad public URL, no corpus', async () => withTemp(async (tmp) => {
  // A port that something else holds.
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address();
  try {
    const busy = run('serve', '--data', path.join(tmp, 'a'), '--port', String(port), '--corpus', path.join(tmp, 'none'));
    assert.equal(busy.code, 1);
    assert.match(wayOut(busy, 'busy port'), /`citykb serve --port \d+`/);
  } finally {
    blocker.close();
  }
  const token = run('serve', '--data', path.join(tmp, 'b'), '--port', '0', '--token-file', path.join(tmp, 'no-token'), '--corpus', path.join(tmp, 'none'));
  assert.equal(token.code, 2);
  assert.match(wayOut(token, 'token file'), /leave --token-file out/);
  const url = run('serve', '--data', path.join(tmp, 'c'), '--port', '0', '--public-url', 'ftp://x', '--corpus', path.join(tmp, 'none'));
  assert.equal(url.code, 2);
  assert.match(wayOut(url, 'public URL'), /`citykb serve --public-url https:/);

  // An empty store and no corpus folder: the server starts, and says how to fill it.
  const server = await startCitykb({ dataDir: path.join(tmp, 'd'), removeDataDir: false, web: null,
    corpus: path.join(tmp, 'none'), startTimeoutMs: 30000 });
  await server.stop();
  assert.match(server.log(), /the store is empty and there is no corpus folder .*--corpus DIR.*`citykb ingest DIR --data [^`]+`.*`citykb add FILE\.json`/);
}));
