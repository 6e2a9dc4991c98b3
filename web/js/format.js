// Formatting of dates and numbers for the active language.
import { getLang } from './i18n.js';

const LOCALES = { fr: 'fr-FR', en: 'en-GB' };

export function locale() {
  return LOCALES[getLang()] || 'fr-FR';
}

// "26 novembre 2026" / "26 November 2026"; '' for a missing or bad date.
export function formatDate(value) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export function formatNumber(value) {
  if (typeof value !== 'number') return String(value ?? '');
  return new Intl.NumberFormat(locale()).format(value);
}
