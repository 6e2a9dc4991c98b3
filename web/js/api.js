// The JSON API client: one function per endpoint, each resolving to the
// parsed answer or rejecting with an ApiError. Requests can be cancelled
// with an AbortSignal; a cancelled request rejects with an AbortError that
// callers ignore (see isAbort).

export class ApiError extends Error {
  // status: HTTP status (0 when the server could not be reached);
  // code, field, problems: from the API's {error:{...}} body when present.
  constructor(status, code, message, { field, problems } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.problems = problems || [];
  }
}

export function isAbort(error) {
  return error && error.name === 'AbortError';
}

// Builds a query string; arrays become repeated parameters; empty values are left out.
export function toQuery(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of [value].flat()) {
      if (v === undefined || v === null || v === '') continue;
      search.append(key, String(v));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function request(method, path, { params, body, token, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(`/api${path}${toQuery(params)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'network', error.message || 'network error');
  }
  let data = null;
  try {
    data = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
    data = null;
  }
  if (!response.ok) {
    const e = (data && data.error) || {};
    throw new ApiError(response.status, e.code || 'http_error', e.message || `HTTP ${response.status}`, e);
  }
  if (data === null) throw new ApiError(response.status, 'bad_json', 'the answer is not JSON');
  return data;
}

const enc = encodeURIComponent;

export const api = {
  search: (params, signal) => request('GET', '/search', { params, signal }),
  suggest: (q, lang, signal) => request('GET', '/suggest', { params: { q, lang }, signal }),
  document: (id, signal) => request('GET', `/documents/${enc(id)}`, { signal }),
  similar: (id, lang, signal) => request('GET', `/documents/${enc(id)}/similar`, { params: { lang }, signal }),
  taxonomy: (signal) => request('GET', '/taxonomy', { signal }),
  cities: (signal) => request('GET', '/cities', { signal }),
  city: (slug, signal) => request('GET', `/cities/${enc(slug)}`, { signal }),
  similarCities: (slug, lang, signal) => request('GET', `/cities/${enc(slug)}/similar`, { params: { lang }, signal }),
  health: (signal) => request('GET', '/health', { signal }),
  deleteCity: (slug, token, signal) => request('DELETE', `/cities/${enc(slug)}`, { token, signal }),
  compare: (params, signal) => request('GET', '/compare', { params, signal }),
  sources: (params, signal) => request('GET', '/sources', { params, signal }),
  source: (id, lang, signal) => request('GET', `/sources/${enc(id)}`, { params: { lang }, signal }),
  person: (id, lang, signal) => request('GET', `/people/${enc(id)}`, { params: { lang }, signal }),
  timeline: (params, signal) => request('GET', '/timeline', { params, signal }),
  validateCity: (bundle, signal) => request('POST', '/cities/validate', { body: bundle, signal }),
  saveCity: (bundle, token, signal) => request('POST', '/cities', { body: bundle, token, signal }),
};
