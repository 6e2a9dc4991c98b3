// Shared helpers for the corpus tests: loading the corpus strictly, the
// JSON Schema validators (ajv) and the referential checks that a schema
// cannot express (people, sources, taxonomy slugs, unique ids).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = path.join(ROOT, 'corpus');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'bundles');
export const SOURCE_ARTICLE_ID = 'article-chef-de-projet-smart-city';

/** Decodes bytes as UTF-8, throwing on any invalid sequence. */
export function decodeUtf8Strict(bytes) {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Reads a JSON file: invalid UTF-8 or invalid JSON throws. */
export function readJson(file) {
  return JSON.parse(decodeUtf8Strict(readFileSync(file)));
}

export function cityFiles() {
  const dir = path.join(CORPUS, 'cities');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Loads the whole corpus: taxonomy, sources, synonyms, general and cities. */
export function loadCorpus() {
  return {
    taxonomy: readJson(path.join(CORPUS, 'taxonomy.json')),
    sources: readJson(path.join(CORPUS, 'sources.json')),
    synonyms: readJson(path.join(CORPUS, 'synonyms.json')),
    general: readJson(path.join(CORPUS, 'general.json')),
    cities: cityFiles().map((file) => ({ file, bundle: readJson(file) })),
  };
}

/** Builds ajv validators for every schema of corpus/schema/. */
export function makeValidators() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const dir = path.join(CORPUS, 'schema');
  const names = ['city-bundle', 'general', 'taxonomy', 'sources', 'synonyms'];
  for (const name of names) ajv.addSchema(readJson(path.join(dir, `${name}.schema.json`)), name);
  const validators = {};
  for (const name of names) validators[name] = ajv.getSchema(name);
  return validators;
}

/** Formats ajv errors as "path: message" lines. */
export function formatErrors(errors) {
  return (errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`);
}

/** Context for referential checks, built from the taxonomy and sources. */
export function referenceContext({ taxonomy, sources, general }) {
  return {
    themes: new Set(taxonomy.themes.map((t) => t.slug)),
    stakeholders: new Set(taxonomy.stakeholders.map((s) => s.slug)),
    kinds: new Set(taxonomy.kinds.map((k) => k.slug)),
    sources: new Set(sources.sources.map((s) => s.id)),
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
 * Checks what the schema cannot: every person, source, theme, stakeholder
 * and kind referred to exists; ids are unique inside the bundle; an
 * indicator's document is a document of the bundle. `isGeneral` allows
 * people of general.json. Returns a list of {path, reason}.
 */
export function referenceErrors(bundle, ctx, { isGeneral = false } = {}) {
  const errors = [];
  const people = new Set();
  (bundle.people ?? []).forEach((p, i) => {
    if (people.has(p.id)) errors.push({ path: `/people/${i}/id`, reason: `duplicate person id "${p.id}"` });
    people.add(p.id);
  });
  const docs = new Set();
  (bundle.documents ?? []).forEach((d, i) => {
    const at = `/documents/${i}`;
    if (docs.has(d.id)) errors.push({ path: `${at}/id`, reason: `duplicate document id "${d.id}"` });
    const owner = ctx.corpusDocuments?.get(d.id);
    if (owner !== undefined && owner !== (bundle.city?.slug ?? null)) {
      errors.push({ path: `${at}/id`, reason: `document id "${d.id}" is already used by ${owner ?? 'general.json'}` });
    }
    docs.add(d.id);
    if (!ctx.kinds.has(d.kind)) errors.push({ path: `${at}/kind`, reason: `unknown kind "${d.kind}"` });
    if (d.person !== undefined && !people.has(d.person) && !(isGeneral && ctx.generalPeople.has(d.person))) {
      errors.push({ path: `${at}/person`, reason: `unknown person "${d.person}"` });
    }
    if (!ctx.sources.has(d.source)) errors.push({ path: `${at}/source`, reason: `unknown source "${d.source}"` });
    (d.themes ?? []).forEach((t, j) => {
      if (!ctx.themes.has(t)) errors.push({ path: `${at}/themes/${j}`, reason: `unknown theme "${t}"` });
    });
    (d.stakeholders ?? []).forEach((s, j) => {
      if (!ctx.stakeholders.has(s)) errors.push({ path: `${at}/stakeholders/${j}`, reason: `unknown stakeholder "${s}"` });
    });
  });
  (bundle.city?.indicators ?? []).forEach((ind, i) => {
    const at = `/city/indicators/${i}`;
    if (!ctx.sources.has(ind.source)) errors.push({ path: `${at}/source`, reason: `unknown source "${ind.source}"` });
    if (ind.document !== undefined && !docs.has(ind.document)) {
      errors.push({ path: `${at}/document`, reason: `unknown document "${ind.document}"` });
    }
  });
  return errors;
}

/**
 * Runs the whole verdict on a file, as the loader does: strict UTF-8, JSON,
 * schema, then references. Returns {stage, errors}; stage is "ok" when the
 * file is accepted, otherwise the first stage that refused it.
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
    return { stage: 'schema', errors: validate.errors.map((e) => ({ path: e.instancePath, reason: e.message, keyword: e.keyword, params: e.params })) };
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
