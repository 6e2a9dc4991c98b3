// The compare page's state and its URL form:
//   /compare?cities=lyon&cities=rennes&rows=theme&q=…&theme=governance&order=count&lang=fr
// cities: the cities compared (none = all); rows: the facet pivoted against
// the cities; q: an optional query narrowing every cell; theme: the theme
// shown side by side under the matrix (empty = none); order: how the
// heat map orders the cities (name, or count: most records first).

export const ROWS = ['theme', 'stakeholder', 'kind'];
// How the cities of the heat map are ordered: by name, or most records first.
export const ORDERS = ['name', 'count'];

export function readCompareState(params) {
  const cities = params.getAll('cities').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const rows = params.get('rows');
  return {
    cities: [...new Set(cities)],
    rows: ROWS.includes(rows) ? rows : 'theme',
    q: (params.get('q') || '').trim(),
    theme: (params.get('theme') || '').trim(),
    order: ORDERS.includes(params.get('order')) ? params.get('order') : 'name',
  };
}

export function compareUrl(state, lang) {
  const params = new URLSearchParams();
  for (const city of state.cities || []) params.append('cities', city);
  if (state.rows && state.rows !== 'theme') params.set('rows', state.rows);
  if (state.q) params.set('q', state.q);
  if (state.theme) params.set('theme', state.theme);
  if (state.order && state.order !== 'name') params.set('order', state.order);
  params.set('lang', lang);
  return `/compare?${params}`;
}

// Parameters of GET /api/compare (matrix) for `state`.
export function apiCompareParams(state, lang, extra = {}) {
  return { cities: state.cities.join(','), rows: state.rows, q: state.q, lang, ...extra };
}
