// The citation of a document: its title, city and kind, citykb with the
// record's date, the source it was written from, and the permalink with the
// date it was consulted.
import { t } from '../i18n.js';
import { formatDate } from '../format.js';

// doc: the API document; lang: 'fr'|'en'; permalink: absolute URL;
// kindLabel: label of doc.kind; today: a Date (for "accessed on").
export function buildCitation(doc, { lang, permalink, kindLabel, today = new Date() }) {
  const title = (doc.title && (doc.title[lang] || doc.title.fr)) || doc.id;
  const quoted = lang === 'fr' ? `« ${title} »` : `“${title}”`;
  const where = [doc.city ? doc.city.name : t('hit.allCities'), kindLabel.toLocaleLowerCase(lang)].join(', ');
  const parts = [`${quoted} (${where}).`];
  const updated = formatDate(doc.updated_at);
  parts.push(updated ? `citykb, ${t('cite.updated', { date: updated })}.` : 'citykb.');
  if (doc.source && doc.source.title) parts.push(`${t('cite.source', { title: doc.source.title })}.`);
  parts.push(`${permalink} (${t('cite.accessed', { date: formatDate(today) })}).`);
  return parts.join(' ');
}
