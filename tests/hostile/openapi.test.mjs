// Issue 17 (6): the served OpenAPI description says exactly what the server
// does. Probes (valid and hostile) go to every operation; every status that
// comes back must be declared for that operation, and every error must have
// the declared Error shape. Also checks the description itself: every $ref
// resolves, the limits and enums the server enforces are stated.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertJsonError } from './lib/checks.mjs';
import { buildRequest, rawRequest, request } from './lib/raw_http.mjs';
import { startServer } from './lib/server.mjs';

let server;
let spec;

before(async () => {
  server = await startServer({ writable: false });
  const res = await request(server.port, 'GET', '/api/openapi.json');
  assert.equal(res.status, 200);
  spec = res.json;
});

after(async () => {
  if (server) await server.stop();
});

// The operation of `method` on the concrete `path`.
function operation(method, path) {
  for (const [template, item] of Object.entries(spec.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(path) && item[method.toLowerCase()]) return { template, op: item[method.toLowerCase()] };
  }
  return null;
}

test('every $ref resolves', () => {
  const refs = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === '$ref' ? refs.push(x) : walk(x));
  };
  walk(spec);
  assert.ok(refs.length > 20);
  for (const ref of refs) {
    const target = ref.replace(/^#\//, '').split('/').reduce((o, k) => (o ? o[k] : undefined), spec);
    assert.ok(target, `unresolved ${ref}`);
  }
});

test('the limits and enums the server enforces are in the description', () => {
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const status of ['400', '408', '411', '413', '414', '416', '431', '503']) {
        assert.ok(op.responses[status], `${method.toUpperCase()} ${path} does not declare ${status}`);
      }
    }
  }
  const params = (path, method = 'get') => Object.fromEntries(spec.paths[path][method].parameters.map((p) => [p.name, p]));
  assert.deepEqual(spec.components.schemas.Kind.enum, ['profile', 'role', 'practice', 'interview', 'milestone']);
  assert.equal(params('/api/search').page.schema.maximum, 100);
  assert.equal(params('/api/search').per_page.schema.maximum, 100);
  assert.ok(!params('/api/suggest').q.required, 'q is optional on /api/suggest');
  assert.equal(params('/api/suggest').q.schema.maxLength, 200);
  assert.equal(params('/api/compare').q.schema.maxLength, 2000);
  assert.ok(params('/api/compare').kind && params('/api/compare').top && params('/api/compare').lang, 'compare declares kind, top, lang');
  assert.ok(params('/api/cities').lang, '/api/cities declares lang');
});

const probes = [
  ['GET', '/api/search?q=energie'], ['GET', '/api/search?kind=xyz'], ['GET', '/api/search?page=1001'],
  ['GET', '/api/search?per_page=5&per_page=500'], ['GET', `/api/search?q=${encodeURIComponent('é'.repeat(2001))}`],
  ['GET', '/api/suggest'], ['GET', `/api/suggest?q=${encodeURIComponent('é'.repeat(150))}`], ['GET', '/api/suggest?limit=0'],
  ['GET', '/api/documents/lyon-profile'], ['GET', '/api/documents/nope'],
  ['GET', '/api/documents/lyon-profile/similar?limit=0'], ['GET', '/api/documents/nope/similar'],
  ['GET', '/api/documents/lyon-profile/similar?same_city=maybe'],
  ['GET', '/api/compare'], ['GET', '/api/compare?view=side-by-side&theme=no-such-theme'], ['GET', '/api/compare?view=side-by-side'],
  ['GET', '/api/compare?cities=atlantis'], ['GET', '/api/compare?top=99'], ['GET', '/api/compare?kind=xyz'],
  ['GET', '/api/cities'], ['GET', '/api/cities?lang=de'], ['GET', '/api/cities/lyon'], ['GET', '/api/cities/atlantis'],
  ['GET', '/api/sources'], ['GET', '/api/sources/nope'], ['GET', '/api/people/nope'], ['GET', '/api/people/x?lang=xx'],
  ['GET', '/api/timeline?from=2020-13'], ['GET', '/api/timeline?from=2020&to=2024-06'],
  ['GET', '/api/changes?since=-1'], ['GET', '/api/taxonomy'], ['GET', '/api/health'], ['GET', '/api/openapi.json'],
  ['POST', '/api/cities', { body: '{}', headers: { 'Content-Type': 'application/json' } }],
  ['POST', '/api/cities', { body: '{}', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer x' } }],
  ['POST', '/api/cities/validate', { body: '{}', headers: { 'Content-Type': 'application/json' } }],
  ['POST', '/api/cities/validate', { noLength: true, body: '{}' }],
  ['POST', '/api/cities/validate', { body: 'x'.repeat(3 << 20) }],
  ['DELETE', '/api/cities/lyon'],
  ['GET', '/api/health', { headers: { Range: 'bytes=0-1,2-3' } }],
  ['GET', '/api/taxonomy', { headers: { 'Transfer-Encoding': 'chunked' }, body: '0\r\n\r\n', noLength: true }],
  ['GET', `/api/search?q=${'a'.repeat(9000)}`],
  ['GET', '/api/health', { headers: Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`X-${i}`, 'v'])) }],
];

for (const [method, target, opts = {}] of probes) {
  test(`${method} ${target.slice(0, 80)}: the status is declared`, async () => {
    const res = await rawRequest(server.port, buildRequest(method, target, opts), { localAddress: '127.0.0.150' });
    assert.ok(res.status > 0, `no answer: ${res.error || ''}`);
    const path = target.split('?')[0];
    const found = operation(method, path);
    assert.ok(found, `no operation for ${method} ${path}`);
    assert.ok(found.op.responses[String(res.status)], `${method} ${found.template} answered ${res.status}, not declared: ${res.text.slice(0, 200)}`);
    if (res.status >= 400) assertJsonError(res, `${method} ${target.slice(0, 60)}`);
  });
}
