// The timeline page's state and its URL form:
//   /timeline?cities=lyon&cities=rennes&themes=open-data&from=2015&to=2022&lang=fr
// cities, themes: the milestones shown (none = all); from, to: optional years.

function list(params, key) {
  const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return [...new Set(values)];
}

function year(value) {
  return /^\d{4}$/.test(value || '') ? value : '';
}

export function readTimelineState(params) {
  return { cities: list(params, 'cities'), themes: list(params, 'themes'), from: year(params.get('from')), to: year(params.get('to')) };
}

export function timelineUrl(state, lang) {
  const params = new URLSearchParams();
  for (const city of state.cities || []) params.append('cities', city);
  for (const theme of state.themes || []) params.append('themes', theme);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  params.set('lang', lang);
  return `/timeline?${params}`;
}

// Parameters of GET /api/timeline for `state`.
export function apiTimelineParams(state, lang) {
  return { cities: state.cities.join(','), themes: state.themes.join(','), from: state.from, to: state.to, lang };
}
