// The page URLs of the app's records, each carrying the page language.
import { withLang } from './state/url.js';

const enc = encodeURIComponent;

export const documentUrl = (id, lang) => withLang(`/documents/${enc(id)}`, lang);
export const cityUrl = (slug, lang) => withLang(`/cities/${enc(slug)}`, lang);
export const sourceUrl = (id, lang) => withLang(`/sources/${enc(id)}`, lang);
export const personUrl = (id, lang) => withLang(`/people/${enc(id)}`, lang);
