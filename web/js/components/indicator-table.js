// The indicators of the compared cities, aligned by name: one row per
// indicator, one column per city. A value no city reported is shown as
// missing (never as zero), an approximate one with "≈".
import { h } from '../dom.js';
import { localized, t } from '../i18n.js';
import { formatNumber } from '../format.js';

export function renderIndicatorTable(matrix, { lang }) {
  const cities = matrix.cities || [];
  const indicators = matrix.indicators || [];
  const body = indicators.length
    ? h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': t('compare.indicators') },
      h('table', { class: 'indicator-table' },
        h('caption', { class: 'visually-hidden', text: t('compare.indicators') }),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: t('compare.indicator') }),
          cities.map((city) => h('th', { scope: 'col', text: city.name })))),
        h('tbody', {}, indicators.map((row) => h('tr', {},
          h('th', { scope: 'row', text: localized(row.label, lang, { fallback: true }) || row.name }),
          cities.map((city) => valueCell(row, city.slug, lang)))))))
    : h('p', { class: 'muted', text: t('compare.noIndicators') });
  return h('section', { class: 'compare__section', 'aria-labelledby': 'compare-indicators' },
    h('h2', { id: 'compare-indicators', text: t('compare.indicators') }), body);
}

function valueCell(row, city, lang) {
  const detail = row.details && row.details[city];
  const value = row.values ? row.values[city] : detail && detail.value;
  if (value === null || value === undefined) {
    return h('td', { class: 'indicator-table__missing' },
      h('span', { 'aria-hidden': 'true', text: '—' }), h('span', { class: 'visually-hidden', text: t('compare.missing') }));
  }
  // Units are stored as English words (partners, meetings): shown in English only.
  const unit = detail && detail.unit && lang === 'en' ? ` ${detail.unit}` : '';
  const source = detail && detail.source && (detail.source.title || detail.source);
  return h('td', { class: 'indicator-table__value' },
    detail && detail.approximate ? h('abbr', { title: t('city.approximate'), text: '≈ ' }) : null,
    h('span', { class: 'indicator-table__number', text: formatNumber(value) }),
    h('span', { class: 'indicator-table__unit', text: unit }),
    source && typeof source === 'string' ? h('span', { class: 'visually-hidden', text: ` (${t('city.indicatorSource', { source })})` }) : null);
}
