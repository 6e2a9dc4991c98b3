// The compare page: a cities × themes (or stakeholders, kinds) heat map
// whose cells open the filtered search, the practices and interview points
// of one theme side by side, and the cities' indicators aligned by name.
// State in the URL (state/compare-url.js); data from GET /api/compare.
import { api, isAbort, toQuery } from '../api.js';
import { h, icon, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { formatNumber } from '../format.js';
import { navigate } from '../router.js';
import { searchUrl } from '../state/url.js';
import { ORDERS, ROWS, apiCompareParams, compareUrl, readCompareState } from '../state/compare-url.js';
import { cityUrl, renderHit } from '../components/hit.js';
import { renderHeatmap } from '../components/heatmap.js';
import { renderIndicatorTable } from '../components/indicator-table.js';
import { createCityPicker } from '../components/city-picker.js';
import { errorBlock, loadingBlock } from '../components/states.js';
import { labelOf, loadTaxonomy } from '../taxonomy.js';

export default function createCompareView(ctx) {
  const { lang } = ctx;
  let context = ctx; // the latest router context (update() brings a new one)
  let state = readCompareState(ctx.query);
  let controller = null;
  let allCities = [];
  let populations = null; // Map slug -> inhabitants, for the size groups
  let shownTheme = ''; // the theme whose side-by-side view is on screen

  const picker = createCityPicker({ onChange: (cities) => go({ ...state, cities }) });
  const citiesBox = picker.el;
  const rowsId = uid('rows');
  const rowsSelect = h('select', { id: rowsId, class: 'select', on: { change: () => go({ ...state, rows: rowsSelect.value, theme: '' }) } },
    ROWS.map((r) => h('option', { value: r, text: t(`compare.rows.${r}`) })));
  const orderId = uid('order');
  const orderSelect = h('select', { id: orderId, class: 'select', on: { change: () => go({ ...state, order: orderSelect.value }) } },
    ORDERS.map((o) => h('option', { value: o, text: t(`compare.order.${o}`) })));
  const qId = uid('compare-q');
  const qInput = h('input', { id: qId, class: 'input', type: 'search', name: 'q', value: state.q, placeholder: t('compare.qPlaceholder') });
  const controls = h('form', {
    class: 'compare-controls',
    'aria-label': t('compare.controls'),
    on: { submit: (event) => { event.preventDefault(); go({ ...state, q: qInput.value.trim() }); } },
  },
  citiesBox,
  h('div', { class: 'compare-controls__field' }, h('label', { for: rowsId, text: t('compare.rowsLabel') }), rowsSelect),
  h('div', { class: 'compare-controls__field' }, h('label', { for: orderId, text: t('compare.orderLabel') }), orderSelect),
  h('div', { class: 'compare-controls__field compare-controls__query' },
    h('label', { for: qId, text: t('compare.qLabel') }),
    h('div', { class: 'compare-controls__row' }, qInput,
      h('button', { type: 'submit', class: 'button', text: t('compare.apply') }))));

  const matrixSlot = h('div', { class: 'compare__matrix' });
  const sideSlot = h('div', { class: 'compare__side' });
  const indicatorsSlot = h('div', { class: 'compare__indicators' });
  const el = h('div', { class: 'page compare-page' },
    h('h1', { text: t('compare.title') }),
    h('p', { class: 'page__lead', text: t('compare.lead') }),
    controls, matrixSlot, sideSlot, indicatorsSlot);

  load();

  function go(next) {
    navigate(compareUrl(next, lang));
  }

  async function load() {
    if (controller) controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    context.setTitle(t('compare.pageTitle'));
    rowsSelect.value = state.rows;
    orderSelect.value = state.order;
    qInput.value = state.q;
    const focus = focusedControl();
    el.setAttribute('aria-busy', 'true');
    if (!matrixSlot.firstChild) replace(matrixSlot, loadingBlock(1));
    try {
      const [cities, matrix, side, taxonomy, everyCity] = await Promise.all([
        allCities.length ? { cities: allCities } : api.cities(signal),
        api.compare(apiCompareParams(state, lang), signal),
        state.theme && state.rows === 'theme'
          ? api.compare({ view: 'side-by-side', theme: state.theme, cities: state.cities.join(','), q: state.q, lang }, signal)
          : null,
        loadTaxonomy().catch(() => null),
        // The size groups need every city's population: the matrix of a
        // selection has only the selected cities' indicators.
        populations || !state.cities.length ? null : api.compare({ lang }, signal).catch(() => null),
      ]);
      allCities = cities.cities || [];
      if (!populations && (everyCity || !state.cities.length)) populations = populationsOf(everyCity || matrix);
      picker.update(allCities, state.cities, populations);
      renderMatrix(matrix);
      renderSide(side, taxonomy);
      replace(indicatorsSlot, renderIndicatorTable(matrix, { lang }));
      restoreFocus(focus);
      // A newly chosen theme: bring its side-by-side view into sight and
      // move the focus to its heading (it opens far below the matrix).
      const sideHeading = side && state.theme !== shownTheme ? sideSlot.querySelector('h2') : null;
      shownTheme = side ? state.theme : '';
      if (sideHeading) {
        sideHeading.setAttribute('tabindex', '-1');
        sideHeading.scrollIntoView({ block: 'start' });
        sideHeading.focus({ preventScroll: true });
      }
      context.pageReady();
    } catch (error) {
      if (isAbort(error)) return;
      replace(matrixSlot, errorBlock(error, { onRetry: load }));
      replace(sideSlot);
      replace(indicatorsSlot);
    } finally {
      if (!signal.aborted) el.removeAttribute('aria-busy');
    }
  }

  function renderMatrix(matrix) {
    const rowLabel = t(`compare.row.${state.rows}`);
    replace(matrixSlot,
      h('section', { class: 'compare__section', 'aria-labelledby': 'compare-matrix' },
        h('div', { class: 'compare__section-head' },
          h('h2', { id: 'compare-matrix', text: t('compare.matrixTitle', { rows: rowLabel }) }),
          h('a', {
            class: 'button button--small',
            href: `/api/compare${toQuery({ ...apiCompareParams(state, lang), format: 'csv' })}`,
            download: 'citykb-compare.csv',
          }, icon('download'), h('span', { text: t('compare.csv') }))),
        renderHeatmap(matrix, {
          lang,
          rows: state.rows,
          order: state.order,
          cellHref: (city, value) => searchUrl({ q: state.q, city: [city], [state.rows]: [value] }, lang),
          sideHref: state.rows === 'theme' ? (value) => `${compareUrl({ ...state, theme: value }, lang)}#side-by-side` : null,
          selectedRow: state.theme,
        })));
  }

  function renderSide(side, taxonomy) {
    if (!side) {
      replace(sideSlot);
      return;
    }
    const label = (side.theme && side.theme.label) || labelOf(taxonomy && taxonomy.themes, state.theme, lang);
    const kindLabel = (kind) => labelOf(taxonomy && taxonomy.kinds, kind, lang);
    const columns = side.columns || [];
    replace(sideSlot, h('section', { class: 'compare__section', id: 'side-by-side', 'aria-labelledby': 'compare-side' },
      h('div', { class: 'compare__section-head' },
        h('h2', { id: 'compare-side', text: t('compare.sideTitle', { theme: label }) }),
        h('div', { class: 'compare__section-actions' },
          h('a', {
            class: 'button button--small',
            href: `/api/compare${toQuery({ view: 'side-by-side', theme: state.theme, cities: state.cities.join(','), q: state.q, lang, format: 'csv' })}`,
            download: `citykb-${state.theme}.csv`,
          }, icon('download'), h('span', { text: t('compare.csv') })),
          h('a', { class: 'button button--small', href: compareUrl({ ...state, theme: '' }, lang), text: t('compare.closeSide') }))),
      h('div', { class: 'side-by-side', dataset: { columns: String(columns.length) } }, columns.map((column) => {
        const headingId = uid('side-city');
        return h('section', { class: 'side-by-side__column', 'aria-labelledby': headingId },
          h('h3', { id: headingId, class: 'side-by-side__city' },
            h('a', { href: cityUrl(column.city.slug, lang), text: column.city.name })),
          sideList(t('compare.practices'), column.practices, kindLabel),
          sideList(t('compare.interviews'), column.interviews, kindLabel));
      }))));
  }

  function sideList(title, hits = [], kindLabel) {
    return h('div', { class: 'side-by-side__group' },
      h('h4', { text: `${title} (${formatNumber(hits.length)})` }),
      hits.length
        ? h('ul', { class: 'side-by-side__list' }, hits.map((hit) => h('li', {},
          renderHit(hit, { lang, kindLabel, headingLevel: 'h5', showCity: false }))))
        : h('p', { class: 'muted', text: t('compare.nothingKnown') }));
  }

  function focusedControl() {
    const active = document.activeElement;
    if (!active || !el.contains(active)) return null;
    if (active.dataset.city) return `input[data-city="${CSS.escape(active.dataset.city)}"]`;
    if (active.dataset.group) return `button[data-group="${CSS.escape(active.dataset.group)}"]`;
    if (active === rowsSelect || active === orderSelect || active === qInput || active === picker.filter) return null; // these stay in place
    return null;
  }

  function restoreFocus(selector) {
    if (!selector) return;
    const target = el.querySelector(selector);
    if (target) target.focus({ preventScroll: true });
  }

  // slug -> inhabitants, from the matrix's `population` indicator.
  function populationsOf(answer) {
    const row = (answer.indicators || []).find((r) => r.name === 'population');
    const out = new Map();
    for (const [slug, value] of Object.entries((row && row.values) || {})) if (typeof value === 'number') out.set(slug, value);
    return out;
  }

  return {
    el,
    update(next) {
      context = next;
      state = readCompareState(next.query);
      load();
    },
    destroy() {
      if (controller) controller.abort();
    },
  };
}
