// The indicators of the compared cities, aligned by name: one row per
// indicator, one column per city. Each cell shows the latest value with the
// date it holds at; a city with several observations shows the series (every
// value with its date and source), and when its sources disagree the cell
// says so ("⚠ sources disagree"). Hover, focus and screen readers get each
// value's source title and date; a series of more than three consistent
// values folds into a disclosure. A value no city reported is shown as
// missing (never as zero), an approximate one with "≈". The table scrolls
// inside its region (at most most of the screen high) with the city names
// and the indicator names sticky, so that many cities stay readable on a phone.
import { h } from '../dom.js';
import { localized, t } from '../i18n.js';
import { formatPartialDate, formatValue } from '../format.js';
import { sourceUrl } from '../links.js';
import { scrollRegion } from './scroll-region.js';

// A longer series folds into a disclosure (unless its sources disagree).
const SERIES_SHOWN = 3;
// On a phone every series folds (the latest value and any disagreement stay
// in sight), so that a row is as short as its latest values.
const COMPACT = '(max-width: 40rem)';

export function renderIndicatorTable(matrix, { lang }) {
  const compact = typeof matchMedia === 'function' && matchMedia(COMPACT).matches;
  const cities = matrix.cities || [];
  const indicators = matrix.indicators || [];
  const body = indicators.length
    ? scrollRegion(t('compare.indicatorsTable'),
      h('table', { class: 'indicator-table' },
        h('caption', { class: 'visually-hidden', text: t('compare.indicators') }),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: t('compare.indicator') }),
          cities.map((city) => h('th', { scope: 'col', text: city.name })))),
        h('tbody', {}, indicators.map((row) => h('tr', { dataset: { indicator: row.name }, class: row.conflict ? 'has-conflict' : null },
          h('th', { scope: 'row' },
            h('span', { class: 'indicator-table__label', text: localized(row.label, lang, { fallback: true }) || row.name }),
            row.definition ? h('span', { class: 'indicator-table__definition', text: localized(row.definition, lang, { fallback: true }) }) : null),
          cities.map((city) => valueCell(row, city.slug, lang, compact)))))), { className: 'indicator-scroll' })
    : h('p', { class: 'muted', text: t('compare.noIndicators') });
  return h('section', { class: 'compare__section', 'aria-labelledby': 'compare-indicators' },
    h('h2', { id: 'compare-indicators', text: t('compare.indicators') }), body);
}

function valueCell(row, city, lang, compact) {
  const detail = row.details && row.details[city];
  const value = row.values ? row.values[city] : detail && detail.value;
  if (value === null || value === undefined) {
    return h('td', { class: 'indicator-table__missing', dataset: { city } },
      h('span', { 'aria-hidden': 'true', text: '—' }), h('span', { class: 'visually-hidden', text: t('compare.missing') }));
  }
  const latest = detail || { value };
  const series = seriesOf(row, city);
  const conflict = Boolean(row.conflicts && row.conflicts[city]);
  return h('td', {
    class: `indicator-table__value${conflict ? ' indicator-table__value--conflict' : ''}`,
    dataset: { city, observations: String(series.length || 1), ...(conflict ? { conflict: 'true' } : {}) },
  },
  observation(latest, lang, { main: true, unit: row.unit }),
  conflict ? h('p', { class: 'indicator-table__conflict', text: `⚠ ${t('compare.conflict')}` }) : null,
  series.length > 1 ? seriesList(series, row, lang, conflict, compact) : null);
}

// Every observation, latest first; folded when long and consistent, or on a phone.
function seriesList(series, row, lang, conflict, compact) {
  const list = h('ul', { class: 'indicator-table__series', 'aria-label': t('compare.series', { count: series.length }) },
    series.map((obs) => h('li', {}, observation(obs, lang, { unit: row.unit, withSource: conflict }))));
  if (!compact && (conflict || series.length <= SERIES_SHOWN)) return list;
  return h('details', { class: 'indicator-table__fold' },
    h('summary', { text: t('compare.seriesFold', { count: series.length }) }), list);
}

// One observation: "≈ 450 000" (linked to its source, whose title and date
// are its tooltip and hidden text) and the date it holds at.
function observation(obs, lang, { main = false, unit, withSource = false }) {
  const source = obs.source && typeof obs.source === 'object' ? obs.source : null;
  // Units are stored as English words (partners, meetings): shown in English
  // only, and never for years (the number says it).
  const shownUnit = obs.unit || unit;
  const unitText = shownUnit && shownUnit !== 'year' && lang === 'en' ? ` ${shownUnit}` : '';
  const about = source ? sourceText(source) : '';
  const number = [
    obs.approximate ? h('abbr', { title: t('city.approximate'), text: '≈ ' }) : null,
    h('span', { class: 'indicator-table__number', text: formatValue(obs.value, obs.unit || unit) }),
    h('span', { class: 'indicator-table__unit', text: unitText }),
    about ? h('span', { class: 'visually-hidden', text: ` (${t('city.indicatorSource', { source: about })})` }) : null,
  ];
  return h('span', { class: main ? 'indicator-table__latest' : 'indicator-table__obs' },
    source && source.id
      ? h('a', { class: 'indicator-table__link', href: sourceUrl(source.id, lang), title: t('city.indicatorSource', { source: about }) }, number)
      : h('span', {}, number),
    h('span', { class: 'indicator-table__date', text: ` ${obs.as_of ? formatPartialDate(obs.as_of) : t('compare.undated')}` }),
    withSource && source ? h('span', { class: 'indicator-table__source', 'aria-hidden': 'true', title: source.title, text: `— ${source.title}` }) : null);
}

// "Title (Publisher, 15 septembre 2017)".
function sourceText(source) {
  const meta = [source.publisher, source.published ? formatPartialDate(source.published) : t('source.undated')].filter(Boolean).join(', ');
  return `${source.title || t('source.untitled')} (${meta})`;
}

// The city's observations, latest first (undated last).
function seriesOf(row, city) {
  const list = (row.observations && row.observations[city]) || [];
  return [...list].sort((a, b) => String(b.as_of || '').localeCompare(String(a.as_of || '')));
}
