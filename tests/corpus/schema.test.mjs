// The corpus validates against its JSON Schemas (ajv, independent of the
// C++ loader), every reference resolves, ids are unique across the corpus,
// and each broken bundle of tests/fixtures/bundles is refused for its one
// defect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  CORPUS, FIXTURES, SOURCE_ARTICLE_ID, corpusDocumentOwners, formatErrors, judgeBundleFile, loadCorpus,
  makeValidators, readJson, referenceContext, referenceErrors,
} from './lib.mjs';
import { defects } from '../fixtures/bundles/make-broken.mjs';

const corpus = loadCorpus();
const validators = makeValidators();
const ctx = referenceContext(corpus);

// The contract of PRODUCT.md, in its order.
const THEMES = ['governance', 'transversality', 'acculturation', 'partnerships', 'data', 'monitoring', 'energy',
  'mobility', 'education', 'culture', 'innovation', 'economic-development', 'citizen-participation',
  'territorial-cohesion', 'strategy'];
const STAKEHOLDERS = ['elected-officials', 'municipal-services', 'companies', 'citizens', 'higher-education-research',
  'industry', 'competitiveness-clusters', 'french-tech', 'civil-society'];
const KINDS = ['profile', 'role', 'practice', 'interview'];

function assertValid(name, data, label) {
  const validate = validators[name];
  assert.ok(validate(data), `${label} does not match ${name}.schema.json:\n${formatErrors(validate.errors).join('\n')}`);
}

const allBundles = [{ file: path.join(CORPUS, 'general.json'), bundle: corpus.general, isGeneral: true }, ...corpus.cities];

test('taxonomy, sources and synonyms match their schemas', () => {
  assertValid('taxonomy', corpus.taxonomy, 'taxonomy.json');
  assertValid('sources', corpus.sources, 'sources.json');
  assertValid('synonyms', corpus.synonyms, 'synonyms.json');
});

test('taxonomy slugs are exactly those of the contract, and the schema enums agree', () => {
  assert.deepEqual(corpus.taxonomy.themes.map((t) => t.slug), THEMES);
  assert.deepEqual(corpus.taxonomy.stakeholders.map((s) => s.slug), STAKEHOLDERS);
  assert.deepEqual(corpus.taxonomy.kinds.map((k) => k.slug), KINDS);
  const schema = readJson(path.join(CORPUS, 'schema', 'city-bundle.schema.json'));
  assert.deepEqual(schema.$defs.theme.enum, THEMES);
  assert.deepEqual(schema.$defs.stakeholder.enum, STAKEHOLDERS);
  assert.deepEqual(schema.$defs.kind.enum, KINDS);
  const families = new Set(corpus.taxonomy.themes.map((t) => t.family));
  for (const f of ['People', 'Planet', 'Prosperity', 'Governance', 'Propagation']) assert.ok(families.has(f), `no theme in family ${f}`);
});

test('synonyms: at least 20 groups, no expression in two groups', () => {
  const groups = corpus.synonyms.synonyms;
  assert.ok(groups.length >= 20, `${groups.length} groups`);
  const seen = new Map();
  groups.forEach((g, i) => g.forEach((e) => {
    const key = e.toLowerCase();
    assert.ok(!seen.has(key), `"${e}" is in groups ${seen.get(key)} and ${i}`);
    seen.set(key, i);
  }));
});

test('every city bundle matches city-bundle.schema.json and is named after its slug', () => {
  assert.deepEqual(corpus.cities.map((c) => path.basename(c.file)), ['grenoble.json', 'lyon.json', 'rennes.json']);
  for (const { file, bundle } of corpus.cities) {
    assertValid('city-bundle', bundle, path.basename(file));
    assert.equal(`${bundle.city.slug}.json`, path.basename(file));
  }
});

test('general.json matches general.schema.json', () => {
  assertValid('general', corpus.general, 'general.json');
});

test('every reference resolves: people, sources, themes, stakeholders, indicator documents', () => {
  for (const { file, bundle, isGeneral } of allBundles) {
    const errors = referenceErrors(bundle, ctx, { isGeneral });
    assert.deepEqual(errors, [], `${path.basename(file)}:\n${errors.map((e) => `${e.path}: ${e.reason}`).join('\n')}`);
  }
});

test('document ids and person ids are unique across the whole corpus', () => {
  for (const key of ['documents', 'people']) {
    const seen = new Map();
    for (const { file, bundle } of allBundles) {
      for (const record of bundle[key]) {
        assert.ok(!seen.has(record.id), `${key} id "${record.id}" in ${seen.get(record.id)} and ${path.basename(file)}`);
        seen.set(record.id, path.basename(file));
      }
    }
  }
});

test('every corpus record cites the article; the test source is cited by no corpus record', () => {
  for (const { file, bundle } of allBundles) {
    for (const d of bundle.documents) assert.equal(d.source, SOURCE_ARTICLE_ID, `${path.basename(file)} ${d.id}`);
    for (const i of bundle.city?.indicators ?? []) assert.equal(i.source, SOURCE_ARTICLE_ID, `${path.basename(file)} ${i.name}`);
  }
  const article = corpus.sources.sources.find((s) => s.id === SOURCE_ARTICLE_ID);
  assert.ok(article, 'the article is in sources.json');
  assert.equal(article.publisher, undefined, 'publisher unknown: left out');
  assert.equal(article.date, undefined, 'date unknown: left out');
});

test('each city has at least one document of each kind; interviews and city roles name their person', () => {
  for (const { file, bundle } of corpus.cities) {
    for (const kind of KINDS) {
      assert.ok(bundle.documents.some((d) => d.kind === kind), `${path.basename(file)} has no ${kind}`);
    }
    assert.equal(bundle.documents.filter((d) => d.kind === 'profile').length, 1, `${path.basename(file)}: one profile`);
    for (const d of bundle.documents) {
      if (d.kind === 'interview' || d.kind === 'role') assert.ok(d.person, `${d.id} has no person`);
      assert.ok(d.id.startsWith(`${bundle.city.slug}-`), `${d.id} does not start with its city slug`);
    }
  }
  for (const d of corpus.general.documents) assert.ok(d.id.startsWith('general-'), d.id);
});

test('the article\'s numbers are indicators, aligned by name across cities', () => {
  const byCity = Object.fromEntries(corpus.cities.map(({ bundle }) => [bundle.city.slug,
    Object.fromEntries((bundle.city.indicators ?? []).map((i) => [i.name, i]))]));
  const expect = (city, name, value, approximate) => {
    const i = byCity[city][name];
    assert.ok(i, `${city} has no indicator ${name}`);
    assert.equal(i.value, value, `${city} ${name}`);
    assert.equal(i.approximate ?? false, approximate, `${city} ${name} approximate`);
  };
  expect('grenoble', 'services-involved', 40, true);
  expect('grenoble', 'partners', 80, false);
  expect('grenoble', 'projects', 100, true);
  expect('rennes', 'steering-committee-meetings', 20, false);
  // One name, one meaning: the same label and unit wherever a name is used.
  const byName = new Map();
  for (const { bundle } of corpus.cities) {
    for (const i of bundle.city.indicators ?? []) {
      const shape = JSON.stringify([i.label, i.unit]);
      if (byName.has(i.name)) assert.equal(shape, byName.get(i.name), `indicator ${i.name} differs between cities`);
      byName.set(i.name, shape);
    }
  }
});

test('the coverage table of corpus/README.md names only existing records and every record', () => {
  const readme = readFileSync(path.join(CORPUS, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Coverage'));
  assert.ok(section.length > 100, 'corpus/README.md has a "## Coverage" section');
  const named = new Set([...section.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)*)`/g)].map((m) => m[1]));
  const ids = new Set(allBundles.flatMap(({ bundle }) => bundle.documents.map((d) => d.id)));
  const indicatorNames = new Set(corpus.cities.flatMap(({ bundle }) => (bundle.city.indicators ?? []).map((i) => i.name)));
  const people = new Set(allBundles.flatMap(({ bundle }) => bundle.people.map((p) => p.id)));
  for (const id of named) {
    assert.ok(ids.has(id) || indicatorNames.has(id) || people.has(id) || ctx.themes.has(id) || ctx.stakeholders.has(id),
      `coverage table names unknown record "${id}"`);
  }
  for (const id of ids) assert.ok(named.has(id), `record ${id} is missing from the coverage table`);
});

// ---- fixtures: one valid bundle, and broken copies with one defect each ----

const EXPECTED = {
  'unknown-theme.json': { stage: 'schema', path: '/documents/1/themes/0', keyword: 'enum' },
  'missing-language.json': { stage: 'schema', path: '/documents/0/body', keyword: 'required' },
  'wrong-type.json': { stage: 'schema', path: '/city/indicators/0/value', keyword: 'type' },
  'duplicate-id.json': { stage: 'references', path: '/documents/2/id', reason: /duplicate document id/ },
  'unknown-person.json': { stage: 'references', path: '/documents/2/person', reason: /unknown person/ },
  'bad-utf8.json': { stage: 'utf8' },
};

test('valid-bordeaux.json is accepted, is marked as test data and collides with nothing in the corpus', () => {
  const file = path.join(FIXTURES, 'valid-bordeaux.json');
  assert.deepEqual(judgeBundleFile(file, validators, ctx), { stage: 'ok', errors: [] });
  const bundle = readJson(file);
  assert.match(bundle.city.summary.fr, /test/i);
  assert.match(bundle.city.summary.en, /test/i);
  const ids = new Set(allBundles.flatMap(({ bundle: b }) => [...b.documents, ...b.people].map((r) => r.id)));
  for (const r of [...bundle.documents, ...bundle.people]) assert.ok(!ids.has(r.id), `${r.id} already in the corpus`);
  assert.ok(!corpus.cities.some(({ bundle: b }) => b.city.slug === bundle.city.slug));
});

test('the fixtures folder holds exactly the expected files, all listed in its README', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(files, ['valid-bordeaux.json', ...Object.keys(EXPECTED)].sort());
  const readme = readFileSync(path.join(FIXTURES, 'README.md'), 'utf8');
  for (const f of files) assert.ok(readme.includes(f), `${f} is not described in tests/fixtures/bundles/README.md`);
});

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`${name} is refused for its one defect`, () => {
    const verdict = judgeBundleFile(path.join(FIXTURES, name), validators, ctx);
    assert.equal(verdict.stage, expected.stage, JSON.stringify(verdict.errors));
    if (expected.path !== undefined) {
      const match = verdict.errors.find((e) => e.path === expected.path
        && (!expected.keyword || e.keyword === expected.keyword)
        && (!expected.reason || expected.reason.test(e.reason)));
      assert.ok(match, `no error at ${expected.path}: ${JSON.stringify(verdict.errors)}`);
    }
  });
}

test('each broken bundle is the valid one with exactly its one defect', () => {
  const valid = readJson(path.join(FIXTURES, 'valid-bordeaux.json'));
  for (const [name, breakIt] of Object.entries(defects)) {
    const expected = structuredClone(valid);
    breakIt(expected);
    assert.deepEqual(JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')), expected, `${name} (regenerate with make-broken.mjs)`);
  }
  // bad-utf8.json decodes, leniently, to the valid bundle with one replacement character.
  const lenient = JSON.parse(new TextDecoder('utf-8').decode(readFileSync(path.join(FIXTURES, 'bad-utf8.json'))));
  assert.equal(lenient.city.organisation, 'Bordeaux M\uFFFDtropole');
  lenient.city.organisation = valid.city.organisation;
  assert.deepEqual(lenient, valid);
});

test('the bundle schema is strict: it refuses what the loader must refuse', () => {
  const validate = validators['city-bundle'];
  const valid = readJson(path.join(FIXTURES, 'valid-bordeaux.json'));
  assert.ok(validate(valid));
  const refuses = (label, change) => {
    const b = structuredClone(valid);
    change(b);
    assert.equal(validate(b), false, `accepted: ${label}`);
  };
  refuses('an interview without a person', (b) => { delete b.documents[2].person; });
  refuses('a city field inside a document', (b) => { b.documents[0].city = 'bordeaux'; });
  refuses('updated_at in a document', (b) => { b.documents[0].updated_at = '2024-01-01'; });
  refuses('an unknown top-level field', (b) => { b.extra = true; });
  refuses('a third language', (b) => { b.documents[0].title.de = 'Titel'; });
  refuses('a blank English title', (b) => { b.documents[0].title.en = '   '; });
  refuses('an unknown kind', (b) => { b.documents[0].kind = 'news'; });
  refuses('an unknown stakeholder', (b) => { b.documents[0].stakeholders = ['startups']; });
  refuses('no theme at all', (b) => { b.documents[0].themes = []; });
  refuses('a theme twice', (b) => { b.documents[1].themes = ['energy', 'energy']; });
  refuses('an upper-case slug', (b) => { b.city.slug = 'Bordeaux'; });
  refuses('a document id with a space', (b) => { b.documents[0].id = 'bordeaux profile'; });
  refuses('a lower-case country code', (b) => { b.city.country = 'fr'; });
  refuses('a city without a summary', (b) => { delete b.city.summary; });
  refuses('a bundle without documents', (b) => { b.documents = []; });
  refuses('an indicator without a source', (b) => { delete b.city.indicators[0].source; });
  refuses('approximate as a string', (b) => { b.city.indicators[0].approximate = 'yes'; });
  refuses('a person without a title', (b) => { delete b.people[0].title; });
});

test('a bundle reusing a document id of another city is refused when checked against the corpus', () => {
  const owners = corpusDocumentOwners(corpus);
  const b = readJson(path.join(FIXTURES, 'valid-bordeaux.json'));
  assert.deepEqual(referenceErrors(b, { ...ctx, corpusDocuments: owners }), []);
  b.documents[0].id = 'lyon-profile';
  assert.match(referenceErrors(b, { ...ctx, corpusDocuments: owners })[0].reason, /already used by lyon/);
  // A city may be replaced by a new version of itself.
  const lyon = corpus.cities.find((c) => c.bundle.city.slug === 'lyon').bundle;
  assert.deepEqual(referenceErrors(lyon, { ...ctx, corpusDocuments: owners }), []);
});

test('the counts table of corpus/README.md matches the corpus', () => {
  const readme = readFileSync(path.join(CORPUS, 'README.md'), 'utf8');
  const rows = [['general (no city)', corpus.general, null],
    ...corpus.cities.map(({ bundle }) => [bundle.city.name, bundle, bundle.city.indicators ?? []])];
  for (const [label, bundle, indicators] of rows) {
    const count = (kind) => bundle.documents.filter((d) => d.kind === kind).length;
    const row = `| ${label} | ${KINDS.map(count).join(' | ')} | ${indicators ? indicators.length : '–'} |`;
    assert.ok(readme.includes(row), `corpus/README.md lacks the row ${row}`);
  }
});
