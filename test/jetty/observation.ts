/**
 * Turns what a server answered into an Observation: named aspects (status, the headers that matter, the
 * body's class, what happened to the connection) with values normalised so that two equivalent answers
 * from Jetty and Pier are equal strings, and two different ones are not.
 * @module
 */
import { RawResponse } from './raw-exchange';
import { classifyBody, FixtureFiles, maskVolatile } from './body-class';
import { FIXTURE_MTIME } from './differential-bases';

/** Aspect name → normalised value, in the order they were observed. */
export type Observation = Map<string, string>;

/** What a value is when one server shows an aspect and the other does not. */
export const ABSENT = '(none)';

/** What the normaliser needs to know about the server that answered. */
export interface ObservationContext {
  port: number;
  /** The server's jetty.base root folder: a body that shows it leaks a filesystem path. */
  baseFolder: string;
  fixtures: FixtureFiles;
}

/**
 * The response headers compared, each with its normaliser. Others (Content-Length, Transfer-Encoding: see
 * the `framing` aspect; Date's value) are left out on purpose.
 */
const COMPARED_HEADERS: Record<string, (values: string[], ctx: ObservationContext) => string> = {
  'Location': (v, ctx) => v.map((l) => hidePort(maskVolatile(l), ctx)).join(' | '),
  'Allow': (v) =>
    v
      .join(',')
      .split(',')
      .map((m) => m.trim().toUpperCase())
      .filter(Boolean)
      .sort()
      .join(', '),
  'Content-Type': (v) => v.map(normaliseContentType).join(' | '),
  'Content-Range': (v) => v.join(' | '),
  'Content-Encoding': (v) => v.join(' | '),
  'Content-Language': (v) => v.join(' | '),
  'Set-Cookie': (v) => v.map(normaliseSetCookie).join(' | '),
  'Expires': (v) => v.join(' | '),
  'Cache-Control': (v) =>
    v
      .join(',')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .join(','),
  'Pragma': (v) => v.join(' | '),
  'ETag': (v) => v.map((e) => (e.startsWith('W/"') ? 'W/"<tag>"' : e.startsWith('"') ? '"<tag>"' : `malformed ${e}`)).join(' | '),
  'Last-Modified': (v) => v.map((d) => (d === FIXTURE_MTIME.toUTCString() ? d : '<not the fixture date>')).join(' | '),
  'Accept-Ranges': (v) => v.join(' | '),
  'Server': (v) => v.map((s) => s.replace(/\(.*\)/, '(<version>)')).join(' | '),
  'Connection': (v) => v.join(',').toLowerCase(),
  'Keep-Alive': (v) => v.join(' | '),
  'Vary': (v) =>
    v
      .join(',')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .sort()
      .join(', '),
  // a Digest challenge's nonce is the server's random value: its shape is compared
  'WWW-Authenticate': (v) => v.map((c) => c.replace(/nonce="[A-Za-z0-9+/=]*"/, (n) => `nonce="<${n.length - 8} base64 characters>"`)).join(' | '),
  'X-Admin-Filter': (v) => v.join(' | '),
  'Strict-Transport-Security': (v) => v.join(' | '),
  'Date': () => '<date>',
};

/** The aspects of one response. `prefix` names the step in a case of several exchanges ("2: status"). */
export function observeResponse(r: RawResponse, ctx: ObservationContext, prefix = ''): Observation {
  const o: Observation = new Map();
  const put = (aspect: string, value: string): void => {
    o.set(prefix + aspect, value);
  };
  if (r.tlsProtocol !== undefined) put('tls protocol', r.tlsProtocol);
  if (r.interim.length > 0) put('interim', r.interim.join(', '));
  if (r.status === null) {
    put('outcome', r.outcome);
    return o;
  }
  if (r.status < 0) put('status', `not HTTP: ${r.version}`);
  else {
    put('status', String(r.status));
    put('reason', r.reason);
  }
  if (r.version !== 'HTTP/1.1') put('version', r.version);
  for (const [name, normalise] of Object.entries(COMPARED_HEADERS)) {
    const values = r.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
    if (values.length > 0) put(`header ${name}`, normalise(values, ctx));
  }
  put('framing', r.framing);
  const contentType = r.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
  const contentRange = r.headers.find(([n]) => n.toLowerCase() === 'content-range')?.[1] ?? '';
  if (!r.complete) put('body', 'cut off before its end');
  else for (const [aspect, value] of classifyBody(r.body, contentType, contentRange, ctx)) put(aspect, value);
  put('connection', r.afterResponse === 'closed' ? 'closed after the response' : r.afterResponse === 'kept open' ? 'kept open' : 'n/a');
  return o;
}

/** `127.0.0.1:<own port>` reads `127.0.0.1:<port>` on both servers. */
export function hidePort(text: string, ctx: ObservationContext): string {
  return text.split(`:${ctx.port}`).join(':<port>');
}

function normaliseContentType(value: string): string {
  return value
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i) => (i === 0 ? p.toLowerCase() : p.replace(/^([^=]+)=/, (_, k: string) => `${k.toLowerCase()}=`)))
    .map((p) => (p.startsWith('charset=') ? p.toLowerCase() : p.startsWith('boundary=') ? 'boundary=<boundary>' : p))
    .join(';');
}

/**
 * A Set-Cookie line: the name, the value (a session id reads as its shape), and the attributes sorted, with
 * an Expires date (which depends on the clock) reduced to its presence.
 */
export function normaliseSetCookie(line: string): string {
  const [pair, ...attrs] = line.split(';').map((p) => p.trim());
  const eq = pair.indexOf('=');
  const name = eq < 0 ? pair : pair.slice(0, eq);
  const value = eq < 0 ? '' : pair.slice(eq + 1);
  const shown = /^node0[0-9a-z]+\.node0$/.test(value)
    ? `<node0 + ${value.length - 11 >= 20 ? '20 or more' : 'fewer than 20'} base-36 characters + .node0>`
    : value;
  const attributes = attrs
    .filter(Boolean)
    .map((a) => (/^expires=/i.test(a) ? 'Expires=<date>' : a))
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  return [`${name}=${shown}`, ...attributes].join('; ');
}
