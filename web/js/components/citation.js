// The citation of a document, in the reader's language: its title, city and
// kind, when its facts hold, citykb with the date the record was last edited
// there, the real sources it was written from (publisher, title, date, URL),
// and the permalink with the date it was consulted.
import { t } from '../i18n.js';
import { formatDate, formatPartialDate } from '../format.js';

// doc: the API document; lang: 'fr'|'en'; permalink: absolute URL;
// kindLabel: label of doc.kind; today: a Date (for "accessed on").
export function buildCitation(doc, { lang, permalink, kindLabel, today = new Date() }) {
  const title = (doc.title && (doc.title[lang] || doc.title.fr)) || doc.id;
  const where = [doc.city ? doc.city.name : t('hit.allCities'), kindLabel.toLocaleLowerCase(lang)].join(', ');
  const parts = [`${quote(title, lang)} (${where}).`];
  if (doc.kind === 'milestone' && doc.date) parts.push(`${t('cite.date', { date: formatPartialDate(doc.date) })}.`);
  else if (doc.as_of) parts.push(`${t('facts.asOf', { date: formatPartialDate(doc.as_of) })}.`);
  const edited = formatDate(doc.updated_at);
  parts.push(edited ? `citykb, ${t('cite.edited', { date: edited })}.` : 'citykb.');
  const sources = doc.sources || (doc.source ? [doc.source] : []);
  if (sources.length) {
    const list = sources.map((s) => citeSource(s, lang)).join(lang === 'fr' ? ' ; ' : '; ');
    parts.push(`${t('cite.sources', { count: sources.length })} ${list}.`);
  }
  parts.push(`${permalink} (${t('cite.accessed', { date: formatDate(today) })}).`);
  return parts.join(' ');
}

// "Publisher, « Title », 15 septembre 2017, https://…".
export function citeSource(source, lang) {
  return [
    source.publisher,
    source.title ? quote(source.title, lang) : null,
    source.published ? formatPartialDate(source.published) : t('source.undated'),
    source.url,
  ].filter(Boolean).join(', ');
}

function quote(text, lang) {
  return lang === 'fr' ? `« ${text} »` : `“${text}”`;
}
