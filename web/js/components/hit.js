// One search result (also used for similar records and city pages): kind,
// city, title linking to the document page, highlighted snippet, person and
// source. Titles and names go in as text; the snippet through snippetNodes.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { withLang } from '../state/url.js';
import { snippetNodes } from './snippet.js';

export function documentUrl(id, lang) {
  return withLang(`/documents/${encodeURIComponent(id)}`, lang);
}

export function cityUrl(slug, lang) {
  return withLang(`/cities/${encodeURIComponent(slug)}`, lang);
}

// A small coloured label for a document kind.
export function kindBadge(kind, label) {
  return h('span', { class: `badge badge--${kind}`, text: label });
}

// hit: an API hit; kindLabel(kind) -> label; headingLevel: 'h2' or 'h3'.
export function renderHit(hit, { lang, kindLabel, headingLevel = 'h3', showCity = true }) {
  const meta = h('p', { class: 'hit__meta' },
    kindBadge(hit.kind, kindLabel(hit.kind)),
    showCity
      ? (hit.city
        ? h('a', { class: 'hit__city', href: cityUrl(hit.city.slug, lang) }, icon('city'), h('span', { text: hit.city.name }))
        : h('span', { class: 'hit__city hit__city--none' }, icon('city'), h('span', { text: t('hit.allCities') })))
      : null);

  return h('article', { class: 'hit', dataset: { id: hit.id } },
    meta,
    h(headingLevel, { class: 'hit__title' }, h('a', { href: documentUrl(hit.id, lang), text: hit.title })),
    hit.snippet ? h('p', { class: 'hit__snippet' }, snippetNodes(hit.snippet)) : null,
    h('div', { class: 'hit__foot' },
      hit.person
        ? h('p', { class: 'hit__person' }, icon('person'),
          h('span', {}, h('span', { class: 'hit__person-name', text: hit.person.name }),
            hit.person.title ? `, ${hit.person.title}` : ''))
        : null,
      hit.source
        ? h('p', { class: 'hit__source' }, icon('source'),
          h('span', {}, h('span', { class: 'visually-hidden', text: `${t('hit.source')} ` }), hit.source.title))
        : null));
}
