// What every answer of citykb must satisfy, hostile request or not, and the
// matching of an answer against a case's expectation.
import assert from 'node:assert/strict';
import { behindProxy, isProxyParseRefusal } from './proxy.mjs';
import { request } from './raw_http.mjs';

// Security headers every page and API answer carries.
export function assertSecurityHeaders(res, where) {
  const h = (name) => (res.headers[name] || []).join(', ');
  const csp = h('content-security-policy');
  assert.match(csp, /default-src 'self'/, `${where}: CSP default-src 'self' (got "${csp}")`);
  assert.match(csp, /frame-ancestors 'none'/, `${where}: CSP frame-ancestors 'none'`);
  assert.equal(h('x-content-type-options'), 'nosniff', `${where}: X-Content-Type-Options`);
  assert.ok(h('referrer-policy'), `${where}: Referrer-Policy`);
}

// Words that would show internals: paths of the machine, library names,
// C++ exception text, SQL.
const INTERNAL = /\/work\/|\/home\/|\/usr\/|\.cc\b|\.cpp\b|\.hpp?\b|std::|what\(\)|exception|sqlite|xapian|httplib|SQL|SELECT |segmentation|stack trace|assert/i;

// An error answer: JSON {error: {code, message, field?}} without internals.
export function assertJsonError(res, where, code) {
  const type = (res.headers['content-type'] || [''])[0];
  assert.match(type, /^application\/json/, `${where}: error Content-Type is JSON (got "${type}")`);
  assert.ok(res.json && typeof res.json === 'object', `${where}: error body is JSON: ${res.text.slice(0, 200)}`);
  const e = res.json.error;
  assert.ok(e && typeof e.code === 'string' && typeof e.message === 'string',
    `${where}: error shape {error:{code,message}}: ${res.text.slice(0, 200)}`);
  if (code) assert.equal(e.code, code, `${where}: error code`);
  for (const text of [e.message, ...(e.problems || []).map((p) => p.reason)]) {
    assert.doesNotMatch(String(text), INTERNAL, `${where}: error leaks internals: ${text}`);
  }
}

// Does `res` match one expectation: a status number, a class ('2xx',
// '4xx'), or 'closed' (the server hung up without answering)?
function matchesOne(res, e) {
  if (e === 'closed') return res.status === 0 && !res.timedOut;
  if (typeof e === 'string' && /^\dxx$/.test(e)) return Math.floor(res.status / 100) === Number(e[0]);
  return res.status === e;
}

// Checks one case's answer against its expectation and the rules for all answers.
// Behind the proxy (CITYKB_BEHIND_PROXY=1) a case's `proxyExpect`, when it
// has one, replaces `expect`: the proxy normalises some requests citykb
// alone refuses, and refuses some itself with its own built-in HTML 400.
export function assertAnswer(res, kase, where) {
  const wanted = behindProxy() && kase.proxyExpect !== undefined ? kase.proxyExpect : kase.expect;
  const expected = Array.isArray(wanted) ? wanted : [wanted];
  assert.ok(!res.timedOut, `${where}: no answer in time`);
  assert.ok(res.status < 500, `${where}: answered ${res.status}: ${res.text.slice(0, 300)}`);
  assert.ok(expected.some((e) => matchesOne(res, e)),
    `${where}: expected ${expected.join(' or ')}, got ${res.status || 'no answer'}${res.error ? ` (${res.error})` : ''}: ${res.text.slice(0, 300)}`);
  if (res.status === 0) return;
  if (behindProxy() && isProxyParseRefusal(res)) return;
  assertSecurityHeaders(res, where);
  // A page of the web UI that does not exist answers 404 with the page
  // itself, which renders its not-found view: never a file from elsewhere.
  // (API errors are always JSON: the API never answers text/html.)
  const type = (res.headers['content-type'] || [''])[0];
  if (res.status === 404 && /^text\/html/.test(type)) {
    assert.match(res.text, /<!doctype html>/i, `${where}: a 404 page is the web UI`);
    assert.doesNotMatch(res.text, /root:|cmake_minimum_required/, `${where}: no file from outside web/`);
    return;
  }
  if (res.status >= 400 && !kase.plainError) assertJsonError(res, where, kase.code);
}

export async function health(port) {
  const res = await request(port, 'GET', '/api/health', { timeoutMs: 10000 });
  assert.equal(res.status, 200, `/api/health answered ${res.status || res.error || 'nothing'}: ${res.text}`);
  return res.json;
}

export async function lastSeq(port) {
  const res = await request(port, 'GET', '/api/changes?since=0&limit=1', { timeoutMs: 10000 });
  assert.equal(res.status, 200, `/api/changes answered ${res.status}`);
  return res.json.last_seq;
}
