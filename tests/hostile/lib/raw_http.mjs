// HTTP over raw TCP sockets, so that a test can send exactly the bytes it
// wants (bad request lines, CR/LF, invalid UTF-8, chunked bodies, floods of
// headers) and read exactly what comes back, from a chosen loopback source
// address (127.0.0.0/8 is all local on Linux).
import net from 'node:net';

// Builds the bytes of one request. `body` may be a string or a Buffer; a
// Content-Length is added for it unless `headers` already says how the body
// is framed (or `noLength` is set).
export function buildRequest(method, target, { headers = {}, body, noLength = false, version = 'HTTP/1.1' } = {}) {
  const lines = [`${method} ${target} ${version}`];
  const names = Object.keys(headers).map((h) => h.toLowerCase());
  if (!names.includes('host')) lines.push('Host: 127.0.0.1');
  if (!names.includes('connection')) lines.push('Connection: close');
  for (const [name, value] of Object.entries(headers)) {
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v}`);
  }
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  if (body !== undefined && !noLength && !names.includes('content-length') && !names.includes('transfer-encoding')) {
    lines.push(`Content-Length: ${payload.length}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

// Parses the first HTTP response in `buf`: {status, headers (lower-case
// name -> array of values), body (Buffer), complete}.
export function parseResponse(buf) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
  if (!m) return { status: 0, headers: {}, body: buf, complete: true, malformed: true };
  // An interim answer (100 Continue) is followed by the real one.
  if (m[1][0] === '1') return parseResponse(buf.subarray(end + 4));
  const headers = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ||= []).push(line.slice(colon + 1).trim());
  }
  const rest = buf.subarray(end + 4);
  const length = headers['content-length'] ? Number(headers['content-length'][0]) : null;
  const complete = length !== null && rest.length >= length;
  return { status: Number(m[1]), headers, body: length === null ? rest : rest.subarray(0, length), complete };
}

// Sends `data` (a Buffer, or an array of Buffers sent one after another
// with `gapMs` between them) and resolves with what came back:
// {status, headers, body, text, json, closed, timedOut, error, raw}. A
// response is complete when its Content-Length has arrived or the server
// closed the connection. Never rejects.
export function rawRequest(port, data, { host = '127.0.0.1', localAddress, timeoutMs = 10000, gapMs = 0 } = {}) {
  return new Promise((resolvePromise) => {
    const chunks = [];
    let settled = false;
    let sendError = null;
    const socket = net.connect({ host, port, localAddress });
    const finish = (extra = {}) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      const parsed = parseResponse(raw);
      const out = { raw, status: 0, headers: {}, body: Buffer.alloc(0), ...(parsed || {}), ...extra };
      if (!out.error && sendError && !parsed) out.error = sendError;
      out.text = out.body.toString('utf8');
      try {
        out.json = JSON.parse(out.text);
      } catch {
        out.json = undefined;
      }
      resolvePromise(out);
    };
    const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const parsed = parseResponse(Buffer.concat(chunks));
      if (parsed && parsed.complete) finish();
    });
    socket.on('end', () => finish({ closed: true }));
    socket.on('close', () => finish({ closed: true }));
    socket.on('error', (e) => {
      // EPIPE/ECONNRESET while we were still sending: the server may have
      // answered and closed early (e.g. 413); keep reading what arrived.
      sendError = e.code || String(e);
      if (chunks.length === 0) finish({ closed: true, error: sendError });
    });
    socket.on('connect', async () => {
      const parts = Array.isArray(data) ? data : [data];
      for (let i = 0; i < parts.length && !settled; i += 1) {
        if (i > 0 && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        if (!socket.destroyed && socket.writable) socket.write(parts[i]);
      }
    });
  });
}

// Convenience: one request built by buildRequest and sent by rawRequest.
export function request(port, method, target, options = {}) {
  return rawRequest(port, buildRequest(method, target, options), options);
}
