// The timeline page (/timeline): the cities' milestones on one time axis,
// who did what first, filtered by cities and themes (kept in the URL, see
// state/timeline-url.js). A chart on wide screens, a list by year on
// phones. Data from GET /api/timeline.
import { api, isAbort } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { formatNumber, formatPartialDate } from '../format.js';
import { navigate } from '../router.js';
import { labelOf, loadTaxonomy } from '../taxonomy.js';
import { documentUrl } from '../links.js';
import { apiTimelineParams, readTimelineState, timelineUrl } from '../state/timeline-url.js';
import { firstsByTheme, renderTimelineChart, renderTimelineList } from '../components/timeline-chart.js';
import { emptyBlock, errorBlock, loadingBlock } from '../components/states.js';

export default function createTimelineView(ctx) {
  const { lang } = ctx;
  let context = ctx;
  let state = readTimelineState(ctx.query);
  let controller = null;
  let choices = null; // {cities: [{value, label}], themes: [{value, label}]}
  let taxonomy = null;
  const open = new Set(); // filter groups left open by the reader

  const filters = h('form', { class: 'compare-controls timeline-filters', 'aria-label': t('timeline.filters'), on: { submit: (e) => e.preventDefault() } });
  const count = h('p', { class: 'results__count', role: 'status' });
  const firstsSlot = h('div', { class: 'timeline-firsts' });
  const chartSlot = h('div', { class: 'timeline__body' }, loadingBlock(2));
  const el = h('div', { class: 'page timeline-page' },
    h('h1', { text: t('timeline.title') }),
    h('p', { class: 'page__lead', text: t('timeline.lead') }),
    filters, count, chartSlot, firstsSlot);

  load();

  function go(next) {
    navigate(timelineUrl(next, lang));
  }

  async function load() {
    if (controller) controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    context.setTitle(t('timeline.title'));
    el.setAttribute('aria-busy', 'true');
    const focus = focusedFilter();
    try {
      const [data, all, cities, tax] = await Promise.all([
        api.timeline(apiTimelineParams(state, lang), signal),
        choices ? null : api.timeline({ lang }, signal),
        choices ? null : api.cities(signal),
        loadTaxonomy().catch(() => null),
      ]);
      taxonomy = tax;
      if (!choices) choices = buildChoices(all.milestones || [], cities.cities || []);
      renderFilters();
      render(data.milestones || []);
      restoreFocus(focus);
      context.pageReady();
    } catch (error) {
      if (isAbort(error)) return;
      replace(chartSlot, errorBlock(error, { onRetry: load }));
    } finally {
      if (!signal.aborted) el.removeAttribute('aria-busy');
    }
  }

  // Cities that have milestones (by name) and the themes milestones carry.
  function buildChoices(milestones, cities) {
    const withMilestones = new Set(milestones.map((m) => m.city && m.city.slug).filter(Boolean));
    const themes = [...new Set(milestones.flatMap((m) => m.themes || []))];
    return {
      cities: cities.filter((c) => withMilestones.has(c.slug)).map((c) => ({ value: c.slug, label: c.name })),
      themes: themes.map((slug) => ({ value: slug, label: themeLabel(slug) })).sort((a, b) => a.label.localeCompare(b.label, lang)),
    };
  }

  function themeLabel(slug) {
    return labelOf(taxonomy && taxonomy.themes, slug, lang);
  }

  function renderFilters() {
    choices.themes.forEach((c) => { c.label = themeLabel(c.value); });
    replace(filters,
      group('cities', t('timeline.cities'), choices.cities),
      group('themes', t('timeline.themes'), choices.themes),
      state.cities.length || state.themes.length || state.from || state.to
        ? h('a', { class: 'button button--small timeline-filters__reset', href: timelineUrl({ cities: [], themes: [] }, lang), text: t('timeline.reset') })
        : null);
  }

  function group(key, legend, options) {
    const selected = state[key];
    const detailsId = `timeline-${key}`;
    const details = h('details', { class: 'timeline-filters__group', id: detailsId, open: open.has(key) || null },
      h('summary', {},
        h('span', { class: 'timeline-filters__legend', text: legend }),
        h('span', { class: 'timeline-filters__count', text: ` — ${t('timeline.selected', { n: selected.length || options.length, total: options.length })}` })),
      h('fieldset', {},
        h('legend', { class: 'visually-hidden', text: legend }),
        h('ul', { class: 'compare-controls__list' }, options.map((o) => {
          const id = uid(`tl-${key}`);
          return h('li', {},
            h('input', {
              id, type: 'checkbox', class: 'facet__check', value: o.value,
              checked: !selected.length || selected.includes(o.value), dataset: { filter: key, value: o.value },
              on: { change: () => toggle(key, o.value, options) },
            }),
            h('label', { for: id, text: o.label }));
        }))));
    details.addEventListener('toggle', () => {
      if (details.open) open.add(key);
      else open.delete(key);
    });
    return details;
  }

  // No selection means all: unticking one keeps all the others.
  function toggle(key, value, options) {
    const selected = state[key].length ? state[key] : options.map((o) => o.value);
    let next = selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value];
    if (next.length === options.length) next = [];
    go({ ...state, [key]: next });
  }

  function render(milestones) {
    count.textContent = t('timeline.count', { count: milestones.length, n: formatNumber(milestones.length) });
    if (!milestones.length) {
      replace(chartSlot, emptyBlock(t('timeline.none')));
      replace(firstsSlot);
      return;
    }
    const firsts = firstsByTheme(milestones);
    const options = { lang, firsts, themeLabel };
    replace(chartSlot, renderTimelineChart(milestones, options), renderTimelineList(milestones, options));
    replace(firstsSlot, renderFirsts(milestones, firsts));
  }

  // "Open data — Rennes, April 2010: title", one line per theme.
  function renderFirsts(milestones, firsts) {
    const rows = [];
    for (const m of milestones) {
      for (const theme of firsts.get(m.id) || []) rows.push({ theme, m });
    }
    rows.sort((a, b) => themeLabel(a.theme).localeCompare(themeLabel(b.theme), lang));
    return h('section', { class: 'panel timeline-firsts__panel', 'aria-labelledby': 'timeline-firsts' },
      h('h2', { id: 'timeline-firsts', text: t('timeline.firsts') }),
      h('dl', { class: 'timeline-firsts__list' }, rows.map(({ theme, m }) => h('div', { class: 'timeline-firsts__row' },
        h('dt', { text: themeLabel(theme) }),
        h('dd', {},
          h('strong', { text: m.city ? m.city.name : t('hit.allCities') }), ', ',
          h('time', { datetime: m.date, text: formatPartialDate(m.date) }), ' — ',
          h('a', { href: documentUrl(m.id, lang), text: m.title }))))));
  }

  function focusedFilter() {
    const active = document.activeElement;
    if (!active || !el.contains(active) || !active.dataset.filter) return null;
    return `input[data-filter="${CSS.escape(active.dataset.filter)}"][data-value="${CSS.escape(active.dataset.value)}"]`;
  }

  function restoreFocus(selector) {
    if (!selector) return;
    const target = el.querySelector(selector);
    if (target) target.focus({ preventScroll: true });
  }

  return {
    el,
    update(next) {
      context = next;
      state = readTimelineState(next.query);
      load();
    },
    destroy() {
      if (controller) controller.abort();
    },
  };
}
