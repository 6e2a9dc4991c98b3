// Regenerates tests/corpus/source-runs.sha256 from the texts of the source
// pages the corpus was written from (one UTF-8 .txt per page; a first line
// "URL: ..." is skipped). The pages stay outside the repository: only the
// hashes of their runs of ten words (folded by words() of lib.mjs) are
// committed, cut to their first 16 hex digits (64 bits; enough to tell
// ~10^5 runs apart, and no text can be read back from them).
//   node tests/corpus/make-source-runs.mjs /work/staging/pages [OUT]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeUtf8Strict, pageText, runHashes } from './lib.mjs';

export const HASH_LENGTH = 16;
export const SOURCE_RUNS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'source-runs.sha256');

/** Reads every .txt of a folder (sorted) as page texts. */
export function readPages(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => ({ file: f, text: pageText(decodeUtf8Strict(readFileSync(path.join(dir, f)))) }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, out = SOURCE_RUNS] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node tests/corpus/make-source-runs.mjs PAGES_DIR [OUT]');
    process.exit(2);
  }
  const pages = readPages(dir);
  const hashes = runHashes(pages.map((p) => p.text), HASH_LENGTH);
  writeFileSync(out, `${hashes.join('\n')}\n`);
  console.log(`${out}: ${hashes.length} runs of ${pages.length} pages`);
}
