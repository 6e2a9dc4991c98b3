// The engines compared on the judged set. Each takes the records and the
// judged queries and returns, per query id, the ranked record ids (at most
// ten, after the query's facet filters).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { passesFilters } from './records.mjs';

const DEPTH = 10;
const TEXT_FIELDS = ['title_fr', 'title_en', 'body_fr', 'body_en', 'names', 'extra_fr', 'extra_en'];

function filtered(ids, byId, filters) {
  return ids.filter((id) => passesFilters(byId.get(id), filters)).slice(0, DEPTH);
}

// MiniSearch with its default options (OR of the query words, BM25-like
// scoring, no fuzzy or prefix matching) over the same fields, titles
// boosted twice as citykb weighs them.
export function miniSearch(records, queries) {
  const index = new MiniSearch({ fields: TEXT_FIELDS, idField: 'id' });
  index.addAll(records);
  const byId = new Map(records.map((r) => [r.id, r]));
  const out = {};
  for (const q of queries) {
    const hits = index.search(q.q, { boost: { title_fr: 2, title_en: 2 } });
    out[q.id] = filtered(
      hits.map((h) => h.id),
      byId,
      q.filters,
    );
  }
  return out;
}

// The words of a query as FTS5's unicode61 tokenizer splits them, each
// quoted so that no word is read as FTS5 syntax.
function ftsWords(text) {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => `"${w.replaceAll('"', '""')}"`);
}

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

// SQLite FTS5 (unicode61, diacritics removed), ranked by bm25 with titles
// weighted twice; `mode` 'and' requires every word, 'or' any word. Runs
// Debian's sqlite3 command-line shell on a temporary database.
export function fts5(records, queries, mode) {
  const dir = mkdtempSync(join(tmpdir(), 'citykb-fts5-'));
  try {
    const lines = [
      `CREATE VIRTUAL TABLE docs USING fts5(${TEXT_FIELDS.join(', ')}, tokenize='unicode61 remove_diacritics 2');`,
      'CREATE TABLE ids(rowid INTEGER PRIMARY KEY, id TEXT);',
      'BEGIN;',
    ];
    records.forEach((r, i) => {
      lines.push(`INSERT INTO ids VALUES(${i + 1}, ${sqlString(r.id)});`);
      lines.push(
        `INSERT INTO docs(rowid, ${TEXT_FIELDS.join(', ')}) VALUES(${i + 1}, ${TEXT_FIELDS.map((f) => sqlString(r[f])).join(', ')});`,
      );
    });
    lines.push('COMMIT;', '.mode list', '.separator "\t"');
    const weights = TEXT_FIELDS.map((f) => (f.startsWith('title') ? '2.0' : '1.0')).join(', ');
    for (const q of queries) {
      const words = ftsWords(q.q);
      if (words.length === 0) continue;
      const match = words.join(mode === 'and' ? ' ' : ' OR ');
      lines.push(
        `SELECT ${sqlString(q.id)}, ids.id FROM docs JOIN ids ON ids.rowid = docs.rowid WHERE docs MATCH ${sqlString(match)} ORDER BY bm25(docs, ${weights}) LIMIT 300;`,
      );
    }
    const run = spawnSync('sqlite3', [join(dir, 'fts.db')], { input: lines.join('\n'), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`sqlite3 failed: ${run.stderr}`);
    const ranked = {};
    for (const line of run.stdout.split('\n')) {
      if (!line) continue;
      const [qid, id] = line.split('\t');
      (ranked[qid] ??= []).push(id);
    }
    const byId = new Map(records.map((r) => [r.id, r]));
    const out = {};
    for (const q of queries) out[q.id] = filtered(ranked[q.id] ?? [], byId, q.filters);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// citykb itself: a real `citykb serve` on a fresh data directory (the
// corpus is ingested at start) and an ephemeral loopback port, asked
// through the JSON API as the web page asks it.
export async function citykb(root, binary, queries) {
  const dataDir = mkdtempSync(join(tmpdir(), 'citykb-relevance-'));
  const env = { ...process.env };
  delete env.CITYKB_ADMIN_TOKEN;
  const child = spawn(
    binary,
    ['serve', '--host', '127.0.0.1', '--port', '0', '--data', dataDir, '--web', 'web', '--corpus', 'corpus'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  try {
    const base = await new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`citykb did not start in time:\n${log}`)), 60000);
      child.stdout.on('data', (chunk) => {
        seen += chunk;
        const m = /listening on (\S+):(\d+)/.exec(seen);
        if (m) {
          clearTimeout(timer);
          resolve(`http://${m[1]}:${m[2]}`);
        }
      });
      child.on('error', (e) => reject(new Error(`cannot run ${binary}: ${e.message}`)));
      child.on('exit', (code) => reject(new Error(`citykb exited with ${code}:\n${log}`)));
    });
    const out = {};
    for (const q of queries) {
      const params = new URLSearchParams({ q: q.q, lang: q.lang ?? 'fr', per_page: String(DEPTH) });
      for (const [facet, values] of Object.entries(q.filters ?? {})) for (const v of values) params.append(facet, v);
      const res = await fetch(`${base}/api/search?${params}`);
      if (!res.ok) throw new Error(`citykb answered ${res.status} to ${q.id}: ${await res.text()}`);
      const body = await res.json();
      out[q.id] = body.hits.map((h) => h.id).slice(0, DEPTH);
    }
    return out;
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
