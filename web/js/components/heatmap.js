// The comparison matrix as an accessible heat map: a table of cities against
// themes (or stakeholders, kinds). Cities are the columns while they are
// fewer than the rows, else the table is transposed (cities as rows), so that
// it grows downwards rather than sideways. Headers stay in view while it
// scrolls (sticky), the cities can be ordered by name or by count, and every
// cell is a link to the search filtered on that city and value, named in
// words ("Lyon, Gouvernance : 4 fiches"); the colour only repeats the number.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { formatNumber } from '../format.js';
import { scrollRegion } from './scroll-region.js';

const LEVELS = 4;

// matrix: the /api/compare answer; rows: theme|stakeholder|kind;
// order: 'name' or 'count' (cities with the most records first);
// cellHref(city, value) -> URL; sideHref(value) -> URL of the side-by-side
// view, or null; selectedRow: the value shown side by side.
export function renderHeatmap(matrix, { rows, order = 'name', cellHref, sideHref, selectedRow }) {
  const values = matrix[`${rows}s`] || matrix.values || [];
  const counts = new Map();
  const totals = new Map();
  for (const cell of matrix.cells || []) {
    const value = cell.value ?? cell[rows];
    counts.set(`${cell.city}\u0000${value}`, cell.count);
    totals.set(cell.city, (totals.get(cell.city) || 0) + cell.count);
  }
  const cities = [...(matrix.cities || [])];
  if (order === 'count') cities.sort((a, b) => (totals.get(b.slug) || 0) - (totals.get(a.slug) || 0) || a.name.localeCompare(b.name));
  else cities.sort((a, b) => a.name.localeCompare(b.name));
  const max = Math.max(1, ...counts.values());
  const rowTitle = t(`compare.rows.${rows}`);
  const transposed = cities.length > values.length;
  // Many columns: headers written upwards, narrow cells, icon-only side links.
  const dense = (transposed ? values.length : cities.length) > 8 ? ' heatmap--dense' : '';
  const caption = t(transposed ? 'compare.captionT' : 'compare.caption', { rows: t(`compare.row.${rows}`) });

  const cell = (city, row) => {
    const count = counts.get(`${city.slug}\u0000${row.value}`) ?? 0;
    const level = count === 0 ? 0 : Math.min(LEVELS, Math.ceil((count / max) * LEVELS));
    const label = t('compare.cellLabel', { n: formatNumber(count), count, city: city.name, value: row.label || row.value });
    return h('td', { class: `heatmap__cell heat-${level}`, dataset: { city: city.slug, value: row.value, count: String(count) } },
      h('a', { class: count ? null : 'heatmap__empty', href: cellHref(city.slug, row.value), 'aria-label': label },
        formatNumber(count)));
  };
  const valueHeader = (row, scope) => h('th', { scope, class: scope === 'row' ? 'heatmap__row' : 'heatmap__value' },
    h('span', { class: 'heatmap__label', title: scope === 'col' ? row.label || row.value : null, text: row.label || row.value }),
    sideHref
      ? h('a', {
        class: 'heatmap__side',
        href: sideHref(row.value),
        'aria-label': t('compare.sideLink', { label: row.label || row.value }),
        'aria-current': row.value === selectedRow ? 'true' : false,
      }, icon('columns'), h('span', { class: 'heatmap__side-text', text: t('compare.sideShort') }))
      : null);
  const cityHeader = (city, scope) => h('th', {
    scope, class: scope === 'row' ? 'heatmap__row heatmap__row--city' : 'heatmap__city', dataset: { city: city.slug },
  }, h('span', { class: 'heatmap__name', text: city.name }));

  const table = transposed
    ? h('table', { class: `heatmap heatmap--transposed${dense}`, dataset: { transposed: 'true' } },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'heatmap__corner', text: t('compare.citiesShort') }),
        values.map((row) => valueHeader(row, 'col')))),
      h('tbody', {}, cities.map((city) => h('tr', {},
        cityHeader(city, 'row'),
        values.map((row) => cell(city, row))))))
    : h('table', { class: `heatmap${dense}` },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'heatmap__corner', text: rowTitle }),
        cities.map((city) => cityHeader(city, 'col')))),
      h('tbody', {}, values.map((row) => h('tr', { class: row.value === selectedRow ? 'is-selected' : null },
        valueHeader(row, 'row'),
        cities.map((city) => cell(city, row))))));

  const legend = h('div', { class: 'heatmap-legend', 'aria-hidden': 'true' },
    h('span', { text: t('compare.legendFew') }),
    Array.from({ length: LEVELS + 1 }, (_, i) => h('span', { class: `heatmap-legend__swatch heat-${i}` })),
    h('span', { text: t('compare.legendMany') }));

  return h('div', {},
    scrollRegion(caption, table, { className: 'heatmap-scroll' }),
    h('div', { class: 'heatmap-foot' }, legend, h('p', { class: 'muted', text: t('compare.hint') })));
}
