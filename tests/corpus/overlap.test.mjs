// The corpus is written in the project's own words: no run of ten
// consecutive words of the source article may appear in any text of
// corpus/, except inside job titles (people's titles, which may be quoted
// wherever they occur) and the titles of sources (cited as such).
// The article itself is not part of the repository: its runs are kept as
// SHA-256 hashes in article-runs.sha256 (no text of it), checked against the
// article when it is present beside the repository (../shared/seeds/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { CORPUS, articlePath, decodeUtf8Strict, loadCorpus } from './lib.mjs';

const RUN = 10;

/** Splits a text into comparable words: accents, case, apostrophes and punctuation folded away. */
export function words(text) {
  return text
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function ngrams(tokens, n) {
  const out = new Set();
  for (let i = 0; i + n <= tokens.length; i++) out.add(tokens.slice(i, i + n).join(' '));
  return out;
}

/** Cuts a token list at every occurrence of an exempt phrase; returns the remaining segments. */
function segmentsOutside(tokens, exemptPhrases) {
  const cut = new Array(tokens.length).fill(false);
  for (const phrase of exemptPhrases) {
    if (phrase.length === 0) continue;
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((w, k) => tokens[i + k] === w)) for (let k = 0; k < phrase.length; k++) cut[i + k] = true;
    }
  }
  const segments = [];
  let current = [];
  tokens.forEach((t, i) => {
    if (cut[i]) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push(t);
  });
  if (current.length) segments.push(current);
  return segments;
}

const sha256 = (run) => createHash('sha256').update(run).digest('hex');

/** Returns the runs of RUN words of `text`, outside exempt phrases, whose hash is in `articleRuns`. */
export function copiedRuns(text, articleRuns, exemptPhrases) {
  const found = [];
  for (const seg of segmentsOutside(words(text), exemptPhrases)) {
    for (let i = 0; i + RUN <= seg.length; i++) {
      const run = seg.slice(i, i + RUN).join(' ');
      if (articleRuns.has(sha256(run))) found.push(run);
    }
  }
  return found;
}

/** Yields [pointer, string] for every string value of a JSON value. */
function* strings(value, pointer = '') {
  if (typeof value === 'string') yield [pointer, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], `${pointer}/${i}`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${pointer}/${k}`);
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const HASHES = new URL('./article-runs.sha256', import.meta.url);
const article = existsSync(articlePath()) ? decodeUtf8Strict(readFileSync(articlePath())) : null;
const hashesOf = (text) => [...new Set([...ngrams(words(text), RUN)].map(sha256))].sort();
if (article && process.env.CITYKB_WRITE_ARTICLE_RUNS === '1') writeFileSync(HASHES, hashesOf(article).join('\n') + '\n');
const articleRuns = new Set(readFileSync(HASHES, 'utf8').split('\n').filter(Boolean));
const corpus = loadCorpus();
// Phrases that may be quoted anywhere: people's job titles and source titles.
const exemptPhrases = [corpus.general, ...corpus.cities.map((c) => c.bundle)]
  .flatMap((b) => b.people ?? [])
  .flatMap((p) => [p.title.fr, p.title.en])
  .concat(corpus.sources.sources.map((s) => s.title))
  .map(words)
  .sort((a, b) => b.length - a.length);

/** Pointers whose whole value is exempt in a given file. */
function exemptPointer(file, pointer) {
  if (/^\/people\/\d+\/title\/(fr|en)$/.test(pointer)) return true;
  return path.basename(file) === 'sources.json' && /^\/sources\/\d+\/title$/.test(pointer);
}

test('the hashed runs are there and, when the article is present, in step with it', () => {
  assert.ok(articleRuns.size > 500, `only ${articleRuns.size} hashed runs`);
  if (article) assert.deepEqual([...articleRuns].sort(), hashesOf(article));
});

// Sentences of the article are taken from the article at run time, never written here.
const articleWords = article ? article.split(/\s+/).filter(Boolean) : [];

test('the detector catches a passage of the article pasted into a text', { skip: !article && 'article absent' }, () => {
  const passage = articleWords.slice(200, 216).join(' ');
  assert.ok(copiedRuns(`Contexte. ${passage}. Fin.`, articleRuns, exemptPhrases).length > 0);
  const curly = passage.replace(/'/g, '’').toUpperCase();
  assert.ok(copiedRuns(curly, articleRuns, exemptPhrases).length > 0, 'case and curly apostrophes are folded');
});

test('the detector lets a job title through but not what surrounds it when copied', { skip: !article && 'article absent' }, () => {
  const jobTitle = 'chargé de mission numérique et chef de projet smart city';
  assert.deepEqual(copiedRuns(`Laurent Deslattes, ${jobTitle}, dirige le programme.`, articleRuns, exemptPhrases), []);
  assert.ok(exemptPhrases.length > 0);
  const at = article.indexOf(jobTitle);
  assert.ok(at >= 0);
  const after = article.slice(at).split(/\s+/).slice(0, 22).join(' ');
  assert.ok(copiedRuns(after, articleRuns, exemptPhrases).length > 0);
});

test('no run of ten words of the article appears in corpus/ outside job titles', () => {
  const hits = [];
  for (const file of filesUnder(CORPUS)) {
    const rel = path.relative(CORPUS, file);
    const text = decodeUtf8Strict(readFileSync(file));
    const values = file.endsWith('.json') ? [...strings(JSON.parse(text))] : [['', text]];
    for (const [pointer, value] of values) {
      if (exemptPointer(file, pointer)) continue;
      for (const run of copiedRuns(value, articleRuns, exemptPhrases)) hits.push(`${rel}${pointer ? ` ${pointer}` : ''}: "${run}"`);
    }
  }
  assert.deepEqual(hits, [], `text copied from the article:\n${hits.join('\n')}`);
});
