// The compare page's city picker: a labelled group of checkboxes (one per
// city) with a filter box that narrows the list as one types, and buttons
// that select a whole group at once (all cities, one country, one size band
// from the `population` indicator). Built once; update() refreshes it after
// each load so that the filter box keeps its text and its focus.
import { h, uid } from '../dom.js';
import { getLang, t } from '../i18n.js';
import { formatNumber } from '../format.js';

// Size bands by population (upper bounds, exclusive).
const BANDS = [
  { id: 'small', max: 500000 },
  { id: 'medium', max: 1000000 },
  { id: 'large', max: Infinity },
];

// onChange(slugs): the user chose this selection ([] = all cities).
export function createCityPicker({ onChange }) {
  let cities = [];
  let selected = [];
  const filterId = uid('city-filter');
  const listId = uid('city-list');
  const status = h('p', { class: 'city-picker__status', role: 'status' });
  const filter = h('input', {
    id: filterId, class: 'input input--small', type: 'search', autocomplete: 'off', 'aria-controls': listId,
    placeholder: t('picker.cities.placeholder'),
    on: { input: () => applyFilter() },
  });
  const groups = h('div', { class: 'city-picker__groups', role: 'group', 'aria-label': t('picker.cities.groups') });
  const list = h('ul', { id: listId, class: 'compare-controls__list city-picker__list' });
  const none = h('p', { class: 'muted', hidden: true, text: t('picker.cities.none') });
  const el = h('fieldset', { class: 'compare-controls__cities city-picker' },
    h('legend', { text: t('compare.cities') }),
    status,
    groups,
    h('div', { class: 'city-picker__filter' }, h('label', { for: filterId, text: t('picker.cities.filter') }), filter),
    list, none);

  // allCities: [{slug, name, country}]; chosen: the selected slugs ([] = all);
  // populations: Map slug -> inhabitants (cities without one get no band).
  function update(allCities, chosen, populations) {
    cities = allCities;
    selected = chosen.length ? chosen : cities.map((c) => c.slug);
    status.textContent = t('picker.cities.status', { n: selected.length, total: cities.length });
    renderGroups(populations);
    list.replaceChildren(...cities.map((city) => {
      const id = uid('cmp-city');
      return h('li', { dataset: { name: fold(`${city.name} ${city.country || ''}`) } },
        h('input', {
          id, type: 'checkbox', class: 'facet__check', value: city.slug, checked: selected.includes(city.slug),
          dataset: { city: city.slug },
          on: { change: () => toggle(city.slug) },
        }),
        h('label', { for: id, text: city.name }));
    }));
    applyFilter();
  }

  function renderGroups(populations) {
    const all = cities.map((c) => c.slug);
    const entries = [{ key: 'all', label: t('picker.cities.all', { n: all.length }), slugs: all }];
    const byCountry = new Map();
    for (const city of cities) {
      if (!city.country) continue;
      if (!byCountry.has(city.country)) byCountry.set(city.country, []);
      byCountry.get(city.country).push(city.slug);
    }
    if (byCountry.size > 1) {
      for (const [country, slugs] of [...byCountry].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
        entries.push({ key: `country-${country}`, label: `${countryName(country)} (${slugs.length})`, slugs });
      }
    }
    if (populations && populations.size) {
      let lower = 0;
      for (const band of BANDS) {
        const slugs = cities.filter((c) => populations.has(c.slug) && populations.get(c.slug) >= lower && populations.get(c.slug) < band.max).map((c) => c.slug);
        if (slugs.length && slugs.length < cities.length) {
          entries.push({
            key: `size-${band.id}`,
            label: `${t(`picker.cities.size.${band.id}`, { min: formatNumber(lower), max: formatNumber(band.max) })} (${slugs.length})`,
            slugs,
          });
        }
        lower = band.max;
      }
    }
    const same = (slugs) => slugs.length === selected.length && slugs.every((s) => selected.includes(s));
    groups.replaceChildren(...entries.map((entry) => h('button', {
      type: 'button',
      class: 'chip-button',
      'aria-pressed': String(same(entry.slugs)),
      dataset: { group: entry.key },
      on: { click: () => onChange(entry.slugs.length === cities.length ? [] : entry.slugs) },
      text: entry.label,
    })));
  }

  function applyFilter() {
    const words = fold(filter.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of list.children) {
      const match = words.every((w) => item.dataset.name.includes(w));
      item.hidden = !match;
      if (match) shown += 1;
    }
    none.hidden = shown > 0;
  }

  function toggle(slug) {
    let next = selected.includes(slug) ? selected.filter((s) => s !== slug) : [...selected, slug];
    if (!next.length) next = [slug]; // at least one city: a matrix without cities says nothing
    if (next.length === cities.length) next = [];
    onChange(next);
  }

  return { el, update, filter };
}

// Lower case without accents, for matching typed text against names.
function fold(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function countryName(code) {
  try {
    return new Intl.DisplayNames([getLang()], { type: 'region' }).of(code) || code;
  } catch {
    return code;
  }
}
