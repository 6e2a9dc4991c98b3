// The catalogue of hostile requests. Each case says what it sends and what
// it expects back: a status (or a set, or a class such as '4xx'), the error
// code of the JSON error body when there is one, and `write: true` for the
// only requests allowed to change the store (valid, authorised writes).
// `proxyExpect` replaces `expect` behind the shipped proxy (it re-frames some
// lenient inputs, bare LF and folded headers, into well-formed requests, and
// refuses some framing itself).
// hostile.test.mjs runs every case against a real server and also checks,
// after each one, that nothing answered 5xx, that every answer carries the
// security headers, that no error leaks internals, that /api/health still
// answers and that the change log did not move unless `write` is set.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRequest, rawRequest } from './lib/raw_http.mjs';
import { ADMIN_TOKEN, ROOT } from './lib/server.mjs';

const VALID = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/bundles/valid-testville.json'), 'utf8'));
export const bundle = () => structuredClone(VALID);

const AUTH = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
const enc = encodeURIComponent;

// Each failed-auth case comes from its own loopback address, so that the
// per-address limit on failed writes (tested on its own) does not mix in.
let nextAddress = 20;
const freshAddress = () => `127.0.0.${nextAddress++}`;

// Senders: each returns a function (ctx) => Promise<response>.
const get = (target, opts = {}) => (ctx) => rawRequest(ctx.port, buildRequest('GET', target, opts), opts);
const send = (method, target, opts = {}) => (ctx) => rawRequest(ctx.port, buildRequest(method, target, opts), opts);
const postCity = (body, opts = {}) => send('POST', '/api/cities', { ...opts, headers: { ...AUTH, ...(opts.headers || {}) }, body });
const raw = (bytes, opts = {}) => (ctx) => rawRequest(ctx.port, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1'), opts);
const withBundle = (mutate) => postCity(JSON.stringify(mutate(bundle()) ?? bundle()));
const utf8Body = (...bytes) => Buffer.concat([Buffer.from('{"city":{"slug":"x","name":"'), Buffer.from(bytes), Buffer.from('"}}')]);

// Checks shared by several cases.
const notFile = (res) => {
  const text = res.text;
  if (/root:.*:0:0:|cmake_minimum_required|\[core\]|PRIVATE KEY/.test(text)) throw new Error('a file outside web/ was served');
};
const indexOrError = (ctx, res) => {
  notFile(res);
  if (res.status === 200 && res.text !== ctx.indexHtml) throw new Error('200 but not the web page');
};
const searchOk = (res) => {
  if (!res.json || typeof res.json.total !== 'number' || !Array.isArray(res.json.hits)) throw new Error('not a search answer');
};
const noHeader = (name) => (ctx, res) => {
  if (res.headers[name]) throw new Error(`header ${name} was injected`);
};

const Q = (q) => `/api/search?q=${enc(q)}`;
const repeat = (s, n, sep = '') => Array.from({ length: n }, (_, i) => (typeof s === 'function' ? s(i) : s)).join(sep);
const letters = 'abcdefghijklmnopqrstuvwxyz';

export const cases = [
  // --- Malformed, nested, oversized JSON (authorised POST /api/cities).
  { group: 'json', name: 'truncated JSON', send: postCity('{"city":'), expect: 422, code: 'validation_failed' },
  { group: 'json', name: 'empty body', send: postCity(''), expect: '4xx' },
  { group: 'json', name: 'JSON null', send: postCity('null'), expect: 422 },
  { group: 'json', name: 'JSON array', send: postCity('[]'), expect: 422 },
  { group: 'json', name: 'JSON string', send: postCity('"lyon"'), expect: 422 },
  { group: 'json', name: 'JSON number', send: postCity('12345'), expect: 422 },
  { group: 'json', name: 'trailing garbage after the bundle', send: postCity(`${JSON.stringify(VALID)} {"x":1}`), expect: 422 },
  { group: 'json', name: '100,000 nested arrays', send: postCity('['.repeat(100000)), expect: 422 },
  { group: 'json', name: '50,000 nested objects', send: postCity(`${'{"a":'.repeat(50000)}1${'}'.repeat(50000)}`), expect: 422 },
  { group: 'json', name: 'nesting bomb inside a valid bundle', send: withBundle((b) => { b.city.extra = JSON.parse(`${'['.repeat(60)}${']'.repeat(60)}`); return b; }), expect: 422 },
  // Behind the proxy an oversized upload is refused by HAProxy, which may
  // reset the connection while the client is still sending: the 413 is then
  // lost on the way back ('closed'); nothing reaches citykb either way.
  { group: 'json', name: 'body of 3 MiB', send: postCity(`{"pad":"${'x'.repeat(3 << 20)}"}`), expect: 413, code: 'payload_too_large', proxyExpect: [413, 'closed'] },
  { group: 'json', name: 'Content-Length of 100 GB announced', send: raw(`POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{"a":`), expect: 413 },
  { group: 'json', name: 'negative Content-Length', send: raw(`POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Length: -5\r\nConnection: close\r\n\r\n{}`), expect: '4xx' },
  { group: 'json', name: 'Content-Length that is not a number', send: raw(`POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Length: lots\r\nConnection: close\r\n\r\n{}`), expect: '4xx' },
  { group: 'json', name: '50,000 invalid documents', send: postCity(JSON.stringify({ ...VALID, documents: Array.from({ length: 50000 }, () => ({ kind: 'x' })) })), expect: 422 },

  // --- Wrong types.
  { group: 'types', name: 'city.slug is a number', send: withBundle((b) => { b.city.slug = 42; return b; }), expect: 422 },
  { group: 'types', name: 'documents is an object', send: withBundle((b) => { b.documents = { a: 1 }; return b; }), expect: 422 },
  { group: 'types', name: 'a title is an array', send: withBundle((b) => { b.documents[0].title = ['fr', 'en']; return b; }), expect: 422 },
  { group: 'types', name: 'an indicator value is a string', send: withBundle((b) => { b.city.indicators[0].value = '12'; return b; }), expect: 422 },
  { group: 'types', name: 'an indicator value of 1e999', send: postCity(JSON.stringify(VALID).replace('"value":12', '"value":1e999')), expect: 422 },
  { group: 'types', name: 'themes holds objects', send: withBundle((b) => { b.documents[0].themes = [{ slug: 'energy' }]; return b; }), expect: 422 },
  { group: 'types', name: 'people is null', send: withBundle((b) => { b.people = null; return b; }), expect: 422 },
  { group: 'types', name: 'slug with path traversal', send: withBundle((b) => { b.city.slug = '../../etc'; return b; }), expect: 422 },
  { group: 'types', name: 'slug in capitals with an emoji', send: withBundle((b) => { b.city.slug = 'Testville-🏙'; return b; }), expect: 422 },
  { group: 'types', name: 'a theme the taxonomy does not know', send: withBundle((b) => { b.documents[0].themes = ['<script>']; return b; }), expect: 422 },
  { group: 'types', name: 'two documents with one id', send: withBundle((b) => { b.documents[1].id = b.documents[0].id; return b; }), expect: 422 },
  { group: 'types', name: "a document id that belongs to Lyon", send: withBundle((b) => { b.documents[0].id = 'lyon-profile'; return b; }), expect: '4xx' },
  { group: 'types', name: 'Content-Type text/plain', send: postCity(JSON.stringify(VALID), { headers: { 'Content-Type': 'text/plain' } }), expect: 415 },
  { group: 'types', name: 'a form instead of JSON', send: postCity('city=x&slug=y', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), expect: 415 },

  // --- Invalid UTF-8 in bodies and parameters.
  { group: 'utf8', name: 'byte 0xFF in a body string', send: postCity(utf8Body(0xff)), expect: 422 },
  { group: 'utf8', name: 'overlong "/" (C0 AF) in a body', send: postCity(utf8Body(0xc0, 0xaf)), expect: 422 },
  { group: 'utf8', name: 'UTF-8 encoded surrogate (ED A0 80) in a body', send: postCity(utf8Body(0xed, 0xa0, 0x80)), expect: 422 },
  { group: 'utf8', name: 'lone surrogate escape \\ud800 in a body', send: postCity('{"city":{"slug":"x","name":"\\ud800"}}'), expect: 422 },
  { group: 'utf8', name: 'body cut inside a UTF-8 sequence', send: postCity(Buffer.from([0x7b, 0x22, 0xc3])), expect: 422 },
  { group: 'utf8', name: 'raw NUL and control bytes in a string', send: postCity(Buffer.from('{"city":{"slug":"x","name":"a\u0000\u0001b"}}', 'latin1')), expect: 422 },
  { group: 'utf8', name: 'validate endpoint: invalid UTF-8', send: send('POST', '/api/cities/validate', { headers: { 'Content-Type': 'application/json' }, body: utf8Body(0xfe, 0xfe) }), expect: 422 },
  { group: 'utf8', name: 'validate endpoint: nesting bomb', send: send('POST', '/api/cities/validate', { headers: { 'Content-Type': 'application/json' }, body: '['.repeat(200000) }), expect: 422 },
  { group: 'utf8', name: 'q=%FF', send: get('/api/search?q=%FF'), expect: 400, code: 'invalid_argument' },
  { group: 'utf8', name: 'q overlong (%C0%AF)', send: get('/api/search?q=%C0%AF'), expect: 400 },
  { group: 'utf8', name: 'q surrogate (%ED%A0%80)', send: get('/api/search?q=%ED%A0%80'), expect: 400 },
  { group: 'utf8', name: 'city=%C3%28', send: get('/api/search?city=%C3%28'), expect: 400 },
  { group: 'utf8', name: 'suggest q=%FF%FE', send: get('/api/suggest?q=%FF%FE'), expect: 400 },
  { group: 'utf8', name: 'compare q=%E2%82', send: get('/api/compare?q=%E2%82'), expect: 400 },
  { group: 'utf8', name: 'raw 0xFF bytes in the request line', send: raw(Buffer.concat([Buffer.from('GET /api/search?q='), Buffer.from([0xff, 0xfe]), Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')])), expect: '4xx' },

  // --- Enormous queries and parameter lists.
  { group: 'size', name: 'q of 2,001 bytes', send: get(Q('a'.repeat(2001))), expect: 400, code: 'invalid_argument' },
  { group: 'size', name: 'URI of 20 KB', send: get(`/api/search?q=${'a'.repeat(20000)}`), expect: 414 },
  { group: 'size', name: 'request line of 1 MB', send: get(`/api/search?q=${'a'.repeat(1 << 20)}`), expect: ['4xx', 'closed'] },
  { group: 'size', name: '600 city parameters', send: get(`/api/search?${repeat((i) => `city=c${i}`, 600, '&')}`), expect: 400 },
  { group: 'size', name: '60 comma-separated themes', send: get(`/api/search?theme=${repeat((i) => `t${i}`, 60, ',')}`), expect: 400 },
  { group: 'size', name: 'a facet value of 65 bytes', send: get(`/api/search?city=${'a'.repeat(65)}`), expect: 400 },
  { group: 'size', name: '700 unknown parameters', send: get(`/api/search?${repeat((i) => `p${i}=1`, 700, '&')}`), expect: 200, check: (ctx, r) => searchOk(r) },
  { group: 'size', name: 'suggest q of 201 bytes', send: get(`/api/suggest?q=${'a'.repeat(201)}`), expect: 400 },
  { group: 'size', name: 'compare with 101 cities', send: get(`/api/compare?cities=${repeat((i) => `c${i}`, 101, ',')}`), expect: 400 },
  { group: 'size', name: 'compare q of 2,001 bytes', send: get(`/api/compare?q=${'b'.repeat(2001)}`), expect: 400 },

  // --- Extreme page / per_page and other out-of-range values.
  ...[['page=0', 400], ['page=-1', 400], ['page=99999999999999999999', 400], ['page=1e3', 400], ['page=abc', 400],
    ['page=%00', 400], ['page=0x10', 400], ['page=1.5', 400], ['per_page=0', 400], ['per_page=101', 400],
    ['per_page=1000000', 400], ['per_page=100&page=101', 400], ['page=+1', 400], ['page=', 200], ['page=%201', 400]]
    .map(([qs, status]) => ({ group: 'paging', name: qs, send: get(`/api/search?${qs}`), expect: status, code: status === 400 ? 'invalid_argument' : undefined })),
  { group: 'paging', name: 'last allowed page', send: get('/api/search?per_page=100&page=100'), expect: 200, check: (ctx, r) => { searchOk(r); if (r.json.hits.length) throw new Error('hits past the end'); } },
  { group: 'paging', name: 'lang=de', send: get('/api/search?lang=de'), expect: 400 },
  { group: 'paging', name: 'sort=random()', send: get('/api/search?sort=random()'), expect: 400 },
  { group: 'paging', name: 'explain=maybe', send: get('/api/search?explain=maybe'), expect: 400 },
  { group: 'paging', name: 'format=xml', send: get('/api/search?format=xml'), expect: 400 },
  { group: 'paging', name: 'changes since=-1', send: get('/api/changes?since=-1'), expect: 400 },
  { group: 'paging', name: 'changes limit=1000000', send: get('/api/changes?limit=1000000'), expect: 400 },
  { group: 'paging', name: 'similar limit=51', send: get('/api/documents/lyon-profile/similar?limit=51'), expect: 400 },
  { group: 'paging', name: 'compare top=21', send: get('/api/compare?top=21'), expect: 400 },
  { group: 'paging', name: 'compare rows=password', send: get('/api/compare?rows=password'), expect: 400 },
  { group: 'paging', name: 'compare view=../etc', send: get('/api/compare?view=../etc'), expect: 400 },
  // Issue 17 (6): the server does what the OpenAPI description says.
  { group: 'openapi', name: 'kind=xyz (an enum)', send: get('/api/search?kind=xyz'), expect: 400, code: 'invalid_argument' },
  { group: 'openapi', name: 'kind=practice', send: get('/api/search?kind=practice'), expect: 200, check: (ctx, r) => searchOk(r) },
  { group: 'openapi', name: 'compare kind=xyz', send: get('/api/compare?kind=xyz'), expect: 400 },
  { group: 'openapi', name: 'compare rows=kind&kinds=xyz', send: get('/api/compare?rows=kind&kinds=xyz'), expect: 400 },
  { group: 'openapi', name: 'per_page=5&per_page=500 (every value checked)', send: get('/api/search?per_page=5&per_page=500'), expect: 400, code: 'invalid_argument' },
  { group: 'openapi', name: 'lang=en&lang=de', send: get('/api/search?lang=en&lang=de'), expect: 400 },
  { group: 'openapi', name: 'sort=date&sort=evil', send: get('/api/search?sort=date&sort=evil'), expect: 400 },
  { group: 'openapi', name: 'suggest q=a&q=<201 chars>', send: get(`/api/suggest?q=a&q=${'b'.repeat(201)}`), expect: 400 },
  { group: 'openapi', name: 'page=100 (the maximum)', send: get('/api/search?page=100'), expect: 200, check: (ctx, r) => searchOk(r) },
  { group: 'openapi', name: 'page=101 (over the maximum)', send: get('/api/search?page=101'), expect: 400 },
  { group: 'openapi', name: 'suggest without q', send: get('/api/suggest'), expect: 200 },
  { group: 'openapi', name: 'suggest q of 150 × é (150 characters, 300 bytes)', send: get(`/api/suggest?q=${enc('é'.repeat(150))}`), expect: 200 },
  { group: 'openapi', name: 'suggest q of 201 × é', send: get(`/api/suggest?q=${enc('é'.repeat(201))}`), expect: 400 },
  { group: 'openapi', name: 'search q of 1,000 × é', send: get(Q('é'.repeat(1000))), expect: 200, check: (ctx, r) => searchOk(r) },
  { group: 'openapi', name: 'sources q of 200 × é', send: get(`/api/sources?q=${enc('é'.repeat(200))}`), expect: 200 },
  { group: 'openapi', name: 'city value of 64 × é', send: get(`/api/search?city=${enc('é'.repeat(64))}`), expect: 200 },
  { group: 'openapi', name: 'similar limit=0 (declared 400)', send: get('/api/documents/lyon-profile/similar?limit=0'), expect: 400 },

  // --- Unknown facets and slugs.
  { group: 'unknown', name: 'unknown city filter', send: get('/api/search?city=atlantis'), expect: 200, check: (ctx, r) => { searchOk(r); if (r.json.total !== 0) throw new Error('atlantis matched'); } },
  { group: 'unknown', name: 'unknown facet parameter', send: get('/api/search?colour=red&q=energie'), expect: 200, check: (ctx, r) => searchOk(r) },
  { group: 'unknown', name: 'theme value with traversal', send: get(`/api/search?theme=${enc('../../etc/passwd')}`), expect: [200, 400] },
  { group: 'unknown', name: 'unknown city page', send: get('/api/cities/atlantis'), expect: 404, code: 'not_found' },
  { group: 'unknown', name: 'unknown document', send: get('/api/documents/no-such-doc'), expect: 404, code: 'not_found' },
  { group: 'unknown', name: 'similar of an unknown document', send: get('/api/documents/no-such-doc/similar'), expect: 404 },
  { group: 'unknown', name: 'compare unknown cities', send: get('/api/compare?cities=atlantis,eldorado'), expect: [200, 400, 404] },
  { group: 'unknown', name: 'unknown API route', send: get('/api/admin'), expect: 404 },
  { group: 'unknown', name: 'DELETE of an unknown city (authorised)', send: send('DELETE', '/api/cities/atlantis', { headers: AUTH }), expect: 404 },

  // --- Query-syntax bombs.
  ...[['1,999 opening brackets', '('.repeat(1999)], ['1,999 closing brackets', ')'.repeat(1999)],
    ['unbalanced quote', '"energie mobilite'], ['one-letter wildcard', 'a*'], ['lone star', '*'],
    ['300 one-letter wildcards', repeat((i) => `${letters[i % 26]}*`, 300, ' ')],
    ['400 terms OR-ed', repeat((i) => `${letters[i % 26]}${letters[(i * 7) % 26]}`, 400, ' OR ')],
    ['NEAR chain', repeat((i) => `mot${i}`, 150, ' NEAR/1000000 ')], ['operators only', 'AND OR NOT XOR NEAR'],
    ['minus only', '-'], ['empty phrase', '""'], ['field prefixes', 'title:x city:lyon id:* Q:lyon'],
    ['100 phrases', repeat((i) => `"w${i} x${i}"`, 100, ' ')], ['nested boolean soup', '((((a* OR "b c") AND NOT -d) XOR e*) NEAR f'],
    ['wildcards on elisions', "l'* d'* qu'*"], ['long word', 'x'.repeat(1999)], ['NUL in q', 'energie\u0000mobilite'],
    ['RTL and zero-width', '\u202eenergie\u200b\u200d'], ['1,999 spaces', ' '.repeat(1999)],
    // Xapian 1.4.22's parser leaked memory on these (seen by LeakSanitizer
    // when CITYKB_BIN is the build-asan server).
    ['operator before NEAR/n', 'x OR NEAR/6 y'], ['NOT before ADJ/n', 'NOT ADJ/3 y'],
    ['NEAR/n before a field-like word', "-sq NEAR/3 'xotitle:r nea"], ['90 NEAR/n after operators', repeat((i) => `w${i} AND NEAR/${i}`, 90, ' ')]]
    .map(([name, q]) => ({ group: 'syntax', name, send: get(Q(q), { timeoutMs: 15000 }), expect: [200, 400], check: (ctx, r) => { if (r.status === 200) searchOk(r); } })),
  { group: 'syntax', name: 'suggest *', send: get('/api/suggest?q=*'), expect: [200, 400] },
  { group: 'syntax', name: 'suggest one letter', send: get('/api/suggest?q=a'), expect: 200 },
  { group: 'syntax', name: 'compare with a bracket bomb', send: get(`/api/compare?q=${'('.repeat(1999)}`), expect: [200, 400] },
  { group: 'syntax', name: 'compare with 300 wildcards', send: get(`/api/compare?q=${enc(repeat((i) => `${letters[i % 26]}*`, 300, ' '))}`), expect: [200, 400] },

  // --- Path traversal in every encoding: never a file from outside web/.
  ...['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/%252e%252e/%252e%252e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd',
    '/..%5c..%5c..%5cetc%5cpasswd', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '/....//....//....//etc/passwd',
    '/js/../../../../etc/passwd', '/css/..%2f..%2f..%2fCMakeLists.txt', '/%2e%2e%2f%2e%2e%2fCMakeLists.txt', '//etc/passwd',
    '/./././../../etc/passwd', '/%2F%2Fetc%2Fpasswd', '/..%c0%af..%c0%afetc/passwd', '/js/%2e%2e/%2e%2e/.git/config',
    '/.git/config', '/../.git/HEAD', '/%u002e%u002e/etc/passwd', '/..;/..;/etc/passwd', '/js/..\\..\\..\\etc\\passwd']
    .map((target) => ({ group: 'traversal', name: target, send: get(target), expect: [200, 400, 403, 404], check: indexOrError })),
  { group: 'traversal', name: 'NUL-byte truncation /index.html%00.js', send: get('/index.html%00.js'), expect: 400 },
  { group: 'traversal', name: 'absolute-form target', send: get('http://127.0.0.1/../../etc/passwd'), expect: ['4xx', 200], check: indexOrError },
  { group: 'traversal', name: 'document id with encoded traversal', send: get('/api/documents/..%2f..%2f..%2fetc%2fpasswd'), expect: 404, check: indexOrError },
  { group: 'traversal', name: 'DELETE with an encoded traversal slug (authorised)', send: send('DELETE', '/api/cities/..%2f..%2fetc%2fpasswd', { headers: AUTH }), expect: '4xx' },

  // --- Ranges.
  { group: 'range', name: 'two ranges on the API', send: get('/api/health', { headers: { Range: 'bytes=0-1,2-3' } }), expect: 416, code: 'range_not_satisfiable' },
  { group: 'range', name: '1,000 ranges on a static file', send: get('/index.html', { headers: { Range: `bytes=${repeat('0-', 1000, ',')}` } }), expect: 416, check: (ctx, r) => { if (r.body.length > 1000) throw new Error('amplified'); } },
  { group: 'range', name: 'a range on the API is ignored (whole JSON)', send: get('/api/health', { headers: { Range: 'bytes=0-3' } }), expect: 200, check: (ctx, r) => { if (!r.json || !r.json.status) throw new Error('cut JSON'); } },
  { group: 'range', name: 'a range on a static file', send: get('/index.html', { headers: { Range: 'bytes=0-3' } }), expect: 206, check: (ctx, r) => { if (r.body.length !== 4) throw new Error('not 4 bytes'); } },
  { group: 'range', name: 'a range on a 404 is ignored', send: get('/nope.txt', { headers: { Range: 'bytes=0-3' } }), expect: 404, code: 'not_found' },
  { group: 'range', name: 'a malformed range', send: get('/api/health', { headers: { Range: 'bytes=abc' } }), expect: [200, 416] },
  // Issue 17 (5): was an empty 416 with a malformed Content-Range.
  { group: 'range', name: 'a range past the end of a file', send: get('/index.html', { headers: { Range: 'bytes=99999999-' } }), expect: 416, code: 'range_not_satisfiable', check: (ctx, r) => { const cr = (r.headers['content-range'] || [''])[0]; if (cr !== `bytes */${Buffer.byteLength(ctx.indexHtml)}`) throw new Error(`Content-Range "${cr}"`); } },
  { group: 'range', name: 'a range of 0 bytes at the end (bytes=-0)', send: get('/index.html', { headers: { Range: 'bytes=-0' } }), expect: 416, code: 'range_not_satisfiable' },
  { group: 'range', name: 'a range up to the last byte is served', send: get('/index.html', { headers: { Range: 'bytes=-5' } }), expect: 206, check: (ctx, r) => { if (r.body.length !== 5) throw new Error('not 5 bytes'); } },

  // --- Chunked and ambiguous bodies.
  { group: 'framing', name: 'chunked upload of 3 MiB (authorised)', send: raw(Buffer.concat([Buffer.from(`POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n300000\r\n`), Buffer.alloc(3 << 20, 0x61), Buffer.from('\r\n0\r\n\r\n')])), expect: 411, code: 'length_required', proxyExpect: [411, 'closed'] },
  { group: 'framing', name: 'chunked plus Content-Length (smuggling)', send: raw(`POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/cities/lyon HTTP/1.1\r\nHost: x\r\n\r\n`), expect: 411 },
  { group: 'framing', name: 'Transfer-Encoding: gzip', send: raw(`POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}`), expect: 411, proxyExpect: 400 },
  { group: 'framing', name: 'transfer-encoding in lower case, Chunked', send: raw('POST /api/cities/validate HTTP/1.1\r\nHost: x\r\ntransfer-encoding: Chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'), expect: 411 },
  { group: 'framing', name: 'GET with a chunked body', send: raw('GET /api/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'), expect: 411 },
  // Issue 17 (5): conflicting or malformed lengths were accepted (first wins, "+2" and "2abc" read as 2).
  { group: 'framing', name: 'two different Content-Length headers', send: raw(`POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{}`), expect: 400, code: 'bad_request' },
  ...['+2', '2abc', '2, 2', ' ', '0x2', '2.0', '99999999999999999999999']
    .map((v) => ({ group: 'framing', name: `Content-Length: "${v}"`, send: raw(`POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${v}\r\nConnection: close\r\n\r\n{}`), expect: v === '99999999999999999999999' ? [400, 413] : 400,
      // The proxy merges a list of equal lengths into one (RFC 9110 8.6).
      ...(v === '2, 2' ? { proxyExpect: [400, 422] } : {}) })),
  { group: 'framing', name: 'two equal Content-Length headers', send: raw(`POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`), expect: 422 },
  // Issue 17 (1): a POST without a length was read to EOF with no limit.
  { group: 'framing', name: 'POST without a length, body then EOF (no token needed)', send: raw('POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}'), expect: 411, code: 'length_required' },
  { group: 'framing', name: 'Expect: 100-continue with a huge length', send: raw('POST /api/cities/validate HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 50000000\r\n\r\n'), expect: [413, 417] },
  { group: 'framing', name: 'POST with no length (authorised)', send: raw(`POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nConnection: close\r\n\r\n`), expect: 411, code: 'length_required' },
  { group: 'framing', name: 'DELETE without a length has no body', send: send('DELETE', '/api/cities/atlantis', { headers: AUTH }), expect: 404 },

  // --- Floods of headers, odd request lines and methods.
  { group: 'headers', name: '10,000 headers', send: get('/api/health', { headers: Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`X-Flood-${i}`, 'v'])) }), expect: [200, '4xx', 'closed'] },
  { group: 'headers', name: 'one header of 100 KB', send: get('/api/health', { headers: { 'X-Big': 'a'.repeat(100000) } }), expect: ['4xx', 'closed'] },
  { group: 'headers', name: 'one header of 4 MB', send: get('/api/health', { headers: { 'X-Huge': 'a'.repeat(4 << 20) } }), expect: ['4xx', 'closed'] },
  { group: 'headers', name: 'header without a colon', send: raw('GET /api/health HTTP/1.1\r\nHost: x\r\nthis is not a header\r\nConnection: close\r\n\r\n'), expect: [200, '4xx'] },
  { group: 'headers', name: 'NUL in a header value', send: raw('GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n'), expect: [200, '4xx'] },
  { group: 'headers', name: 'hostile Host in CSV permalinks', send: get('/api/search?format=csv&q=energie', { headers: { Host: 'evil"><script>alert(1)</script>' } }), expect: 200, check: (ctx, r) => { if (r.text.includes('<script>')) throw new Error('Host echoed into CSV'); } },
  // Issue 17 (5): HTTP/1.1 without Host was answered 200.
  { group: 'headers', name: 'no Host header', send: raw('GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n'), expect: 400, code: 'bad_request' },
  { group: 'headers', name: 'two Host headers', send: raw('GET /api/health HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n'), expect: 400, code: 'bad_request' },
  { group: 'headers', name: 'HTTP/1.0 without Host is fine', send: raw('GET /api/health HTTP/1.0\r\n\r\n'), expect: 200 },
  { group: 'headers', name: '101 headers', send: get('/api/health', { headers: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`X-H-${i}`, 'v'])) }), expect: 431, code: 'headers_too_large' },
  { group: 'headers', name: '100 headers in all are fine', send: get('/api/health', { headers: Object.fromEntries(Array.from({ length: 98 }, (_, i) => [`X-H-${i}`, 'v'])) }), expect: 200 },
  { group: 'headers', name: 'Host: evil.example never reaches CSV permalinks', send: get('/api/search?format=csv&q=energie', { headers: { Host: 'evil.example' } }), expect: 200, check: (ctx, r) => { if (r.text.includes('evil.example')) throw new Error('Host echoed into CSV'); if (!r.text.includes(`http://127.0.0.1:${ctx.port}/documents/`)) throw new Error('permalinks not on the server\'s own address'); } },
  { group: 'headers', name: 'HTTP/9.9', send: raw('GET /api/health HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n'), expect: [200, '4xx', 505] },
  { group: 'headers', name: 'unknown method', send: send('FOO', '/api/health'), expect: '4xx' },
  { group: 'headers', name: 'TRACE does not echo', send: send('TRACE', '/api/health', { headers: { 'X-Secret': 'echo-me' } }), expect: '4xx', check: (ctx, r) => { if (r.text.includes('echo-me')) throw new Error('TRACE echoed'); } },
  { group: 'headers', name: 'PUT on the city collection', send: send('PUT', '/api/cities', { headers: AUTH, body: JSON.stringify(VALID) }), expect: '4xx' },
  { group: 'headers', name: 'binary garbage', send: raw(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))), expect: ['4xx', 'closed'] },
  { group: 'headers', name: 'bare LF line ends', send: raw('GET /api/health HTTP/1.1\nHost: x\nConnection: close\n\n'), expect: 400, proxyExpect: [400, 200] },
  { group: 'headers', name: 'obsolete line folding', send: raw('GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n'), expect: 400, proxyExpect: [400, 200] },

  // --- CR/LF in parameters and paths: no header injection.
  { group: 'crlf', name: 'CRLF + Set-Cookie in q', send: get('/api/search?q=a%0D%0ASet-Cookie:%20pwned=1'), expect: 200, check: noHeader('set-cookie') },
  { group: 'crlf', name: 'CRLF in a city slug', send: get('/api/cities/a%0d%0aX-Injected:%201'), expect: 404, check: noHeader('x-injected') },
  { group: 'crlf', name: 'CRLF in q of a CSV export', send: get('/api/search?format=csv&q=%0d%0aX-Injected:%201'), expect: 200, check: noHeader('x-injected') },
  { group: 'crlf', name: 'CRLF in the side-by-side theme (CSV file name)', send: get('/api/compare?view=side-by-side&format=csv&theme=a%0d%0aX-Injected:%201'), expect: [200, 400, 404], check: noHeader('x-injected') },
  { group: 'crlf', name: 'raw CR in the request target', send: raw('GET /api/search?q=a\rb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), expect: ['4xx', 'closed', 200] },
  { group: 'crlf', name: 'bare CR inside a header value', send: raw('GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\rX-Injected: 1\r\nConnection: close\r\n\r\n'), expect: [200, '4xx'], check: noHeader('x-injected') },

  // --- Writes without the right token: 401 (each from its own address).
  ...[['no Authorization header', {}], ['wrong token', { Authorization: 'Bearer nope' }],
    ['empty bearer', { Authorization: 'Bearer ' }], ['Basic scheme', { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` }],
    ['two spaces before the token', { Authorization: `Bearer  ${ADMIN_TOKEN}` }], ['token plus a byte', { Authorization: `Bearer ${ADMIN_TOKEN}x` }],
    ['token prefix only', { Authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }], ['lower-case scheme', { Authorization: `bearer ${ADMIN_TOKEN}` }]]
    .map(([name, headers]) => {
      const localAddress = freshAddress();
      return { group: 'auth', name: `POST with ${name}`, send: send('POST', '/api/cities', { localAddress, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(VALID) }), expect: 401, code: 'unauthenticated' };
    }),
  { group: 'auth', name: 'token in the query string', send: send('POST', `/api/cities?token=${ADMIN_TOKEN}`, { localAddress: freshAddress(), headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(VALID) }), expect: 401 },
  { group: 'auth', name: 'DELETE Lyon without a token', send: send('DELETE', '/api/cities/lyon', { localAddress: freshAddress() }), expect: 401 },
  { group: 'auth', name: 'DELETE Lyon with a wrong token', send: send('DELETE', '/api/cities/lyon', { localAddress: freshAddress(), headers: { Authorization: 'Bearer guess' } }), expect: 401 },
];

// Payloads stored through the API and read back: they must come back as
// the same inert JSON strings, with snippets HTML-escaped.
export const XSS = {
  name: 'Testville <img src=x onerror="alert(\'city\')">',
  title: '<script>alert("title")</script>Testville <svg onload=alert(1)> profil',
  body: 'Texte piégé <img src=x onerror="alert(\'body\')"> et <script>alert("body")</script> bordelaisxss.',
  person: '<script>alert("person")</script>Camille "Exemple" \u2028\u2029',
};

export function xssBundle() {
  const b = bundle();
  b.city.name = XSS.name;
  b.people[0].name = XSS.person;
  const profile = b.documents.find((d) => d.kind === 'profile');
  profile.title.fr = XSS.title;
  profile.title.en = XSS.title;
  profile.body.fr = XSS.body;
  profile.body.en = XSS.body;
  return b;
}
