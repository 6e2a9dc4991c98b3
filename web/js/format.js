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

// A partial ISO date of a fact or a source ("2017", "2017-09", "2017-09-15")
// as "2017", "septembre 2017" / "September 2017", "15 septembre 2017";
// '' for a missing value, the text itself when it is not such a date.
export function formatPartialDate(value) {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(value));
  if (!m) return String(value);
  const [, year, month, day] = m;
  if (!month) return year;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day || 1)));
  const options = { month: 'long', year: 'numeric', timeZone: 'UTC' };
  if (day) options.day = 'numeric';
  return new Intl.DateTimeFormat(locale(), options).format(date);
}

// The year of a partial ISO date, or NaN.
export function yearOf(value) {
  const m = /^(\d{4})/.exec(String(value || ''));
  return m ? Number(m[1]) : Number.NaN;
}

// A measured value: years stay as written (2011, not "2 011"), other numbers
// in the page's number format.
export function formatValue(value, unit) {
  if (typeof value === 'number' && /^years?$/.test(unit || '')) return String(value);
  return formatNumber(value);
}
