// The search page: search box, facets, active filters, results, sort and
// pagination. Its state lives in the URL: every change navigates to a new
// URL and the router calls update(), which fetches /api/search again.
import { api, isAbort, toQuery } from '../api.js';
import { h, icon, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { labelOf, loadTaxonomy } from '../taxonomy.js';
import {
  PER_PAGE_CHOICES, SORTS, activeFilterCount, apiSearchParams, clearFilters, hasCriteria, readSearchState,
  rememberSearch, searchUrl, toggleFilter,
} from '../state/url.js';
import { createSearchBox } from '../components/search-box.js';
import { renderFacets } from '../components/facets.js';
import { renderChips } from '../components/chips.js';
import { cityUrl, documentUrl, renderHit } from '../components/hit.js';
import { renderPagination } from '../components/pagination.js';
import { emptyBlock, errorBlock, loadingBlock } from '../components/states.js';
import { formatNumber } from '../format.js';
import { takeFlash } from '../state/writes.js';

const TAXONOMY_KEYS = { theme: 'themes', stakeholder: 'stakeholders', kind: 'kinds' };

export default function createSearchView(ctx) {
  const { lang } = ctx;
  let context = ctx; // the latest router context (update() brings a new one)
  let state = readSearchState(ctx.query);
  let data = null;
  let taxonomy = null;
  let controller = null;
  let pendingFocus = null;
  const expanded = new Set();
  const facetFilters = new Map(); // facet -> the text typed in its filter box

  const searchBox = createSearchBox({ value: state.q, lang, onSearch: (q) => go({ ...state, q, page: 1, spell: '' }), onPick });

  const cityLinks = h('nav', { class: 'hero__cities', 'aria-label': t('search.byCity') });
  const hero = h('section', { class: 'hero', 'aria-labelledby': 'search-title' },
    h('h1', { id: 'search-title', class: 'hero__title', text: t('search.title') }),
    h('p', { class: 'hero__lead', text: t('search.lead') }),
    searchBox.el,
    cityLinks);

  const filtersBodyId = uid('filters');
  const filtersToggle = h('button', {
    type: 'button', class: 'button filters__toggle', 'aria-expanded': 'false', 'aria-controls': filtersBodyId,
    on: { click: () => setFiltersOpen(filtersToggle.getAttribute('aria-expanded') !== 'true') },
  });
  const filtersBody = h('div', { id: filtersBodyId, class: 'filters__body' });
  const filtersHeadingId = uid('filters-heading');
  const aside = h('aside', { class: 'filters', 'aria-labelledby': filtersHeadingId },
    h('h2', { id: filtersHeadingId, class: 'filters__heading', text: t('facets.heading') }),
    filtersToggle,
    filtersBody);

  const count = h('p', { class: 'results__count', role: 'status' });
  const sortId = uid('sort');
  const sortSelect = h('select', { id: sortId, class: 'select', on: { change: () => go({ ...state, sort: sortSelect.value, page: 1 }) } },
    SORTS.map((s) => h('option', { value: s, text: t(`sort.${s}`) })));
  const perPageId = uid('per-page');
  const perPageSelect = h('select', { id: perPageId, class: 'select', on: { change: () => go({ ...state, perPage: Number(perPageSelect.value), page: 1 }) } },
    PER_PAGE_CHOICES.map((n) => h('option', { value: String(n), text: String(n) })));
  const exportSlot = h('p', { class: 'results__export' });
  const resultsHeadingId = uid('results-heading');
  const resultsHeading = h('h2', { id: resultsHeadingId, class: 'visually-hidden', tabindex: '-1', text: t('results.heading') });
  const chipsSlot = h('div', { class: 'results__chips' });
  const notices = h('div', { class: 'results__notices' });
  const list = h('div', { class: 'results__list' });
  const pager = h('div', { class: 'results__pager' });
  const results = h('section', { class: 'results', 'aria-labelledby': resultsHeadingId },
    resultsHeading,
    h('div', { class: 'results__toolbar' },
      count,
      h('div', { class: 'results__controls' },
        h('div', { class: 'results__sort' }, h('label', { for: sortId, text: t('sort.label') }), sortSelect),
        h('div', { class: 'results__sort' }, h('label', { for: perPageId, text: t('results.perPage') }), perPageSelect))),
    chipsSlot, notices, list, pager, exportSlot);

  const deleted = takeFlash('city-deleted');
  const el = h('div', { class: 'search-page' },
    deleted ? h('p', { class: 'notice notice--success', role: 'status', text: t('city.deleted', { city: deleted.name }) }) : null,
    hero, h('div', { class: 'search-layout' }, aside, results));

  load();

  function go(next) {
    navigate(searchUrl(next, lang));
  }

  function onPick(suggestion) {
    if (suggestion.type === 'title' && suggestion.id) navigate(documentUrl(suggestion.id, lang));
    else if (suggestion.type === 'city' && suggestion.id) navigate(cityUrl(suggestion.id, lang));
    else go({ ...state, q: suggestion.text, page: 1, spell: '' });
  }

  function setFiltersOpen(open) {
    filtersToggle.setAttribute('aria-expanded', String(open));
    aside.classList.toggle('filters--open', open);
  }

  async function load({ pageChanged = false } = {}) {
    if (controller) controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    context.setTitle(state.q ? t('search.titleQuery', { q: state.q }) : null, t('search.pageTitle'));
    sortSelect.value = state.sort;
    perPageSelect.value = String(state.perPage);
    el.classList.toggle('search-page--home', !hasCriteria(state));
    results.setAttribute('aria-busy', 'true');
    results.classList.add('is-busy');
    if (!data) replace(list, loadingBlock(4));
    try {
      const [answer, tax] = await Promise.all([
        api.search(apiSearchParams(state, lang), signal),
        loadTaxonomy().catch(() => null),
      ]);
      data = answer;
      taxonomy = tax;
      rememberSearch(searchUrl(state, lang));
      render();
      context.pageReady();
      if (pageChanged) {
        results.scrollIntoView({ block: 'start' });
        resultsHeading.focus({ preventScroll: true });
      }
    } catch (error) {
      if (isAbort(error)) return;
      data = null;
      count.textContent = t('results.failed');
      replace(chipsSlot);
      replace(notices);
      replace(pager);
      replace(list, errorBlock(error, { onRetry: () => load() }));
    } finally {
      if (!signal.aborted) {
        results.removeAttribute('aria-busy');
        results.classList.remove('is-busy');
      }
    }
  }

  function render() {
    const focus = pendingFocus || focusedControl();
    pendingFocus = null;
    const filters = activeFilterCount(state);

    count.textContent = countText();
    replace(filtersToggle, icon('filter'), h('span', { text: t('facets.toggle') }),
      filters ? h('span', { class: 'filters__badge', text: String(filters) }) : null);
    replace(filtersBody, renderFacets(data.facets, state, {
      expanded,
      filters: facetFilters,
      onToggle: (facet, value) => go(toggleFilter(state, facet, value)),
      onExpand: () => { pendingFocus = focusedControl(); render(); },
    }), h('button', {
      type: 'button',
      class: 'button button--primary filters__done',
      on: {
        click: () => {
          setFiltersOpen(false);
          results.scrollIntoView({ block: 'start' });
          resultsHeading.focus({ preventScroll: true });
        },
      },
      text: t('facets.show', { n: formatNumber(data.total), count: data.total }),
    }));
    replace(chipsSlot, renderChips(state, data.facets, {
      onRemove: (facet, value) => {
        pendingFocus = chipFocusAfterRemoval(facet, value);
        go(toggleFilter(state, facet, value));
      },
      onClear: () => {
        pendingFocus = { selector: 'input[type="search"]' };
        go(clearFilters(state));
      },
      fallbackLabel: (facet, value) => label(facet, value),
    }));
    replace(notices, renderNotices());
    replace(list, data.hits.length ? renderList() : renderEmpty());
    replace(pager, renderPagination({
      page: data.page, total: data.total, perPage: data.per_page, hrefFor: (page) => searchUrl({ ...state, page }, lang),
    }));
    replace(exportSlot, data.total ? renderExport() : null);
    renderCityLinks();
    restoreFocus(focus);
  }

  // The results on this page as CSV or JSON: the API's URL for the same search.
  function renderExport() {
    const params = apiSearchParams(state, lang);
    return [h('span', { class: 'results__export-label', text: t('results.export') }),
      h('a', { class: 'button button--small', href: `/api/search${toQuery({ ...params, format: 'csv' })}`, download: 'citykb-search.csv' },
        icon('download'), h('span', { text: 'CSV' })),
      h('a', { class: 'button button--small', href: `/api/search${toQuery(params)}`, download: 'citykb-search.json', type: 'application/json' },
        icon('download'), h('span', { text: 'JSON' }))];
  }

  // The words the results were found for: the corrected query when the
  // server corrected the spelling (and was not asked not to).
  function searchedText() {
    return corrected() ? data.suggestion : state.q;
  }

  function corrected() {
    return Boolean(data && data.suggestion && data.total > 0 && state.spell !== 'off');
  }

  function countText() {
    const n = formatNumber(data.total);
    const pages = Math.ceil(data.total / data.per_page);
    let text = data.total === 0 ? t('results.zero') : t('results.count', { n, count: data.total });
    if (state.q) text += ` ${t('results.forQuery', { q: searchedText() })}`;
    if (pages > 1) text += ` · ${t('results.pageOf', { page: data.page, pages })}`;
    return text;
  }

  function label(facet, value) {
    if (facet === 'city') return value;
    return labelOf(taxonomy && taxonomy[TAXONOMY_KEYS[facet]], value, lang);
  }

  function renderNotices() {
    const out = [];
    if (corrected()) {
      // The server searched the corrected words: say so, and offer the words as typed.
      out.push(h('p', { class: 'notice notice--hint correction' },
        h('span', { class: 'correction__shown' }, `${t('results.showingFor')} `, h('strong', { text: data.suggestion }), '. '),
        h('span', {}, `${t('results.insteadFor')} `,
          h('a', { href: searchUrl({ ...state, page: 1, spell: 'off' }, lang), class: 'correction__instead', text: state.q }), '.')));
    } else if (data.suggestion && data.total > 0) {
      out.push(h('p', { class: 'notice notice--hint' },
        `${t('results.didYouMean')} `,
        h('a', { href: searchUrl({ ...state, q: data.suggestion, page: 1, spell: '' }, lang), class: 'did-you-mean', text: data.suggestion }),
        ` ${t('results.didYouMeanEnd')}`));
    }
    if (data.relaxed) out.push(h('p', { class: 'notice', text: t('results.relaxed') }));
    if (data.expanded && data.expanded.length) {
      out.push(h('p', { class: 'notice notice--quiet', text: t('results.expanded', { words: data.expanded.join(', ') }) }));
    }
    return out;
  }

  function renderList() {
    const kindLabel = (kind) => label('kind', kind);
    return h('ol', { class: 'hits', start: String((data.page - 1) * data.per_page + 1) },
      data.hits.map((hit) => h('li', { class: 'hits__item' }, renderHit(hit, { lang, kindLabel, highlight: searchedText() }))));
  }

  function renderEmpty() {
    const filters = activeFilterCount(state);
    return emptyBlock(t('empty.title'),
      h('ul', { class: 'empty__tips' },
        data.suggestion ? h('li', {}, `${t('results.didYouMean')} `,
          h('a', { href: searchUrl({ ...state, q: data.suggestion, page: 1, spell: '' }, lang), text: data.suggestion }), ` ${t('results.didYouMeanEnd')}`) : null,
        filters ? h('li', {}, h('button', { type: 'button', class: 'link-button', on: { click: () => go(clearFilters(state)) }, text: t('empty.removeFilters') })) : null,
        state.q ? h('li', { text: t('empty.tryWords') }) : null,
        h('li', {}, h('a', { href: searchUrl({}, lang), text: t('empty.browseAll') }))));
  }

  function renderCityLinks() {
    if (hasCriteria(state)) {
      replace(cityLinks);
      return;
    }
    const cities = (data.facets.city || []).slice().sort((a, b) => a.label.localeCompare(b.label));
    replace(cityLinks, cities.length
      ? [h('span', { class: 'hero__cities-label', text: t('search.byCity') }),
        h('ul', {}, cities.map((c) => h('li', {},
          h('a', { class: 'city-pill', href: cityUrl(c.value, lang) },
            icon('city'), h('span', { text: c.label }), h('span', { class: 'city-pill__count', text: formatNumber(c.count) })))))]
      : []);
  }

  // Which control has the focus, as a selector to find it again after a re-render.
  function focusedControl() {
    const active = document.activeElement;
    if (!active || !el.contains(active)) return null;
    if (active.dataset.facet && active.dataset.value !== undefined && active.type === 'checkbox') {
      return { selector: `input[data-facet="${CSS.escape(active.dataset.facet)}"][data-value="${CSS.escape(active.dataset.value)}"]` };
    }
    if (active.dataset.more) return { selector: `[data-more="${CSS.escape(active.dataset.more)}"]` };
    if (active.dataset.facetFilter) return { selector: `[data-facet-filter="${CSS.escape(active.dataset.facetFilter)}"]` };
    if (active === perPageSelect) return null; // stays in place
    return null;
  }

  // After removing a chip, focus the chip that takes its place, else the previous one, else the search box.
  function chipFocusAfterRemoval(facet, value) {
    const chips = [...chipsSlot.querySelectorAll('.chip')];
    const index = chips.findIndex((c) => c.dataset.facet === facet && c.dataset.value === value);
    return { chipIndex: index };
  }

  function restoreFocus(focus) {
    if (!focus) return;
    let target = null;
    if (focus.selector) target = el.querySelector(focus.selector);
    if (focus.chipIndex !== undefined) {
      const chips = chipsSlot.querySelectorAll('.chip');
      target = chips[focus.chipIndex] || chips[focus.chipIndex - 1] || chipsSlot.querySelector('.chips__clear') || searchBox.input;
    }
    if (target) target.focus({ preventScroll: true });
  }

  return {
    el,
    update(next) {
      context = next;
      const previousPage = state.page;
      state = readSearchState(next.query);
      searchBox.setValue(state.q);
      load({ pageChanged: state.page !== previousPage });
    },
    destroy() {
      if (controller) controller.abort();
      searchBox.destroy();
    },
  };
}
