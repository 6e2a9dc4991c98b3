// The corpus validates against its JSON Schemas (ajv, independent of the
// C++ loader), every reference resolves (people, sources of sources.json or
// of the bundle, indicators of indicators.json with their units), ids are
// unique across the corpus, a source defined twice is defined identically,
// and each broken bundle of tests/fixtures/bundles is refused for its one
// defect at the JSON pointer the C++ loader names (tests/cli checks the C++
// side). CITYKB_CORPUS_DIR=DIR runs the same checks on another corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  CORPUS, FIXTURES, ROOT, SCHEMAS, SOURCE_ARTICLE_ID, TEST_SOURCE_ID, corpusDocumentOwners, corpusSourceDefinitions,
  formatErrors, isPartialDate, judgeBundleFile, loadCorpus, makeValidators, readJson, referenceContext,
  referenceErrors, sourceConflicts,
} from './lib.mjs';
import { VALID, defects, expected as EXPECTED } from '../fixtures/bundles/make-broken.mjs';

const corpus = loadCorpus();
const validators = makeValidators();
const ctx = referenceContext(corpus);
const corpusSources = corpusSourceDefinitions(corpus);

// The contract of PRODUCT.md, in its order.
const THEMES = ['governance', 'transversality', 'acculturation', 'partnerships', 'data', 'monitoring', 'energy',
  'mobility', 'education', 'culture', 'innovation', 'economic-development', 'citizen-participation',
  'territorial-cohesion', 'strategy', 'open-data', 'public-lighting', 'urban-operations', 'safety', 'water-waste',
  'digital-inclusion', 'ai-ethics', 'environment', 'digital-infrastructure'];
const STAKEHOLDERS = ['elected-officials', 'municipal-services', 'companies', 'citizens', 'higher-education-research',
  'industry', 'competitiveness-clusters', 'french-tech', 'civil-society', 'public-bodies'];
const KINDS = ['profile', 'role', 'practice', 'interview', 'milestone'];

function assertValid(name, data, label) {
  const validate = validators[name];
  assert.ok(validate(data), `${label} does not match ${name}.schema.json:\n${formatErrors(validate.errors).join('\n')}`);
}

// The corpus README is the repository's documentation: read from corpus/ of
// the repository even when CITYKB_CORPUS_DIR points at a candidate corpus.
const README = path.join(ROOT, 'corpus', 'README.md');

const allBundles = [{ file: path.join(CORPUS, 'general.json'), bundle: corpus.general, isGeneral: true }, ...corpus.cities];

test('taxonomy, sources, indicators and synonyms match their schemas', () => {
  assertValid('taxonomy', corpus.taxonomy, 'taxonomy.json');
  assertValid('sources', corpus.sources, 'sources.json');
  assert.ok(corpus.indicators, 'corpus/indicators.json exists');
  assertValid('indicators', corpus.indicators, 'indicators.json');
  assertValid('synonyms', corpus.synonyms, 'synonyms.json');
});

test('indicator names are unique in indicators.json and include the article\'s ones', () => {
  const names = corpus.indicators.indicators.map((d) => d.name);
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  for (const n of ['population', 'communes', 'programme-start', 'open-data-since', 'services-involved', 'partners', 'projects', 'steering-committee-meetings']) {
    assert.ok(names.includes(n), `indicators.json lacks ${n}`);
  }
});

test('source ids are unique in sources.json and dates name real days', () => {
  const ids = corpus.sources.sources.map((s) => s.id);
  assert.deepEqual(ids.filter((n, i) => ids.indexOf(n) !== i), []);
  for (const s of corpus.sources.sources) {
    const d = s.published ?? s.date;
    if (typeof d === 'string') assert.ok(isPartialDate(d), `${s.id}: ${d}`);
  }
});

test('taxonomy slugs are exactly those of the contract, and the schema enums agree', () => {
  assert.deepEqual(corpus.taxonomy.themes.map((t) => t.slug), THEMES);
  assert.deepEqual(corpus.taxonomy.stakeholders.map((s) => s.slug), STAKEHOLDERS);
  assert.deepEqual(corpus.taxonomy.kinds.map((k) => k.slug), KINDS);
  const schema = readJson(path.join(SCHEMAS, 'city-bundle.schema.json'));
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
  const files = corpus.cities.map((c) => path.basename(c.file));
  for (const f of ['grenoble.json', 'lyon.json', 'rennes.json']) assert.ok(files.includes(f), `no ${f}`);
  for (const { file, bundle } of corpus.cities) {
    assertValid('city-bundle', bundle, path.basename(file));
    assert.equal(`${bundle.city.slug}.json`, path.basename(file));
  }
});

test('general.json matches general.schema.json', () => {
  assertValid('general', corpus.general, 'general.json');
});

test('every reference resolves: people, sources, themes, stakeholders, indicators and their units, indicator documents', () => {
  for (const { file, bundle, isGeneral } of allBundles) {
    const errors = referenceErrors(bundle, { ...ctx, corpusSources }, { isGeneral });
    assert.deepEqual(errors, [], `${path.basename(file)}:\n${errors.map((e) => `${e.path}: ${e.reason}`).join('\n')}`);
  }
});

test('a source defined in several files (sources.json, bundles) is defined identically', () => {
  const problems = sourceConflicts(corpus);
  assert.deepEqual(problems, [], problems.map((p) => `${p.file} ${p.path}: ${p.reason}`).join('\n'));
});

test('a bundle citing a source that another bundle defines, or defining one differently, is refused', () => {
  const b = readJson(path.join(FIXTURES, VALID));
  const withSources = { ...ctx, corpusSources };
  assert.deepEqual(referenceErrors(b, withSources), []);
  // Resolution is per bundle: sources.json plus the bundle's own sources.
  const cited = structuredClone(b);
  cited.sources = [];
  assert.ok(referenceErrors(cited, withSources).some((e) => e.path === '/documents/1/sources/1' && /unknown source/.test(e.reason)));
  // The same id defined differently elsewhere in the corpus.
  const other = { ...ctx, corpusSources: corpusSourceDefinitions({ ...corpus, cities: [...corpus.cities,
    { file: 'elsewhere.json', bundle: { city: { slug: 'elsewhere' }, sources: [{ ...b.sources[0], title: 'Another title' }] } }] }) };
  assert.ok(referenceErrors(b, other).some((e) => e.path === '/sources/0' && /defined differently/.test(e.reason)));
  // A bundle redefining an article source identically is fine; differently, not.
  const article = corpus.sources.sources.find((s) => s.id === SOURCE_ARTICLE_ID);
  const same = structuredClone(b);
  same.sources.push(structuredClone(article));
  assert.deepEqual(referenceErrors(same, withSources), []);
  same.sources[1].url = 'https://example.org/elsewhere';
  assert.ok(referenceErrors(same, withSources).some((e) => e.path === '/sources/1'));
  // Duplicate ids inside one bundle.
  const twice = structuredClone(b);
  twice.sources.push(structuredClone(twice.sources[0]));
  assert.ok(referenceErrors(twice, withSources).some((e) => e.path === '/sources/1/id' && /duplicate source id/.test(e.reason)));
});

test('the referential checks refuse the rules a schema cannot express', () => {
  const valid = readJson(path.join(FIXTURES, VALID));
  const errorsOf = (change) => {
    const b = structuredClone(valid);
    change(b);
    return referenceErrors(b, ctx).map((e) => `${e.path}: ${e.reason}`);
  };
  assert.deepEqual(errorsOf(() => {}), []);
  assert.match(errorsOf((b) => { b.documents[3].date = '2019-02-29'; }).join(), /\/documents\/3\/date: must be a date/);
  assert.deepEqual(errorsOf((b) => { b.documents[3].date = '2020-02-29'; }), []);
  assert.match(errorsOf((b) => { b.city.indicators.push(structuredClone(b.city.indicators[1])); }).join(), /\/city\/indicators\/2: the same observation/);
  assert.deepEqual(errorsOf((b) => { b.city.indicators.push({ ...structuredClone(b.city.indicators[1]), as_of: '2024' }); }), []);
  // `to` compared at its own precision, as the loader does.
  assert.deepEqual(errorsOf((b) => { b.people[0].roles[0].from = '2018-06'; b.people[0].roles[0].to = '2018'; }), []);
  assert.match(errorsOf((b) => { b.people[0].roles[0].from = '2018-06'; b.people[0].roles[0].to = '2018-05'; }).join(), /roles\/0\/to: is before/);
  assert.match(errorsOf((b) => { b.documents[1].budget.source = 'nowhere'; }).join(), /\/documents\/1\/budget\/source: unknown source/);
  assert.match(errorsOf((b) => { b.people[0].roles[1].source = 'nowhere'; }).join(), /\/people\/0\/roles\/1\/source: unknown source/);
  assert.match(errorsOf((b) => { b.documents[2].source = 'nowhere'; }).join(), /\/documents\/2\/source: unknown source/);
  // Without indicators.json, an observation must carry its label.
  const bare = { ...ctx, indicators: new Map() };
  assert.deepEqual(referenceErrors(valid, bare).map((e) => e.path), ['/city/indicators/1/label']);
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

/** Every source id a bundle cites, with where: [pointer, id]. */
function* citations(bundle) {
  for (const [i, d] of bundle.documents.entries()) {
    if (d.source !== undefined) yield [`/documents/${i}/source`, d.source];
    for (const [j, id] of (d.sources ?? []).entries()) yield [`/documents/${i}/sources/${j}`, id];
    if (d.budget) yield [`/documents/${i}/budget/source`, d.budget.source];
  }
  for (const [i, ind] of (bundle.city?.indicators ?? []).entries()) yield [`/city/indicators/${i}/source`, ind.source];
  for (const [i, p] of bundle.people.entries()) for (const [j, r] of (p.roles ?? []).entries()) yield [`/people/${i}/roles/${j}/source`, r.source];
}

test('every document cites at least one source; the test sources are cited by no corpus record', () => {
  for (const { file, bundle } of allBundles) {
    for (const d of bundle.documents) {
      assert.ok((d.sources?.length ?? 0) > 0 || d.source, `${path.basename(file)} ${d.id} cites no source`);
    }
    for (const [pointer, id] of citations(bundle)) {
      assert.ok(!id.startsWith('citykb-test'), `${path.basename(file)} ${pointer} cites the test source ${id}`);
    }
    for (const s of bundle.sources ?? []) assert.ok(!s.id.startsWith('citykb-test'), `${path.basename(file)} defines ${s.id}`);
  }
  const article = corpus.sources.sources.find((s) => s.id === SOURCE_ARTICLE_ID);
  assert.ok(article, 'the article is in sources.json');
  assert.match(article.url, /^https:\/\//);
  assert.equal(article.published, null, 'publication date unknown: null');
  assert.ok(corpus.sources.sources.some((s) => s.id === TEST_SOURCE_ID), 'the test source is in sources.json');
});

test('milestones carry a date; practices alone carry a good-practice sheet', () => {
  for (const { file, bundle } of allBundles) {
    for (const d of bundle.documents) {
      if (d.kind === 'milestone') assert.ok(isPartialDate(d.date ?? ''), `${path.basename(file)} ${d.id}: date`);
      else assert.equal(d.date, undefined, `${path.basename(file)} ${d.id}: only a milestone has a date`);
    }
  }
});

// How many records of each kind a city should have is reported by `citykb
// coverage`; here, only the invariants.
test('each city has one profile and a role; interviews name their person, and most roles do; ids start with the slug', () => {
  for (const { file, bundle } of corpus.cities) {
    assert.ok(bundle.documents.some((d) => d.kind === 'role'), `${path.basename(file)} has no role`);
    assert.equal(bundle.documents.filter((d) => d.kind === 'profile').length, 1, `${path.basename(file)}: one profile`);
    for (const d of bundle.documents) {
      // A role names its holder when a source does; a post described without a name stays without one.
      if (d.kind === 'interview') assert.ok(d.person, `${d.id} has no person`);
      assert.ok(d.id.startsWith(`${bundle.city.slug}-`), `${d.id} does not start with its city slug`);
    }
  }
  for (const d of corpus.general.documents) assert.ok(d.id.startsWith('general-'), d.id);
});

test('the article\'s numbers are indicator observations citing the article, with the defined units', () => {
  const observations = (city) => corpus.cities.find(({ bundle }) => bundle.city.slug === city).bundle.city.indicators ?? [];
  const expect = (city, name, value, approximate) => {
    const i = observations(city).find((o) => o.name === name && o.source === SOURCE_ARTICLE_ID);
    assert.ok(i, `${city} has no observation of ${name} citing the article`);
    assert.equal(i.value, value, `${city} ${name}`);
    assert.equal(i.approximate ?? false, approximate, `${city} ${name} approximate`);
  };
  expect('grenoble', 'services-involved', 40, true);
  expect('grenoble', 'partners', 80, false);
  expect('grenoble', 'projects', 100, true);
  expect('rennes', 'steering-committee-meetings', 20, false);
  // One name, one meaning: the unit of indicators.json wherever a name is used,
  // and the label, when an observation repeats it, is the definition's.
  for (const { bundle } of corpus.cities) {
    for (const i of bundle.city.indicators ?? []) {
      const def = ctx.indicators.get(i.name);
      assert.ok(def, `${bundle.city.slug}: indicator ${i.name} is not defined`);
      assert.equal(i.unit, def.unit, `${bundle.city.slug} ${i.name}`);
      if (i.label) assert.deepEqual(i.label, def.label, `${bundle.city.slug} ${i.name}: label`);
    }
  }
});

test('the article\'s fact table of corpus/README.md names only existing records, and every record citing the article', () => {
  const readme = readFileSync(README, 'utf8');
  const heading = ['## The first article, fact by fact', '## Coverage'].find((h) => readme.includes(h));
  assert.ok(heading, 'corpus/README.md has a section listing the article\'s facts ("## The first article, fact by fact")');
  const rest = readme.slice(readme.indexOf(heading) + heading.length);
  const section = rest.slice(0, rest.search(/\n## /) < 0 ? rest.length : rest.search(/\n## /));
  const named = new Set([...section.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)*)`/g)].map((m) => m[1]));
  const ids = new Set(allBundles.flatMap(({ bundle }) => bundle.documents.map((d) => d.id)));
  const indicatorNames = new Set(corpus.cities.flatMap(({ bundle }) => (bundle.city.indicators ?? []).map((i) => i.name)));
  const people = new Set(allBundles.flatMap(({ bundle }) => bundle.people.map((p) => p.id)));
  for (const id of named) {
    assert.ok(ids.has(id) || indicatorNames.has(id) || people.has(id) || ctx.themes.has(id) || ctx.stakeholders.has(id),
      `coverage table names unknown record "${id}"`);
  }
  // The table covers the article: every record drawn from it is listed.
  const fromArticle = allBundles.flatMap(({ bundle }) => bundle.documents)
    .filter((d) => d.source === SOURCE_ARTICLE_ID || (d.sources ?? []).includes(SOURCE_ARTICLE_ID));
  assert.ok(fromArticle.length > 0);
  for (const d of fromArticle) assert.ok(named.has(d.id), `record ${d.id} is missing from the coverage table`);
});

// ---- fixtures: one valid bundle, and broken copies with one defect each ----

test(`${VALID} is accepted, is marked as test data, uses every new field and collides with nothing in the corpus`, () => {
  const file = path.join(FIXTURES, VALID);
  assert.deepEqual(judgeBundleFile(file, validators, { ...ctx, corpusSources, corpusDocuments: corpusDocumentOwners(corpus) }), { stage: 'ok', errors: [] });
  const bundle = readJson(file);
  assert.match(bundle.city.summary.fr, /test/i);
  assert.match(bundle.city.summary.en, /test/i);
  const ids = new Set(allBundles.flatMap(({ bundle: b }) => [...b.documents, ...b.people, ...(b.sources ?? [])].map((r) => r.id)));
  for (const r of [...bundle.documents, ...bundle.people, ...bundle.sources]) assert.ok(!ids.has(r.id), `${r.id} already in the corpus`);
  assert.ok(!corpus.cities.some(({ bundle: b }) => b.city.slug === bundle.city.slug));
  assert.ok(!corpus.sources.sources.some((s) => s.id === bundle.sources[0].id));
  // The fields the broken copies break are there.
  assert.deepEqual(bundle.documents.map((d) => d.kind), ['profile', 'practice', 'interview', 'milestone']);
  assert.ok(bundle.people[0].roles.length >= 2 && bundle.documents[1].budget && bundle.documents[1].partners);
  assert.equal(bundle.city.indicators[1].label, undefined, 'an observation without label: indicators.json gives it');
});

test('the fixtures folder holds exactly the expected files, all listed in its README with their pointer', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(files, [VALID, ...Object.keys(EXPECTED)].sort());
  assert.deepEqual(Object.keys(defects).sort(), Object.keys(EXPECTED).filter((f) => f !== 'bad-utf8.json').sort());
  const readme = readFileSync(path.join(FIXTURES, 'README.md'), 'utf8');
  for (const f of files) assert.ok(readme.includes(f), `${f} is not described in tests/fixtures/bundles/README.md`);
  for (const [f, e] of Object.entries(EXPECTED)) {
    if (e.pointer === '/') continue;
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${f}\``));
    assert.ok(row && row.includes(`\`${e.pointer}\``), `README row of ${f} does not give the pointer ${e.pointer}`);
  }
});

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`${name} is refused for its one defect, at ${expected.pointer}`, () => {
    const verdict = judgeBundleFile(path.join(FIXTURES, name), validators, { ...ctx, corpusSources });
    assert.equal(verdict.stage, expected.stage, JSON.stringify(verdict.errors));
    if (expected.stage === 'utf8') return;
    const match = verdict.errors.find((e) => e.path === expected.pointer
      && (!expected.keyword || e.keyword === expected.keyword)
      && (!expected.reason || expected.reason.test(e.reason)));
    assert.ok(match, `no error at ${expected.pointer}: ${JSON.stringify(verdict.errors)}`);
    // One defect: every error is about that one value (ajv may add the
    // enclosing anyOf/if that failed because of it).
    for (const e of verdict.errors) {
      assert.ok(e.path === expected.pointer || expected.pointer.startsWith(`${e.path}/`), `unexpected error ${JSON.stringify(e)}`);
    }
  });
}

test('each broken bundle is the valid one with exactly its one defect', () => {
  const valid = readJson(path.join(FIXTURES, VALID));
  for (const [name, breakIt] of Object.entries(defects)) {
    const expected = structuredClone(valid);
    breakIt(expected);
    assert.deepEqual(JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')), expected, `${name} (regenerate with make-broken.mjs)`);
  }
  // bad-utf8.json decodes, leniently, to the valid bundle with one replacement character.
  const lenient = JSON.parse(new TextDecoder('utf-8').decode(readFileSync(path.join(FIXTURES, 'bad-utf8.json'))));
  assert.equal(lenient.city.organisation, 'Testville M\uFFFDtropole');
  lenient.city.organisation = valid.city.organisation;
  assert.deepEqual(lenient, valid);
});

test('the bundle schema is strict: it refuses what the loader must refuse', () => {
  const validate = validators['city-bundle'];
  const valid = readJson(path.join(FIXTURES, VALID));
  assert.ok(validate(valid));
  const refuses = (label, change) => {
    const b = structuredClone(valid);
    change(b);
    assert.equal(validate(b), false, `accepted: ${label}`);
  };
  const accepts = (label, change) => {
    const b = structuredClone(valid);
    change(b);
    assert.ok(validate(b), `refused: ${label}: ${formatErrors(validate.errors).join('; ')}`);
  };
  refuses('an interview without a person', (b) => { delete b.documents[2].person; });
  refuses('a city field inside a document', (b) => { b.documents[0].city = 'testville'; });
  refuses('updated_at in a document', (b) => { b.documents[0].updated_at = '2024-01-01'; });
  refuses('an unknown top-level field', (b) => { b.extra = true; });
  refuses('a third language', (b) => { b.documents[0].title.de = 'Titel'; });
  refuses('a blank English title', (b) => { b.documents[0].title.en = '   '; });
  refuses('an unknown kind', (b) => { b.documents[0].kind = 'news'; });
  refuses('an unknown stakeholder', (b) => { b.documents[0].stakeholders = ['startups']; });
  refuses('no theme at all', (b) => { b.documents[0].themes = []; });
  refuses('a theme twice', (b) => { b.documents[1].themes = ['energy', 'energy']; });
  refuses('an upper-case slug', (b) => { b.city.slug = 'Testville'; });
  refuses('a document id with a space', (b) => { b.documents[0].id = 'testville profile'; });
  refuses('a lower-case country code', (b) => { b.city.country = 'fr'; });
  refuses('a city without a summary', (b) => { delete b.city.summary; });
  refuses('a bundle without documents', (b) => { b.documents = []; });
  refuses('an indicator without a source', (b) => { delete b.city.indicators[0].source; });
  refuses('approximate as a string', (b) => { b.city.indicators[0].approximate = 'yes'; });
  refuses('a person without a title', (b) => { delete b.people[0].title; });
  // Sources and time.
  refuses('a document citing no source', (b) => { delete b.documents[0].sources; });
  refuses('an empty list of sources', (b) => { b.documents[0].sources = []; });
  refuses('a source with an ftp address', (b) => { b.sources[0].url = 'ftp://example.org/x'; });
  refuses('a source address with a space', (b) => { b.sources[0].url = 'https://example.org/a b'; });
  refuses('a source of an unknown kind', (b) => { b.sources[0].kind = 'blog'; });
  refuses('a source without a kind', (b) => { delete b.sources[0].kind; });
  refuses('a source note as one string', (b) => { b.sources[0].note = 'mixed note'; });
  refuses('a published date as a number', (b) => { b.sources[0].published = 2019; });
  refuses('as_of in French format', (b) => { b.documents[0].as_of = '15/03/2021'; });
  refuses('a date on a profile', (b) => { b.documents[0].date = '2021'; });
  refuses('a milestone date of null', (b) => { b.documents[3].date = null; });
  refuses('a challenge on an interview', (b) => { b.documents[2].challenge = { fr: 'x', en: 'y' }; });
  refuses('partners on a milestone', (b) => { b.documents[3].partners = []; });
  refuses('a negative budget', (b) => { b.documents[1].budget.amount = -1; });
  refuses('a currency in lower case', (b) => { b.documents[1].budget.currency = 'eur'; });
  refuses('a budget without a source', (b) => { delete b.documents[1].budget.source; });
  refuses('a partner of an unknown stakeholder', (b) => { b.documents[1].partners[0].stakeholder = 'startups'; });
  refuses('a role without a source', (b) => { delete b.people[0].roles[0].source; });
  refuses('a role title as a string', (b) => { b.people[0].roles[0].title = 'Chef'; });
  refuses('an indicator without a unit', (b) => { delete b.city.indicators[1].unit; });
  accepts('the former single source', (b) => { delete b.documents[0].sources; b.documents[0].source = 'citykb-test-data'; });
  accepts('source and sources together', (b) => { b.documents[0].source = 'citykb-test-data'; });
  accepts('as_of null', (b) => { b.documents[0].as_of = null; });
  accepts('a source published null', (b) => { b.sources[0].published = null; });
  accepts('a source with the former date field', (b) => { delete b.sources[0].published; b.sources[0].date = '2019'; });
  accepts('a bundle with no sources of its own', (b) => { delete b.sources; for (const d of b.documents) d.sources = ['citykb-test-data']; });
  accepts('a day precision milestone', (b) => { b.documents[3].date = '2021-03-15'; });
  accepts('a year precision milestone', (b) => { b.documents[3].date = '2021'; });
});

test('a bundle reusing a document id of another city is refused when checked against the corpus', () => {
  const owners = corpusDocumentOwners(corpus);
  const b = readJson(path.join(FIXTURES, VALID));
  assert.deepEqual(referenceErrors(b, { ...ctx, corpusDocuments: owners }), []);
  b.documents[0].id = 'lyon-profile';
  assert.match(referenceErrors(b, { ...ctx, corpusDocuments: owners })[0].reason, /already used by lyon/);
  // A city may be replaced by a new version of itself.
  const lyon = corpus.cities.find((c) => c.bundle.city.slug === 'lyon').bundle;
  assert.deepEqual(referenceErrors(lyon, { ...ctx, corpusDocuments: owners, corpusSources }), []);
});

// The counts table of corpus/README.md, when it has one (the counts may
// instead live in COVERAGE.md, generated by `citykb coverage --markdown`):
// one column per kind it names, and every row it has is right.
const readme = readFileSync(README, 'utf8');
const countsHeader = readme.split('\n').find((l) => /^\| *\| profile \|/.test(l));
const countsColumns = countsHeader ? countsHeader.split('|').slice(2, -1).map((c) => c.trim()) : [];

test('the counts table of corpus/README.md, if any, matches the corpus', { skip: !countsHeader && 'no counts table in corpus/README.md' }, () => {
  for (const col of countsColumns) assert.ok(col === 'indicators' || KINDS.includes(col), `unknown column ${col}`);
  const rows = [['general (no city)', corpus.general, null],
    ...corpus.cities.map(({ bundle }) => [bundle.city.name, bundle, bundle.city.indicators ?? []])];
  for (const [label, bundle, indicators] of rows) {
    if (!readme.includes(`| ${label} |`)) continue;
    const row = `| ${label} | ${countsColumns.map((col) => (col === 'indicators'
      ? (indicators ? indicators.length : '–')
      : bundle.documents.filter((d) => d.kind === col).length)).join(' | ')} |`;
    assert.ok(readme.includes(row), `corpus/README.md lacks the row ${row}`);
  }
});
