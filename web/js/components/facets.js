// The facet lists (city, theme, stakeholder, kind): one fieldset per facet,
// one labelled checkbox per value with its count. Several values of a facet
// can be ticked (they are OR-ed); long lists show their first values and a
// "show more" button, and lists of 20 values or more get a filter box that
// narrows them as one types (every value matching, ticked ones always).
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { formatNumber } from '../format.js';
import { FACETS } from '../state/url.js';

const VISIBLE = 6;
const FILTER_FROM = 20;

// facets: the API's facets object; state: the search state; expanded: a Set of
// facet names showing all their values and filters a Map facet -> text typed
// in its filter box (both kept by the caller across renders);
// onToggle(facet, value): a checkbox changed; onExpand(): a list grew or shrank.
export function renderFacets(facets, state, { expanded, filters = new Map(), onToggle, onExpand }) {
  const groups = FACETS.map((facet) => facetGroup(facet, facets[facet] || [], state[facet], { expanded, filters, onToggle, onExpand }))
    .filter(Boolean);
  if (!groups.length) return [h('p', { class: 'facets__none', text: t('facets.none') })];
  return groups;
}

function facetGroup(facet, values, selected, { expanded, filters, onToggle, onExpand }) {
  // Selected values always show, even when the API has not listed them.
  const listed = new Set(values.map((v) => v.value));
  const entries = [...values, ...selected.filter((v) => !listed.has(v)).map((v) => ({ value: v, label: v, count: 0, selected: true }))];
  if (!entries.length) return null;
  const isExpanded = expanded.has(facet);
  const hiddenCount = Math.max(0, entries.length - VISIBLE);
  const filterable = entries.length >= FILTER_FROM;
  // A filterable list holds every value and hides some; the others hold the shown ones only.
  const shown = isExpanded || filterable ? entries : entries.filter((e, i) => i < VISIBLE || selected.includes(e.value));
  const listId = uid(`facet-${facet}`);
  const filterId = uid(`facet-filter-${facet}`);
  const filterInput = filterable
    ? h('input', {
      id: filterId, class: 'input facet__filter', type: 'search', autocomplete: 'off', 'aria-controls': listId,
      value: filters.get(facet) || '', dataset: { facetFilter: facet },
      on: { input: () => { filters.set(facet, filterInput.value); applyFilter(); } },
    })
    : null;
  const noMatch = filterable ? h('p', { class: 'facet__none muted', hidden: true, text: t('facets.noMatch') }) : null;

  const list = h('ul', { class: 'facet__list', id: listId }, shown.map((entry) => {
      const checked = selected.includes(entry.value);
      const inputId = uid(`f-${facet}`);
      return h('li', { class: `facet__item${entry.count === 0 ? ' facet__item--zero' : ''}`, dataset: { match: fold(entry.label || entry.value), selected: checked ? 'true' : '' } },
        h('input', {
          id: inputId,
          type: 'checkbox',
          class: 'facet__check',
          value: entry.value,
          checked,
          dataset: { facet, value: entry.value },
          on: { change: () => onToggle(facet, entry.value) },
        }),
        h('label', { for: inputId, class: 'facet__label' },
          h('span', { class: 'facet__name', text: entry.label || entry.value }),
          h('span', { class: 'facet__count', text: formatNumber(entry.count) })));
  }));
  const more = hiddenCount > 0
      ? h('button', {
        type: 'button',
        class: 'link-button facet__more',
        'aria-expanded': String(isExpanded),
        'aria-controls': listId,
        dataset: { more: facet },
        on: {
          click: () => {
            if (isExpanded) expanded.delete(facet);
            else expanded.add(facet);
            onExpand();
          },
        },
        text: isExpanded ? t('facets.less') : t('facets.more', { n: hiddenCount }),
      })
      : null;

  // Filterable lists: the typed words show every value containing them;
  // without words, the first values (or all when expanded).
  function applyFilter() {
    const words = fold(filterInput.value).split(/\s+/).filter(Boolean);
    let matching = 0;
    [...list.children].forEach((item, i) => {
      const show = item.dataset.selected === 'true'
        || (words.length ? words.every((w) => item.dataset.match.includes(w)) : isExpanded || i < VISIBLE);
      item.hidden = !show;
      if (show) matching += 1;
    });
    if (more) more.hidden = words.length > 0;
    noMatch.hidden = matching > 0;
  }
  if (filterable) applyFilter();

  return h('fieldset', { class: 'facet', dataset: { facet } },
    h('legend', { class: 'facet__title', text: t(`facet.${facet}`) }),
    filterable
      ? h('div', { class: 'facet__filter-row' },
        h('label', { for: filterId, class: 'visually-hidden', text: t('facets.filter', { facet: t(`facet.${facet}`) }) }),
        filterInput)
      : null,
    list, noMatch, more);
}

// Lower case without accents, for matching typed text against labels.
function fold(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
