// The page of one source (/sources/ID): its title, publisher, date, kind
// and language, a link to read it, its note in the page language, then the
// records and the indicator observations that cite it, each linked.
// Data from GET /api/sources/ID; an unknown id shows the not-found page.
import { api } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { t } from '../i18n.js';
import { formatPartialDate, formatValue } from '../format.js';
import { withLang } from '../state/url.js';
import { cityUrl, documentUrl } from '../links.js';
import { labelOf } from '../taxonomy.js';
import { kindBadge } from '../components/hit.js';
import { asOfText } from '../components/source-ref.js';
import { loadRecordPage } from '../components/record-page.js';

export default function createSourceView(ctx) {
  const { lang } = ctx;
  const id = ctx.params[0];
  const controller = new AbortController();
  const el = h('div', { class: 'page source-page' });

  loadRecordPage(ctx, el, {
    fetch: (signal) => api.source(id, lang, signal),
    render: (data, taxonomy) => render(data, taxonomy),
    backLink: () => backLink(),
    signal: controller.signal,
  });

  function render(data, taxonomy) {
    const source = data.source || {};
    const title = source.title || t('source.untitled');
    ctx.setTitle(title, t('sources.title'));
    const note = source.note ? (source.note[lang] || '') : '';
    const documents = data.documents || [];
    const indicators = data.indicators || [];

    const header = h('header', { class: 'source-page__header' },
      h('p', { class: 'source-page__kicker' }, icon('source'),
        h('span', { text: source.kind ? t(`source.kind.${source.kind}`) : t('sources.title') })),
      h('h1', { class: 'source-page__title', lang: source.lang && source.lang !== lang ? source.lang : null, text: title }),
      h('dl', { class: 'source-page__facts' },
        fact(t('source.publisher'), source.publisher),
        fact(t('source.published'), source.published
          ? h('time', { datetime: source.published, text: formatPartialDate(source.published) })
          : t('source.undated')),
        fact(t('source.kind'), source.kind ? t(`source.kind.${source.kind}`) : null),
        fact(t('source.lang'), source.lang ? t(`source.lang.${source.lang}`) : null)),
      note ? h('p', { class: 'source-page__note' }, h('strong', { text: `${t('source.note')}${lang === 'fr' ? ' : ' : ': '}` }), note) : null,
      source.url
        ? h('p', {}, h('a', { class: 'button button--primary', href: source.url, rel: 'noopener noreferrer', 'data-external': '' },
          h('span', { text: t('source.open') }), icon('arrowRight')))
        : null);

    const records = h('section', { class: 'source-page__section', 'aria-labelledby': 'source-docs' },
      h('h2', { id: 'source-docs', text: t('source.documents', { count: documents.length }) }),
      documents.length
        ? h('ul', { class: 'doc-list' }, documents.map((doc) => documentItem(doc, taxonomy)))
        : h('p', { class: 'muted', text: t('source.noDocuments') }));

    const figures = indicators.length
      ? h('section', { class: 'source-page__section', 'aria-labelledby': 'source-figures' },
        h('h2', { id: 'source-figures', text: t('source.indicators') }),
        h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': t('source.indicatorsTable') },
          h('table', { class: 'sources-table' },
            h('thead', {}, h('tr', {}, ['indicator', 'city', 'value', 'asOf', 'document'].map((col) =>
              h('th', { scope: 'col', text: t(`source.col.${col}`) })))),
            h('tbody', {}, indicators.map(indicatorRow)))))
      : null;

    replace(el, backLink(), h('article', { class: 'source-page__body' }, header, records, figures));
  }

  function documentItem(doc, taxonomy) {
    const when = doc.kind === 'milestone' && doc.date ? formatPartialDate(doc.date) : asOfText(doc.as_of);
    return h('li', { class: 'doc-list__item', dataset: { id: doc.id } },
      h('p', { class: 'doc-list__meta' },
        kindBadge(doc.kind, labelOf(taxonomy && taxonomy.kinds, doc.kind, lang)),
        doc.city ? h('a', { href: cityUrl(doc.city.slug, lang), text: doc.city.name }) : h('span', { text: t('hit.allCities') }),
        when ? h('span', { class: 'muted', text: when }) : null),
      h('a', { class: 'doc-list__title', href: documentUrl(doc.id, lang), text: titleOf(doc) }));
  }

  function indicatorRow(ind) {
    const label = (typeof ind.label === 'string' ? ind.label : ind.label && (ind.label[lang] || ind.label.fr)) || ind.name;
    const unit = ind.unit && lang === 'en' ? ` ${ind.unit}` : '';
    return h('tr', {},
      h('th', { scope: 'row', text: label }),
      h('td', {}, ind.city ? h('a', { href: cityUrl(ind.city, lang), text: ind.city_name || ind.city }) : ''),
      h('td', { class: 'sources-table__number' },
        ind.approximate ? h('abbr', { title: t('city.approximate'), text: '≈ ' }) : null,
        `${formatValue(ind.value, ind.unit)}${unit}`),
      h('td', { text: ind.as_of ? formatPartialDate(ind.as_of) : t('source.undated') }),
      h('td', {}, ind.document ? h('a', { href: documentUrl(ind.document, lang), text: t('city.seeDocument') }) : ''));
  }

  function titleOf(doc) {
    if (typeof doc.title === 'string') return doc.title;
    return (doc.title && (doc.title[lang] || doc.title.fr)) || doc.id;
  }

  function backLink() {
    return h('nav', { class: 'breadcrumb', 'aria-label': t('source.all') },
      h('a', { href: withLang('/sources', lang) }, icon('arrowLeft'), h('span', { text: t('source.all') })));
  }

  return { el, destroy: () => controller.abort() };
}

function fact(term, value) {
  if (!value) return null;
  return h('div', { class: 'source-page__fact' }, h('dt', { text: term }), h('dd', {}, value));
}
