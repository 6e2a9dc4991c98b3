// One search result (also used for similar records and city pages): kind,
// city, title linking to the document page, highlighted snippet, person and
// source. Titles and names go in as text; the snippet through snippetNodes.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { cityUrl, documentUrl, personUrl, sourceUrl } from '../links.js';
import { snippetNodes } from './snippet.js';
import { highlightNodes } from './highlight.js';
import { asOfBadge, sourceRef } from './source-ref.js';
import { formatPartialDate } from '../format.js';

export { cityUrl, documentUrl, personUrl, sourceUrl };

// A small coloured label for a document kind.
export function kindBadge(kind, label) {
  return h('span', { class: `badge badge--${kind}`, text: label });
}

// hit: an API hit; kindLabel(kind) -> label; headingLevel: 'h2' or 'h3';
// highlight: the searched text, whose words are marked in the title.
export function renderHit(hit, { lang, kindLabel, headingLevel = 'h3', showCity = true, highlight = '' }) {
  const sources = hit.sources || (hit.source ? [hit.source] : []);
  const meta = h('p', { class: 'hit__meta' },
    kindBadge(hit.kind, kindLabel(hit.kind)),
    showCity
      ? (hit.city
        ? h('a', { class: 'hit__city', href: cityUrl(hit.city.slug, lang) }, icon('city'), h('span', { text: hit.city.name }))
        : h('span', { class: 'hit__city hit__city--none' }, icon('city'), h('span', { text: t('hit.allCities') })))
      : null,
    factDate(hit));

  return h('article', { class: 'hit', dataset: { id: hit.id } },
    meta,
    h(headingLevel, { class: 'hit__title' }, h('a', { href: documentUrl(hit.id, lang) }, highlightNodes(hit.title, highlight))),
    hit.snippet ? h('p', { class: 'hit__snippet' }, snippetNodes(hit.snippet)) : null,
    h('div', { class: 'hit__foot' },
      hit.person
        ? h('p', { class: 'hit__person' }, icon('person'),
          h('span', {}, h('a', { class: 'hit__person-name', href: personUrl(hit.person.id, lang), text: hit.person.name }),
            hit.person.title ? `, ${hit.person.title}` : ''))
        : null,
      sources.length
        ? h('p', { class: 'hit__source' }, icon('source'),
          h('span', {}, h('span', { class: 'visually-hidden', text: `${t('hit.source')} ` }),
            sourceRef(sources[0], { lang }),
            sources.length > 1 ? h('span', { class: 'hit__more-sources', text: ` ${t('hit.moreSources', { count: sources.length - 1 })}` }) : null))
        : null));
}

// When the facts of a hit hold: a milestone's date, else "as of".
function factDate(hit) {
  if (hit.kind === 'milestone' && hit.date) {
    return h('span', { class: 'hit__date' }, h('time', { datetime: hit.date, text: formatPartialDate(hit.date) }));
  }
  return asOfBadge(hit.as_of);
}
