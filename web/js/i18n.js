// The interface language: which one is active, how it is chosen and
// remembered, and the translation function t(). Content language follows it
// (views pass getLang() to the API as `lang`).
import { MESSAGES } from './messages.js';

export const LANGS = ['fr', 'en'];
const STORAGE_KEY = 'citykb.lang';

let current = 'fr';

export function isLang(value) {
  return LANGS.includes(value);
}

// The language to use for a URL: its `lang` parameter if valid, else the one
// remembered from the last visit, else the browser's preference, else French.
export function resolveLang(urlLang) {
  if (isLang(urlLang)) return urlLang;
  const stored = readStored();
  if (isLang(stored)) return stored;
  const preferred = (navigator.languages || [navigator.language || ''])
    .map((l) => String(l).slice(0, 2).toLowerCase())
    .find(isLang);
  return preferred || 'fr';
}

export function getLang() {
  return current;
}

// Makes `lang` the active language, remembers it and sets <html lang>.
export function setLang(lang) {
  if (!isLang(lang)) return;
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage may be disabled (private mode): the URL still carries the language.
  }
}

export function otherLang(lang = current) {
  return lang === 'fr' ? 'en' : 'fr';
}

// The message `key` in the active language, with {name} placeholders filled
// from `vars`. A message may be a function of vars (plurals). Unknown keys
// fall back to French, then to the key itself.
export function t(key, vars = {}) {
  const message = MESSAGES[current][key] ?? MESSAGES.fr[key] ?? key;
  const text = typeof message === 'function' ? message(vars) : message;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// The `lang` version of a bilingual text {fr, en} (a plain string is returned
// as is); falls back to French when `fallback` is set, else ''.
export function localized(texts, lang, { fallback = false } = {}) {
  if (!texts) return '';
  if (typeof texts === 'string') return texts;
  return texts[lang] || (fallback ? texts.fr || texts.en || '' : '');
}

function readStored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
