// Checks city bundle files the way the corpus tests do, without the C++
// build: strict UTF-8, JSON, corpus/schema/city-bundle.schema.json (ajv) and
// the referential checks against corpus/taxonomy.json, corpus/sources.json
// plus the bundle's own sources, corpus/indicators.json (names and units),
// document ids already used by another city of corpus/, and sources the
// bundle brings that another file of the corpus defines differently.
// CITYKB_CORPUS_DIR=DIR checks against another corpus directory.
//   node tests/corpus/check-bundle.mjs FILE.json [FILE.json ...]
// Prints every problem with its JSON pointer; exits 1 if any file is refused.
import { corpusDocumentOwners, corpusSourceDefinitions, judgeBundleFile, loadCorpus, makeValidators, referenceContext } from './lib.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node tests/corpus/check-bundle.mjs FILE.json [FILE.json ...]');
  process.exit(2);
}
const validators = makeValidators();
const corpus = loadCorpus();
const ctx = { ...referenceContext(corpus), corpusDocuments: corpusDocumentOwners(corpus), corpusSources: corpusSourceDefinitions(corpus) };
let refused = 0;
for (const file of files) {
  const { stage, errors } = judgeBundleFile(file, validators, ctx);
  if (stage === 'ok') {
    console.log(`${file}: ok`);
    continue;
  }
  refused++;
  for (const e of errors) console.log(`${file}: ${stage}: ${e.path || '/'}: ${e.reason}`);
}
process.exit(refused ? 1 : 0);
