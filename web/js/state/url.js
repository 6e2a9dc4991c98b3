// The search state and its URL form. The URL is the single source of truth:
// views read the state from location and write it back with navigate(), so
// every search, filter, sort, page and language can be shared and the back
// button restores it.

export const FACETS = ['city', 'theme', 'stakeholder', 'kind'];
// date: when the facts hold, newest first; updated: last edited in citykb.
export const SORTS = ['relevance', 'date', 'city', 'updated'];
export const PER_PAGE = 10;
export const PER_PAGE_CHOICES = [10, 20, 50, 100];

// {q, city:[], theme:[], stakeholder:[], kind:[], sort, page, perPage, spell}
// from URLSearchParams. spell 'off' asks for the words as typed, without
// the spelling correction (the "search instead for" link).
// Facet values may be repeated (city=a&city=b) or comma-separated (city=a,b).
export function readSearchState(params) {
  const state = { q: (params.get('q') || '').trim() };
  for (const facet of FACETS) {
    const values = params.getAll(facet).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    state[facet] = [...new Set(values)];
  }
  const sort = params.get('sort');
  state.sort = SORTS.includes(sort) ? sort : 'relevance';
  const page = Number.parseInt(params.get('page') || '1', 10);
  state.page = Number.isFinite(page) && page >= 1 && page <= 1000 ? page : 1;
  const perPage = Number.parseInt(params.get('per_page') || '', 10);
  state.perPage = PER_PAGE_CHOICES.includes(perPage) ? perPage : PER_PAGE;
  state.spell = params.get('spell') === 'off' ? 'off' : '';
  return state;
}

export function emptySearchState() {
  return readSearchState(new URLSearchParams());
}

// True when the state asks for something (a query or a filter).
export function hasCriteria(state) {
  return Boolean(state.q) || FACETS.some((f) => state[f].length > 0);
}

export function activeFilterCount(state) {
  return FACETS.reduce((n, f) => n + state[f].length, 0);
}

// URLSearchParams for the page URL: defaults are left out, lang always kept.
export function searchParams(state, lang) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) for (const value of state[facet]) params.append(facet, value);
  if (state.sort && state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.perPage && state.perPage !== PER_PAGE) params.set('per_page', String(state.perPage));
  if (state.spell === 'off' && state.q) params.set('spell', 'off');
  params.set('lang', lang);
  return params;
}

// The URL of the search page for `state` (a partial state is merged into an empty one).
export function searchUrl(state, lang) {
  return `/search?${searchParams({ ...emptySearchState(), ...state }, lang)}`;
}

// The parameters of GET /api/search for `state`.
export function apiSearchParams(state, lang) {
  const params = { q: state.q, lang, sort: state.sort, page: state.page, per_page: state.perPage || PER_PAGE };
  if (state.spell === 'off' && state.q) params.spell = 'off';
  for (const facet of FACETS) params[facet] = state[facet];
  return params;
}

// A copy of `state` with `value` toggled in `facet`, back on page 1.
export function toggleFilter(state, facet, value) {
  const values = state[facet].includes(value)
    ? state[facet].filter((v) => v !== value)
    : [...state[facet], value];
  return { ...state, [facet]: values, page: 1 };
}

// A copy of `state` without any filter, keeping the query and the sort.
export function clearFilters(state) {
  const next = { ...state, page: 1 };
  for (const facet of FACETS) next[facet] = [];
  return next;
}

// Adds or replaces lang in a same-origin path+query, e.g. for links.
export function withLang(path, lang) {
  const url = new URL(path, location.origin);
  url.searchParams.set('lang', lang);
  return url.pathname + url.search + url.hash;
}

// The last search page visited in this tab, for the "back to results" link.
const LAST_SEARCH_KEY = 'citykb.lastSearch';

export function rememberSearch(url) {
  try {
    sessionStorage.setItem(LAST_SEARCH_KEY, url);
  } catch {
    // Without storage the link falls back to the search page.
  }
}

export function lastSearch() {
  try {
    return sessionStorage.getItem(LAST_SEARCH_KEY);
  } catch {
    return null;
  }
}
