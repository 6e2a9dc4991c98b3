// The comparison matrix as an accessible heat map: a table with the cities
// as columns and the themes (or stakeholders, kinds) as rows. Each cell
// shows its count as a number (colour only repeats it) and links to the
// search filtered on that city and value; empty cells say so in words.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { formatNumber } from '../format.js';

const LEVELS = 4;

// matrix: the /api/compare answer; cellHref(city, value) -> URL;
// sideHref(value) -> URL of the side-by-side view, or null.
export function renderHeatmap(matrix, { rows, cellHref, sideHref, selectedRow }) {
  const cities = matrix.cities || [];
  const values = matrix[`${rows}s`] || matrix.values || [];
  const counts = new Map();
  for (const cell of matrix.cells || []) {
    const value = cell.value ?? cell[rows];
    counts.set(`${cell.city}\u0000${value}`, cell.count);
  }
  const max = Math.max(1, ...counts.values());
  const rowTitle = t(`compare.rows.${rows}`);

  const table = h('table', { class: 'heatmap' },
    h('caption', { class: 'visually-hidden', text: t('compare.caption', { rows: t(`compare.row.${rows}`) }) }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'heatmap__corner', text: rowTitle }),
      cities.map((city) => h('th', { scope: 'col', class: 'heatmap__city', text: city.name })))),
    h('tbody', {}, values.map((row) => h('tr', { class: row.value === selectedRow ? 'is-selected' : null },
      h('th', { scope: 'row', class: 'heatmap__row' },
        h('span', { class: 'heatmap__label', text: row.label || row.value }),
        sideHref
          ? h('a', {
            class: 'heatmap__side',
            href: sideHref(row.value),
            'aria-label': t('compare.sideLink', { label: row.label || row.value }),
            'aria-current': row.value === selectedRow ? 'true' : false,
          }, icon('columns'), h('span', { text: t('compare.sideShort') }))
          : null),
      cities.map((city) => {
        const count = counts.get(`${city.slug}\u0000${row.value}`) ?? 0;
        const level = count === 0 ? 0 : Math.min(LEVELS, Math.ceil((count / max) * LEVELS));
        const where = `${city.name}, ${row.label || row.value}`;
        return h('td', { class: `heatmap__cell heat-${level}`, dataset: { city: city.slug, value: row.value, count: String(count) } },
          count > 0
            ? h('a', { href: cellHref(city.slug, row.value), 'aria-label': t('compare.cellLabel', { n: formatNumber(count), count, where }) },
              formatNumber(count))
            : h('span', { class: 'heatmap__empty' },
              h('span', { 'aria-hidden': 'true', text: '0' }),
              h('span', { class: 'visually-hidden', text: t('compare.cellEmpty', { where }) })));
      })))));

  const legend = h('div', { class: 'heatmap-legend', 'aria-hidden': 'true' },
    h('span', { text: t('compare.legendFew') }),
    Array.from({ length: LEVELS + 1 }, (_, i) => h('span', { class: `heatmap-legend__swatch heat-${i}` })),
    h('span', { text: t('compare.legendMany') }));

  return h('div', {},
    h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': t('compare.caption', { rows: t(`compare.row.${rows}`) }) }, table),
    h('div', { class: 'heatmap-foot' }, legend, h('p', { class: 'muted', text: t('compare.hint') })));
}
