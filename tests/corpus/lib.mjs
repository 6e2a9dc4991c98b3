// Shared helpers for the corpus tests: loading the corpus strictly, the
// JSON Schema validators (ajv) and the referential checks that a schema
// cannot express (people, sources, indicator names and units, taxonomy
// slugs, unique ids, date order), mirroring src/corpus/bundle_parser.cc.
// CITYKB_CORPUS_DIR=DIR checks another corpus directory than corpus/.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { createHash } from 'node:crypto';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The corpus directory: corpus/ of the repository, or CITYKB_CORPUS_DIR (e.g. a merged corpus to check before committing it). */
export const CORPUS = process.env.CITYKB_CORPUS_DIR ? path.resolve(process.env.CITYKB_CORPUS_DIR) : path.join(ROOT, 'corpus');
/** The JSON Schemas: always those of the repository, whichever corpus is checked. */
export const SCHEMAS = path.join(ROOT, 'corpus', 'schema');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'bundles');
export const SOURCE_ARTICLE_ID = 'article-chef-de-projet-smart-city';
export const TEST_SOURCE_ID = 'citykb-test-data';

/** Decodes bytes as UTF-8, throwing on any invalid sequence. */
export function decodeUtf8Strict(bytes) {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Reads a JSON file: invalid UTF-8 or invalid JSON throws. */
export function readJson(file) {
  return JSON.parse(decodeUtf8Strict(readFileSync(file)));
}

export function cityFiles(dir = CORPUS) {
  const cities = path.join(dir, 'cities');
  return readdirSync(cities)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(cities, f));
}

/** Loads the whole corpus: taxonomy, sources, indicator definitions, synonyms, general and cities. */
export function loadCorpus(dir = CORPUS) {
  const indicatorsFile = path.join(dir, 'indicators.json');
  return {
    dir,
    taxonomy: readJson(path.join(dir, 'taxonomy.json')),
    sources: readJson(path.join(dir, 'sources.json')),
    indicators: existsSync(indicatorsFile) ? readJson(indicatorsFile) : null,
    synonyms: readJson(path.join(dir, 'synonyms.json')),
    general: readJson(path.join(dir, 'general.json')),
    cities: cityFiles(dir).map((file) => ({ file, bundle: readJson(file) })),
  };
}

export const SCHEMA_NAMES = ['city-bundle', 'general', 'taxonomy', 'sources', 'indicators', 'synonyms'];

/** Builds ajv validators for every schema of corpus/schema/. */
export function makeValidators() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  for (const name of SCHEMA_NAMES) ajv.addSchema(readJson(path.join(SCHEMAS, `${name}.schema.json`)), name);
  const validators = {};
  for (const name of SCHEMA_NAMES) validators[name] = ajv.getSchema(name);
  return validators;
}

/**
 * The JSON pointer of the value an ajv error is about, as the C++ loader
 * names it: a missing property is named by its own pointer (ajv names the
 * object holding it), and so is an unknown one.
 */
export function errorPointer(e) {
  if (e.keyword === 'required') return `${e.instancePath}/${e.params.missingProperty}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${e.params.additionalProperty}`;
  return e.instancePath;
}

/** Formats ajv errors as "pointer: message" lines. */
export function formatErrors(errors) {
  return (errors ?? []).map((e) => `${errorPointer(e) || '/'}: ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`);
}

/** True for YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day (as IsPartialDate of the C++ loader). */
export function isPartialDate(s) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  if (m[2] === undefined) return true;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  const day = Number(m[3]);
  return day >= 1 && day <= days;
}

/** A source in a comparable form: the fields the loader keeps, unknown ones empty (`date` is the former `published`). */
export function normalSource(s) {
  const str = (v) => (typeof v === 'string' ? v : '');
  return JSON.stringify({
    id: str(s.id), url: str(s.url), title: str(s.title), publisher: str(s.publisher),
    published: str(s.published ?? s.date), kind: str(s.kind), lang: str(s.lang),
    note: { fr: str(s.note?.fr), en: str(s.note?.en) },
  });
}

/**
 * Where each source is defined: id -> [{where, owner, normal}], `where` a
 * file name, `owner` the city slug (null for sources.json and general.json).
 */
export function corpusSourceDefinitions({ sources, general, cities }) {
  const defs = new Map();
  const add = (s, where, owner) => {
    if (!defs.has(s.id)) defs.set(s.id, []);
    defs.get(s.id).push({ where, owner, normal: normalSource(s) });
  };
  for (const s of sources.sources) add(s, 'sources.json', null);
  for (const s of general?.sources ?? []) add(s, 'general.json', null);
  for (const { file, bundle } of cities ?? []) for (const s of bundle.sources ?? []) add(s, `cities/${path.basename(file)}`, bundle.city?.slug);
  return defs;
}

/**
 * Problems of sources defined in several files of the corpus with different
 * contents (the loader refuses them): a list of {file, path, reason}.
 */
export function sourceConflicts(corpus) {
  const problems = [];
  const seen = new Map(); // id -> {where, normal} of the first definition
  const visit = (list, where) => (list ?? []).forEach((s, i) => {
    const first = seen.get(s.id);
    if (!first) seen.set(s.id, { where, normal: normalSource(s) });
    else if (first.normal !== normalSource(s)) {
      problems.push({ file: where, path: `/sources/${i}`, reason: `source "${s.id}" is defined differently in ${first.where}` });
    }
  });
  visit(corpus.sources.sources, 'sources.json');
  visit(corpus.general?.sources, 'general.json');
  for (const { file, bundle } of corpus.cities) visit(bundle.sources, `cities/${path.basename(file)}`);
  return problems;
}

/** Context for referential checks, built from the taxonomy, sources.json and indicators.json. */
export function referenceContext({ taxonomy, sources, indicators, general }) {
  return {
    themes: new Set(taxonomy.themes.map((t) => t.slug)),
    stakeholders: new Set(taxonomy.stakeholders.map((s) => s.slug)),
    kinds: new Set(taxonomy.kinds.map((k) => k.slug)),
    sources: new Set(sources.sources.map((s) => s.id)),
    indicators: new Map((indicators?.indicators ?? []).map((d) => [d.name, d])),
    generalPeople: new Set((general?.people ?? []).map((p) => p.id)),
  };
}

/** Document id -> owning city slug (null for general.json), to refuse ids another city already uses. */
export function corpusDocumentOwners({ general, cities }) {
  const owners = new Map();
  for (const d of general.documents) owners.set(d.id, null);
  for (const { bundle } of cities) for (const d of bundle.documents) owners.set(d.id, bundle.city.slug);
  return owners;
}

/**
 * Checks what the schema cannot, as the C++ loader does: every person,
 * source (sources.json or the bundle's own `sources`), theme, stakeholder,
 * kind and indicator (corpus/indicators.json, with its unit) referred to
 * exists; ids are unique inside the bundle; an indicator's document is a
 * document of the bundle; dates name real days; a role does not end before
 * it starts; an observation (name, as_of, source) is not given twice.
 * With `ctx.corpusSources` (see corpusSourceDefinitions), a source the
 * bundle brings must equal its definition elsewhere in the corpus.
 * `isGeneral` allows people of general.json. Returns a list of {path, reason}.
 */
export function referenceErrors(bundle, ctx, { isGeneral = false } = {}) {
  const errors = [];
  const slug = bundle.city?.slug ?? null;
  const date = (value, at) => {
    if (typeof value === 'string' && !isPartialDate(value)) {
      errors.push({ path: at, reason: `must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got "${value}")` });
    }
  };
  const sources = new Set(ctx.sources);
  const own = new Set();
  (bundle.sources ?? []).forEach((s, i) => {
    const at = `/sources/${i}`;
    if (own.has(s.id)) errors.push({ path: `${at}/id`, reason: `duplicate source id "${s.id}"` });
    own.add(s.id);
    sources.add(s.id);
    date(s.published ?? s.date, `${at}/${s.published !== undefined ? 'published' : 'date'}`);
    const elsewhere = (ctx.corpusSources?.get(s.id) ?? []).find((d) => d.owner === null || d.owner !== slug);
    if (elsewhere && elsewhere.normal !== normalSource(s)) {
      errors.push({ path: at, reason: `source "${s.id}" is defined differently in ${elsewhere.where}` });
    }
  });
  const source = (id, at) => {
    if (typeof id === 'string' && !sources.has(id)) errors.push({ path: at, reason: `unknown source "${id}"` });
  };
  const people = new Set();
  (bundle.people ?? []).forEach((p, i) => {
    if (people.has(p.id)) errors.push({ path: `/people/${i}/id`, reason: `duplicate person id "${p.id}"` });
    people.add(p.id);
    (p.roles ?? []).forEach((r, j) => {
      const at = `/people/${i}/roles/${j}`;
      for (const key of ['from', 'to', 'as_of']) date(r[key], `${at}/${key}`);
      if (typeof r.from === 'string' && typeof r.to === 'string' && isPartialDate(r.from) && isPartialDate(r.to)
        && r.to < r.from.slice(0, r.to.length)) {
        errors.push({ path: `${at}/to`, reason: `is before "from" (${r.from})` });
      }
      source(r.source, `${at}/source`);
    });
  });
  const docs = new Set();
  (bundle.documents ?? []).forEach((d, i) => {
    const at = `/documents/${i}`;
    if (docs.has(d.id)) errors.push({ path: `${at}/id`, reason: `duplicate document id "${d.id}"` });
    const owner = ctx.corpusDocuments?.get(d.id);
    if (owner !== undefined && owner !== slug) {
      errors.push({ path: `${at}/id`, reason: `document id "${d.id}" is already used by ${owner ?? 'general.json'}` });
    }
    docs.add(d.id);
    if (!ctx.kinds.has(d.kind)) errors.push({ path: `${at}/kind`, reason: `unknown kind "${d.kind}"` });
    if (d.person !== undefined && !people.has(d.person) && !(isGeneral && ctx.generalPeople.has(d.person))) {
      errors.push({ path: `${at}/person`, reason: `unknown person "${d.person}"` });
    }
    source(d.source, `${at}/source`);
    (Array.isArray(d.sources) ? d.sources : []).forEach((id, j) => source(id, `${at}/sources/${j}`));
    date(d.as_of, `${at}/as_of`);
    date(d.date, `${at}/date`);
    (d.themes ?? []).forEach((t, j) => {
      if (!ctx.themes.has(t)) errors.push({ path: `${at}/themes/${j}`, reason: `unknown theme "${t}"` });
    });
    (d.stakeholders ?? []).forEach((s, j) => {
      if (!ctx.stakeholders.has(s)) errors.push({ path: `${at}/stakeholders/${j}`, reason: `unknown stakeholder "${s}"` });
    });
    (d.partners ?? []).forEach((p, j) => {
      if (p.stakeholder !== undefined && !ctx.stakeholders.has(p.stakeholder)) {
        errors.push({ path: `${at}/partners/${j}/stakeholder`, reason: `unknown stakeholder "${p.stakeholder}"` });
      }
    });
    if (d.budget) {
      date(d.budget.as_of, `${at}/budget/as_of`);
      source(d.budget.source, `${at}/budget/source`);
    }
  });
  const observations = new Set();
  (bundle.city?.indicators ?? []).forEach((ind, i) => {
    const at = `/city/indicators/${i}`;
    const def = ctx.indicators?.get(ind.name);
    if (ctx.indicators?.size && !def) {
      errors.push({ path: `${at}/name`, reason: `unknown indicator "${ind.name}" (indicators are defined in corpus/indicators.json)` });
    }
    if (def && ind.unit !== def.unit) errors.push({ path: `${at}/unit`, reason: `must be "${def.unit}", the unit of "${ind.name}"` });
    if (!ctx.indicators?.size && ind.label === undefined) {
      errors.push({ path: `${at}/label`, reason: 'is required when no indicator definitions are loaded' });
    }
    date(ind.as_of, `${at}/as_of`);
    source(ind.source, `${at}/source`);
    if (ind.document !== undefined && !docs.has(ind.document)) {
      errors.push({ path: `${at}/document`, reason: `unknown document "${ind.document}"` });
    }
    const key = JSON.stringify([ind.name, ind.as_of ?? '', ind.source]);
    if (observations.has(key)) errors.push({ path: at, reason: 'the same observation (name, as_of, source) is given twice' });
    observations.add(key);
  });
  return errors;
}

/**
 * Runs the whole verdict on a file, as the loader does: strict UTF-8, JSON,
 * schema, then references. Returns {stage, errors}; stage is "ok" when the
 * file is accepted, otherwise the first stage that refused it. Each error
 * has a `path`: the JSON pointer of the faulty value, as the C++ loader
 * names it.
 */
export function judgeBundleFile(file, validators, ctx) {
  let text;
  try {
    text = decodeUtf8Strict(readFileSync(file));
  } catch (e) {
    return { stage: 'utf8', errors: [{ path: '', reason: e.message }] };
  }
  let bundle;
  try {
    bundle = JSON.parse(text);
  } catch (e) {
    return { stage: 'json', errors: [{ path: '', reason: e.message }] };
  }
  const validate = validators['city-bundle'];
  if (!validate(bundle)) {
    return { stage: 'schema', errors: validate.errors.map((e) => ({ path: errorPointer(e), reason: e.message, keyword: e.keyword, params: e.params })) };
  }
  const refs = referenceErrors(bundle, ctx);
  if (refs.length) return { stage: 'references', errors: refs };
  return { stage: 'ok', errors: [] };
}

/** Path of the source article, beside the repository in ../shared/seeds. */
export function articlePath() {
  const candidates = [
    process.env.CITYKB_ARTICLE,
    path.join(ROOT, '..', 'shared', 'seeds', '000_bdbf4381c163bef1.txt'),
  ].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? candidates[candidates.length - 1];
}

// ---- own words: runs of RUN consecutive words, compared by their hashes ----

export const RUN = 10;

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

export const sha256 = (run) => createHash('sha256').update(run).digest('hex');

/** The sorted, distinct SHA-256 hashes of every run of RUN words of the texts, cut to `length` hex digits. */
export function runHashes(texts, length = 64) {
  const out = new Set();
  for (const text of texts) {
    const tokens = words(text);
    for (let i = 0; i + RUN <= tokens.length; i++) out.add(sha256(tokens.slice(i, i + RUN).join(' ')).slice(0, length));
  }
  return [...out].sort();
}

/** The text of a stored source page: the "URL: ..." line it starts with is not part of it. */
export function pageText(raw) {
  return raw.replace(/^URL: .*(\r?\n|$)/, '');
}
