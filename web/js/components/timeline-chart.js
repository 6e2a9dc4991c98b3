// The timeline as a chart and as a list. The chart has one row per city
// (earliest starter first) and a shared time axis by year; each milestone
// is a dot placed at its date, a link to its record whose title and date
// show on hover and focus (and are its accessible name). The list groups
// the same milestones by year, for narrow screens (the CSS shows one or
// the other). The first milestone of each theme is marked as such.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { formatPartialDate, yearOf } from '../format.js';
import { cityUrl, documentUrl } from '../links.js';

const MIN_GAP = 1.9; // % of the axis between two dots of one lane

// The ids of the earliest milestone of each theme, with that theme's slugs:
// Map id -> [theme].
export function firstsByTheme(milestones) {
  const first = new Map();
  for (const m of milestones) {
    for (const theme of m.themes || []) {
      const best = first.get(theme);
      if (!best || String(m.date) < String(best.date)) first.set(theme, m);
    }
  }
  const byId = new Map();
  for (const [theme, m] of first) byId.set(m.id, [...(byId.get(m.id) || []), theme]);
  return byId;
}

// milestones: oldest first; firsts: from firstsByTheme; themeLabel(slug) -> label.
export function renderTimelineChart(milestones, { lang, firsts, themeLabel }) {
  const years = milestones.map((m) => yearOf(m.date)).filter(Number.isFinite);
  const min = Math.min(...years);
  const max = Math.max(...years);
  const span = max + 1 - min;
  const position = (date) => ((fractionalYear(date) - min) / span) * 100;
  const step = span > 24 ? 5 : span > 14 ? 2 : 1;
  const ticks = [];
  for (let y = min; y <= max; y += 1) ticks.push(y);

  const rows = groupByCity(milestones);
  const hintId = uid('timeline-hint');
  const chart = h('div', {
    class: 'timeline-chart', role: 'region', tabindex: '0', 'aria-label': t('timeline.chart'), 'aria-describedby': hintId,
    style: { '--years': span },
  },
  h('div', { class: 'timeline-chart__axis', 'aria-hidden': 'true' },
    h('span', { class: 'timeline-chart__corner' }),
    h('div', { class: 'timeline-chart__scale' }, ticks.map((y) => h('span', {
      class: `timeline-chart__tick${(y - min) % step === 0 ? '' : ' timeline-chart__tick--minor'}`,
      style: { left: `${((y - min) / span) * 100}%` },
      text: (y - min) % step === 0 ? String(y) : '',
    })))),
  h('ul', { class: 'timeline-chart__rows' }, rows.map(({ city, items }) => {
    const cityId = uid('tl-city');
    const lanes = assignLanes(items, position);
    return h('li', { class: 'timeline-row', dataset: { city: city ? city.slug : '' } },
      h('p', { id: cityId, class: 'timeline-row__city' },
        city ? h('a', { href: cityUrl(city.slug, lang), text: city.name }) : t('hit.allCities')),
      h('ol', {
        class: 'timeline-row__track', 'aria-labelledby': cityId,
        style: { '--lanes': Math.max(1, ...lanes.map((l) => l.lane + 1)) },
      },
      lanes.map(({ item, lane, left }) => h('li', {
        class: 'timeline-row__item',
        style: { left: `${left}%`, '--lane': lane },
      }, mark(item, left)))));
  })));

  function mark(item, left) {
    const firstOf = firsts.get(item.id) || [];
    const side = left < 25 ? 'start' : left > 75 ? 'end' : 'middle';
    return h('a', {
      class: `timeline-mark timeline-mark--${side}${firstOf.length ? ' is-first' : ''}`,
      href: documentUrl(item.id, lang),
      dataset: { id: item.id, date: item.date },
    },
    h('span', { class: 'timeline-mark__dot', 'aria-hidden': 'true' }),
    h('span', { class: 'timeline-mark__tip' },
      h('span', { class: 'timeline-mark__date', text: `${formatPartialDate(item.date)} — ` }),
      h('span', { class: 'timeline-mark__title', text: item.title }),
      firstOf.length ? h('span', { class: 'timeline-mark__first', text: ` (${t('timeline.firstOf', { themes: firstOf.map(themeLabel).join(', ') })})` }) : null));
  }

  return h('div', { class: 'timeline-chart-wrap' },
    h('p', { id: hintId, class: 'timeline-chart__hint' },
      h('span', { text: t('timeline.chartHint') }), ' ',
      h('span', { class: 'timeline-chart__legend' },
        h('span', { class: 'timeline-chart__legend-dot', 'aria-hidden': 'true' }), t('timeline.legendFirst')), ' ',
      h('span', { class: 'timeline-chart__scroll-hint', text: t('timeline.scrollHint') })),
    chart);
}

// The same milestones grouped by year, oldest first.
export function renderTimelineList(milestones, { lang, firsts, themeLabel }) {
  const byYear = new Map();
  for (const m of milestones) {
    const y = yearOf(m.date);
    if (!byYear.has(y)) byYear.set(y, []);
    byYear.get(y).push(m);
  }
  return h('section', { class: 'timeline-list', 'aria-labelledby': 'timeline-by-year' },
    h('h2', { id: 'timeline-by-year', class: 'visually-hidden', text: t('timeline.byYear') }),
    [...byYear].map(([year, items]) => h('section', { class: 'timeline-list__year', 'aria-labelledby': `tl-year-${year}` },
      h('h3', { id: `tl-year-${year}`, class: 'timeline-list__heading', text: Number.isFinite(year) ? String(year) : '?' }),
      h('ul', { class: 'timeline-list__items' }, items.map((m) => {
        const firstOf = firsts.get(m.id) || [];
        return h('li', { class: `timeline-list__item${firstOf.length ? ' is-first' : ''}` },
          h('p', { class: 'timeline-list__meta' },
            h('strong', { text: m.city ? m.city.name : t('hit.allCities') }), ' · ',
            h('time', { datetime: m.date, text: formatPartialDate(m.date) }),
            firstOf.length ? h('span', { class: 'timeline-list__first', text: ` · ${t('timeline.firstOf', { themes: firstOf.map(themeLabel).join(', ') })}` }) : null),
          h('a', { href: documentUrl(m.id, lang), text: m.title }));
      })))));
}

// [{city, items}] with the city whose first milestone is earliest first.
function groupByCity(milestones) {
  const groups = new Map();
  for (const m of milestones) {
    const key = m.city ? m.city.slug : '';
    if (!groups.has(key)) groups.set(key, { city: m.city, items: [] });
    groups.get(key).items.push(m);
  }
  const first = (g) => g.items.reduce((a, m) => (String(m.date) < a ? String(m.date) : a), '9999');
  return [...groups.values()].sort((a, b) => first(a).localeCompare(first(b)));
}

// Each item in the first lane where it does not overlap the previous dot.
function assignLanes(items, position) {
  const ends = [];
  return [...items].sort((a, b) => String(a.date).localeCompare(String(b.date))).map((item) => {
    const left = position(item.date);
    let lane = ends.findIndex((end) => left - end >= MIN_GAP);
    if (lane === -1) lane = ends.length;
    ends[lane] = left;
    return { item, lane, left };
  });
}

// "2017-09-15" -> 2017.70…; a year alone sits at its middle.
function fractionalYear(date) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(date || ''));
  if (!m) return Number.NaN;
  if (!m[2]) return Number(m[1]) + 0.5;
  return Number(m[1]) + (Number(m[2]) - 1 + (m[3] ? (Number(m[3]) - 1) / 31 : 0.5)) / 12;
}
