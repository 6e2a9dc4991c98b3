// The sources page (/sources?q=…): every source the records cite, with a
// search box on title and publisher, the counts, and for each source its
// publisher, date, kind and how many records cite it; the corpus licence.
// State in the URL (q); data from GET /api/sources.
import { api, isAbort } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { formatNumber, formatPartialDate } from '../format.js';
import { navigate } from '../router.js';
import { withLang } from '../state/url.js';
import { sourceUrl } from '../links.js';
import { emptyBlock, errorBlock, loadingBlock } from '../components/states.js';

export default function createSourcesView(ctx) {
  const { lang } = ctx;
  let context = ctx;
  let q = (ctx.query.get('q') || '').trim();
  let controller = null;

  const inputId = uid('sources-q');
  const input = h('input', {
    id: inputId, class: 'input', type: 'search', name: 'q', value: q, autocomplete: 'off',
    placeholder: t('sources.searchPlaceholder'),
  });
  const form = h('form', {
    class: 'sources-search', role: 'search',
    on: { submit: (event) => { event.preventDefault(); go(input.value.trim()); } },
  },
  h('label', { for: inputId, class: 'field__label', text: t('sources.searchLabel') }),
  h('div', { class: 'compare-controls__row' }, input,
    h('button', { type: 'submit', class: 'button button--primary', text: t('sources.submit') })));
  const licence = h('p', { class: 'sources-licence' });
  const count = h('p', { class: 'results__count', role: 'status' });
  const list = h('div', { class: 'sources-list' }, loadingBlock(3));
  const el = h('div', { class: 'page sources-page' },
    h('h1', { text: t('sources.title') }),
    h('p', { class: 'page__lead', text: t('sources.lead') }),
    licence, form, count, list);

  load();

  function go(next) {
    const params = new URLSearchParams();
    if (next) params.set('q', next);
    navigate(withLang(`/sources?${params}`, lang));
  }

  async function load() {
    if (controller) controller.abort();
    controller = new AbortController();
    context.setTitle(q ? `« ${q} »` : null, t('sources.title'));
    input.value = q;
    el.setAttribute('aria-busy', 'true');
    try {
      const data = await api.sources({ q, lang }, controller.signal);
      render(data);
      context.pageReady();
    } catch (error) {
      if (isAbort(error)) return;
      count.textContent = '';
      replace(list, errorBlock(error, { onRetry: load }));
    } finally {
      el.removeAttribute('aria-busy');
    }
  }

  function render(data) {
    const sources = data.sources || [];
    replace(licence, licenceText(data.licence || 'CC BY 4.0'));
    const total = data.total ?? sources.length;
    count.textContent = [
      t('sources.count', { count: total, n: formatNumber(total), publishers: formatNumber(data.publishers ?? 0) }),
      q ? t('sources.forQuery', { q }) : null,
    ].filter(Boolean).join(' ');
    if (!sources.length) {
      replace(list, emptyBlock(t('sources.none')));
      return;
    }
    replace(list, h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': t('sources.caption') },
      h('table', { class: 'sources-table' },
        h('caption', { class: 'visually-hidden', text: t('sources.caption') }),
        h('thead', {}, h('tr', {}, ['title', 'publisher', 'published', 'kind', 'citations'].map((col) =>
          h('th', { scope: 'col', class: `sources-table__${col}`, text: t(`sources.col.${col}`) })))),
        h('tbody', {}, sources.map(row)))));
  }

  function row(source) {
    return h('tr', { dataset: { source: source.id } },
      h('th', { scope: 'row', class: 'sources-table__title' },
        h('a', { href: sourceUrl(source.id, lang), text: source.title || t('source.untitled') })),
      h('td', { class: 'sources-table__publisher', text: source.publisher || '' }),
      h('td', { class: 'sources-table__published' }, source.published
        ? h('time', { datetime: source.published, text: formatPartialDate(source.published) })
        : h('span', { class: 'muted', text: t('source.undated') })),
      h('td', { class: 'sources-table__kind', text: source.kind ? t(`source.kind.${source.kind}`) : '' }),
      h('td', { class: 'sources-table__citations', text: t('sources.citations', { count: source.citations || 0 }) }));
  }

  // "CC BY 4.0 (https://…)" as the licence name linked to its text.
  function licenceText(value) {
    const m = /^(.*?)\s*\((https?:[^)\s]+)\)\s*$/.exec(value);
    const name = m ? m[1] : value;
    const parts = t('sources.licence').split('{licence}');
    return [parts[0], m ? h('a', { href: m[2], rel: 'license', 'data-external': '', text: name }) : name, parts.slice(1).join('')];
  }

  return {
    el,
    update(next) {
      context = next;
      q = (next.query.get('q') || '').trim();
      load();
    },
    destroy() {
      if (controller) controller.abort();
    },
  };
}
