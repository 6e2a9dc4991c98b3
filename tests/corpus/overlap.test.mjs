// The corpus is written in the project's own words: no run of ten
// consecutive words of the source article may appear in any text of
// corpus/, except inside job titles (people's titles, which may be quoted
// wherever they occur) and the titles of sources (cited as such).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
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

/** Returns the article runs of RUN words found in `text` outside exempt phrases. */
export function copiedRuns(text, articleRuns, exemptPhrases) {
  const found = [];
  for (const seg of segmentsOutside(words(text), exemptPhrases)) {
    for (let i = 0; i + RUN <= seg.length; i++) {
      const run = seg.slice(i, i + RUN).join(' ');
      if (articleRuns.has(run)) found.push(run);
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

const article = decodeUtf8Strict(readFileSync(articlePath()));
const articleRuns = ngrams(words(article), RUN);
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

test('the source article is there and long enough to compare against', () => {
  assert.ok(articleRuns.size > 500, `only ${articleRuns.size} runs read from ${articlePath()}`);
});

test('the detector catches a sentence of the article pasted into a text', () => {
  const pasted = 'Contexte. Le chef de projet doit aussi sensibiliser les différents services de la métropole aux enjeux de la smart city. Fin.';
  assert.ok(copiedRuns(pasted, articleRuns, exemptPhrases).length > 0);
  const curly = 'Historiquement, la smart city concerne plutôt les services urbains comme l’énergie ou les mobilités';
  assert.ok(copiedRuns(curly.toUpperCase(), articleRuns, exemptPhrases).length > 0, 'case and curly apostrophes are folded');
});

test('the detector lets a job title through but not what surrounds it when copied', () => {
  const title = 'Laurent Deslattes, chargé de mission numérique et chef de projet smart city, dirige le programme.';
  assert.deepEqual(copiedRuns(title, articleRuns, exemptPhrases), []);
  assert.ok(exemptPhrases.length > 0);
  const copiedAround = 'chargé de mission numérique et chef de projet smart city à Grenoble-Alpes Métropole, dont le plan ville intelligente est en cours';
  assert.ok(copiedRuns(copiedAround, articleRuns, exemptPhrases).length > 0);
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
