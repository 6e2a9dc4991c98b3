// The document page (permalink /documents/ID): title, the full text in
// both languages, a practice's good-practice sheet, its city, person (a
// link to their page), themes and stakeholders (as links to the filtered
// search), when its facts hold, its sources (each a link to its page), a
// Cite button, and similar records from other cities.
import { api, isAbort } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { localized, otherLang, t } from '../i18n.js';
import { formatDate, formatPartialDate } from '../format.js';
import { labelOf, loadTaxonomy } from '../taxonomy.js';
import { lastSearch, searchUrl, withLang } from '../state/url.js';
import { cityUrl, documentUrl, kindBadge, personUrl, renderHit } from '../components/hit.js';
import { renderPracticeSheet } from '../components/practice-sheet.js';
import { asOfText, sourceList } from '../components/source-ref.js';
import { buildCitation } from '../components/citation.js';
import { createCiteButton } from '../components/cite-button.js';
import { emptyBlock, errorBlock, loadingBlock } from '../components/states.js';

export default function createDocumentView(ctx) {
  const { lang } = ctx;
  const id = ctx.params[0];
  const controller = new AbortController();
  const el = h('div', { class: 'page doc-page' });

  load();

  async function load() {
    replace(el, backLinks(), h('h1', { class: 'visually-hidden', text: t('state.loading') }), loadingBlock(2));
    ctx.setTitle(t('state.loading'));
    try {
      const [doc, taxonomy] = await Promise.all([
        api.document(id, controller.signal),
        loadTaxonomy().catch(() => null),
      ]);
      render(doc, taxonomy);
      ctx.pageReady();
      loadSimilar(doc, taxonomy);
    } catch (error) {
      if (isAbort(error)) return;
      const missing = error.status === 404;
      ctx.setTitle(missing ? t('notFound.title') : t('error.title'));
      replace(el, backLinks(),
        h('h1', { text: missing ? t('notFound.title') : t('error.title') }),
        missing
          ? emptyBlock(t('doc.notFound'), h('p', {}, h('a', { href: searchUrl({}, lang), text: t('empty.browseAll') })))
          : errorBlock(error, { onRetry: load }));
      ctx.pageReady();
    }
  }

  function render(doc, taxonomy) {
    const title = localized(doc.title, lang, { fallback: true }) || doc.id;
    const kindLabel = labelOf(taxonomy && taxonomy.kinds, doc.kind, lang);
    ctx.setTitle(title);
    const other = otherLang(lang);

    const header = h('header', { class: 'doc__header' },
      h('p', { class: 'doc__meta' },
        kindBadge(doc.kind, kindLabel),
        doc.city
          ? h('a', { class: 'doc__city', href: cityUrl(doc.city.slug, lang) }, icon('city'), h('span', { text: doc.city.name }))
          : h('span', { class: 'doc__city doc__city--none' }, icon('city'), h('span', { text: t('hit.allCities') })),
        doc.kind === 'milestone' && doc.date
          ? h('span', { class: 'doc__date' }, h('time', { datetime: doc.date, text: formatPartialDate(doc.date) })) : null,
        doc.as_of ? h('span', { class: 'as-of doc__as-of' }, h('time', { datetime: doc.as_of, text: asOfText(doc.as_of) })) : null),
      h('h1', { class: 'doc__title', text: title }),
      createCiteButton(() => buildCitation(doc, {
        lang,
        kindLabel,
        permalink: new URL(documentUrl(doc.id, lang), location.origin).href,
      })));

    const texts = h('div', { class: 'doc__texts' },
      bodySection(doc, lang),
      doc.kind === 'practice' ? renderPracticeSheet(doc, { lang, taxonomy }) : null,
      bodySection(doc, other));
    const sources = doc.sources || (doc.source ? [doc.source] : []);

    const details = h('aside', { class: 'doc__details', 'aria-labelledby': 'doc-details' },
      h('h2', { id: 'doc-details', class: 'doc__details-title', text: t('doc.details') }),
      h('dl', {},
        detail(t('doc.city'), doc.city
          ? h('a', { href: cityUrl(doc.city.slug, lang), text: doc.city.name })
          : t('doc.allCities')),
        doc.person ? detail(t('doc.person'), personBlock(doc.person)) : null,
        doc.themes && doc.themes.length ? detail(t('doc.themes'), tagList('theme', doc.themes, taxonomy && taxonomy.themes)) : null,
        doc.stakeholders && doc.stakeholders.length
          ? detail(t('doc.stakeholders'), tagList('stakeholder', doc.stakeholders, taxonomy && taxonomy.stakeholders)) : null,
        sources.length
          ? detail(t('doc.sources', { count: sources.length }), sourceList(sources, { lang, withNotes: true })) : null),
      doc.updated_at
        ? h('p', { class: 'doc__edited' }, `${t('doc.edited')} `,
          h('time', { datetime: doc.updated_at, text: formatDate(doc.updated_at) }))
        : null);

    const similar = h('section', { class: 'doc__similar', 'aria-labelledby': 'doc-similar', dataset: { similar: '' } },
      h('h2', { id: 'doc-similar', text: t('doc.similar') }),
      h('div', { class: 'doc__similar-list' }, loadingBlock(2)));

    replace(el, backLinks(),
      h('article', { class: 'doc', dataset: { id: doc.id } }, header, h('div', { class: 'doc__grid' }, texts, details)),
      similar);
  }

  async function loadSimilar(doc, taxonomy) {
    const slot = el.querySelector('.doc__similar-list');
    try {
      const data = await api.similar(doc.id, lang, controller.signal);
      const kindLabel = (kind) => labelOf(taxonomy && taxonomy.kinds, kind, lang);
      replace(slot, data.hits && data.hits.length
        ? h('ul', { class: 'similar' }, data.hits.map((hit) => h('li', {}, renderHit(hit, { lang, kindLabel }))))
        : h('p', { class: 'muted', text: t('doc.similarNone') }));
    } catch (error) {
      if (isAbort(error)) return;
      replace(slot, errorBlock(error, { onRetry: () => loadSimilar(doc, taxonomy) }));
    }
  }

  function bodySection(doc, l) {
    const body = localized(doc.body, l);
    if (!body) return null;
    const headingId = `doc-text-${l}`;
    return h('section', { class: `doc__text doc__text--${l === lang ? 'primary' : 'secondary'}`, 'aria-labelledby': headingId },
      h('h2', { id: headingId, class: 'doc__text-lang', text: l === 'fr' ? t('doc.inFrench') : t('doc.inEnglish') }),
      l !== lang && localized(doc.title, l) ? h('p', { class: 'doc__text-title', lang: l, text: localized(doc.title, l) }) : null,
      h('div', { class: 'doc__body', lang: l }, paragraphs(body)));
  }

  function tagList(facet, slugs, map) {
    return h('ul', { class: 'tags' }, slugs.map((slug) => h('li', {},
      h('a', { class: 'tag', href: searchUrl({ [facet]: [slug] }, lang), text: labelOf(map, slug, lang) }))));
  }

  function personBlock(person) {
    return h('div', { class: 'person' },
      h('p', { class: 'person__name' }, h('a', { href: personUrl(person.id, lang), text: person.name })),
      localized(person.title, lang) ? h('p', { class: 'person__title', text: localized(person.title, lang) }) : null,
      person.organisation ? h('p', { class: 'person__org', text: person.organisation }) : null);
  }

  function backLinks() {
    const previous = lastSearch();
    return h('nav', { class: 'breadcrumb', 'aria-label': t('doc.back') },
      h('a', { href: previous ? withLang(previous, lang) : searchUrl({}, lang) },
        icon('arrowLeft'), h('span', { text: previous ? t('doc.back') : t('doc.toSearch') })));
  }

  return { el, destroy: () => controller.abort() };
}

function detail(term, value) {
  return h('div', { class: 'details__row' }, h('dt', { text: term }), h('dd', {}, value));
}

// Splits a text on blank lines into paragraphs (single line breaks kept as such).
function paragraphs(text) {
  return text.split(/\n\s*\n/).map((block) => {
    const p = h('p');
    block.split('\n').forEach((line, i) => {
      if (i > 0) p.append(h('br'));
      p.append(line);
    });
    return p;
  });
}
