// The peer comparison: the judged set (tests/relevance/queries.json) run
// against citykb, MiniSearch and SQLite FTS5 (all-words and any-word) over
// the same records, scored with the same metrics, overall and per group.
//
//   node bench/relevance/compare.mjs [--out DIR] [--bin build/citykb] [--per-query] [--check]
//
// Prints a markdown table; writes DIR/results.json and DIR/results.md
// (default bench/relevance/). --per-query also prints, for each query where
// citykb scores below a peer on nDCG@5, the engines' first five. --check
// exits 1 unless citykb is ahead of (or level with) every peer on every
// metric overall and no more than 0.03 behind any peer in any group.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { citykb, fts5, miniSearch } from './engines.mjs';
import { scoreQuery, summarise } from './metrics.mjs';
import { loadRecords } from './records.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GROUPS = ['fr-keywords', 'fr-questions', 'en', 'typos-synonyms'];
const METRICS = [
  ['p1', 'P@1'],
  ['mrr', 'MRR@10'],
  ['ndcg', 'nDCG@5'],
  ['recall', 'Recall@5'],
  ['zero', 'zero-result'],
];

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const outDir = resolve(option('--out', join(ROOT, 'bench/relevance')));
const binary = resolve(option('--bin', process.env.CITYKB_BIN || join(ROOT, 'build/citykb')));
const queries = JSON.parse(readFileSync(join(ROOT, 'tests/relevance/queries.json'), 'utf8')).queries;
for (const q of queries) {
  if (!GROUPS.includes(q.group)) throw new Error(`query ${q.id}: group must be one of ${GROUPS.join(', ')}`);
  if (!q.grades) throw new Error(`query ${q.id}: no grades`);
}
const records = loadRecords(ROOT);

const started = Date.now();
const runs = {
  citykb: await citykb(ROOT, binary, queries),
  MiniSearch: miniSearch(records, queries),
  'FTS5 all words': fts5(records, queries, 'and'),
  'FTS5 any word': fts5(records, queries, 'or'),
};
const seconds = (Date.now() - started) / 1000;

const scores = {};
for (const [engine, ranked] of Object.entries(runs)) {
  scores[engine] = Object.fromEntries(queries.map((q) => [q.id, scoreQuery(ranked[q.id] ?? [], q.grades)]));
}
const table = {};
for (const engine of Object.keys(runs)) {
  table[engine] = { overall: summarise(queries.map((q) => scores[engine][q.id])) };
  for (const g of GROUPS) {
    table[engine][g] = summarise(queries.filter((q) => q.group === g).map((q) => scores[engine][q.id]));
  }
}

const fixed = (v) => v.toFixed(3);
const counts = Object.fromEntries(['overall', ...GROUPS].map((g) => [g, table.citykb[g].queries]));
let md = '';
for (const scope of ['overall', ...GROUPS]) {
  md += `\n**${scope}** (${counts[scope]} queries)\n\n`;
  md += `| engine | ${METRICS.map((m) => m[1]).join(' | ')} |\n`;
  md += `| --- | ${METRICS.map(() => '---:').join(' | ')} |\n`;
  for (const engine of Object.keys(runs)) {
    const s = table[engine][scope];
    md += `| ${engine} | ${METRICS.map(([k]) => (k === 'zero' ? String(s[k]) : fixed(s[k]))).join(' | ')} |\n`;
  }
}
const date = new Date().toISOString().slice(0, 10);
const header =
  `Judged set: ${queries.length} queries, ${records.length} records ` +
  `(tests/relevance/queries.json); measured ${date} with \`node bench/relevance/compare.mjs\`.\n`;
console.log(header + md);
console.log(`(${seconds.toFixed(1)} s for the four engines)`);

if (process.argv.includes('--per-query')) {
  for (const q of queries) {
    const mine = scores.citykb[q.id].ndcg;
    const worse = Object.keys(runs).filter((e) => e !== 'citykb' && scores[e][q.id].ndcg > mine + 1e-9);
    if (worse.length === 0) continue;
    console.log(`\n${q.id} [${q.group}] "${q.q}" citykb nDCG@5 ${fixed(mine)}`);
    for (const e of ['citykb', ...worse]) {
      const top = runs[e][q.id].slice(0, 5).map((id) => `${id}(${q.grades[id] ?? 0})`);
      console.log(`  ${e} ${fixed(scores[e][q.id].ndcg)}: ${top.join(' ') || '(no hits)'}`);
    }
  }
}

const rounded = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
const json = {
  date,
  command: 'node bench/relevance/compare.mjs',
  queries: queries.length,
  records: records.length,
  engines: Object.fromEntries(
    Object.entries(table).map(([e, scopes]) => [
      e,
      Object.fromEntries(Object.entries(scopes).map(([k, s]) => [k, rounded(s)])),
    ]),
  ),
};
writeFileSync(join(outDir, 'results.json'), JSON.stringify(json, null, 2) + '\n');
writeFileSync(join(outDir, 'results.md'), header + md);

if (process.argv.includes('--check')) {
  const shortfalls = [];
  for (const engine of Object.keys(runs).filter((e) => e !== 'citykb')) {
    for (const scope of ['overall', ...GROUPS]) {
      const margin = scope === 'overall' ? 0 : 0.03;
      for (const [k, name] of METRICS.filter(([k]) => k !== 'zero')) {
        const behind = table[engine][scope][k] - table.citykb[scope][k];
        if (behind > margin + 1e-9) {
          const mine = fixed(table.citykb[scope][k]);
          shortfalls.push(`${scope} ${name}: citykb ${mine}, ${engine} ${fixed(table[engine][scope][k])}`);
        }
      }
    }
  }
  for (const s of shortfalls) console.error(`behind a peer: ${s}`);
  process.exit(shortfalls.length ? 1 : 0);
}
