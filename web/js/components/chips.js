// The active filters as removable chips, and a "clear all" button that keeps
// the query. Labels come from the facet entries (the API lists selected
// values with their label), else from `fallbackLabel`.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { FACETS } from '../state/url.js';

// onRemove(facet, value); onClear().
export function renderChips(state, facets, { onRemove, onClear, fallbackLabel }) {
  const chips = [];
  for (const facet of FACETS) {
    for (const value of state[facet]) {
      const entry = (facets[facet] || []).find((e) => e.value === value);
      const label = (entry && entry.label) || fallbackLabel(facet, value);
      chips.push(h('li', {},
        h('button', {
          type: 'button',
          class: 'chip',
          dataset: { facet, value },
          'aria-label': t('chips.remove', { facet: t(`facet.${facet}`), label }),
          on: { click: () => onRemove(facet, value) },
        },
        h('span', { class: 'chip__facet', text: t('chips.prefix', { facet: t(`facet.${facet}`) }) }),
        h('span', { class: 'chip__label', text: label }),
        icon('close'))));
    }
  }
  if (!chips.length) return null;
  return h('div', { class: 'chips' },
    h('h2', { class: 'visually-hidden', text: t('chips.heading') }),
    h('ul', { class: 'chips__list' }, chips),
    h('button', { type: 'button', class: 'link-button chips__clear', on: { click: onClear }, text: t('chips.clear') }));
}
