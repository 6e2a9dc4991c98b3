// The facet lists (city, theme, stakeholder, kind): one fieldset per facet,
// one labelled checkbox per value with its count. Several values of a facet
// can be ticked (they are OR-ed); long lists show their first values and a
// "show more" button.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { formatNumber } from '../format.js';
import { FACETS } from '../state/url.js';

const VISIBLE = 6;

// facets: the API's facets object; state: the search state; expanded: a Set of
// facet names showing all their values (kept by the caller across renders);
// onToggle(facet, value): a checkbox changed; onExpand(): a list grew or shrank.
export function renderFacets(facets, state, { expanded, onToggle, onExpand }) {
  const groups = FACETS.map((facet) => facetGroup(facet, facets[facet] || [], state[facet], expanded, onToggle, onExpand))
    .filter(Boolean);
  if (!groups.length) return [h('p', { class: 'facets__none', text: t('facets.none') })];
  return groups;
}

function facetGroup(facet, values, selected, expanded, onToggle, onExpand) {
  // Selected values always show, even when the API has not listed them.
  const listed = new Set(values.map((v) => v.value));
  const entries = [...values, ...selected.filter((v) => !listed.has(v)).map((v) => ({ value: v, label: v, count: 0, selected: true }))];
  if (!entries.length) return null;
  const isExpanded = expanded.has(facet);
  const hiddenCount = Math.max(0, entries.length - VISIBLE);
  const shown = isExpanded ? entries : entries.filter((e, i) => i < VISIBLE || selected.includes(e.value));
  const listId = uid(`facet-${facet}`);

  return h('fieldset', { class: 'facet', dataset: { facet } },
    h('legend', { class: 'facet__title', text: t(`facet.${facet}`) }),
    h('ul', { class: 'facet__list', id: listId }, shown.map((entry) => {
      const checked = selected.includes(entry.value);
      const inputId = uid(`f-${facet}`);
      return h('li', { class: `facet__item${entry.count === 0 ? ' facet__item--zero' : ''}` },
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
    })),
    hiddenCount > 0
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
      : null);
}
