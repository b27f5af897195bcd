/**
 * Malformed and unusual requests (issue 11 item 9), Expect: 100-continue (item 10) and form limits (item 8):
 * the answers must be Jetty's, in Jetty's format.
 * @module
 */
import { DifferentialCase, get, httpRequest, rawLines, single } from '../differential-case';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** `k0=v&k1=v&…` with `keys` keys. */
function formOf(keys: number): string {
  return Array.from({ length: keys }, (_, i) => `k${i}=v`).join('&');
}

/** A form of one key whose body is exactly `bytes` long. */
function formOfSize(bytes: number): string {
  return `a=${'x'.repeat(bytes - 2)}`;
}

export const requestCases: DifferentialCase[] = [
  // item 9
  single('malformed.long-request-line', 'a request line of 9,000 characters', get(`/app/${'a'.repeat(9000)}`), { item: 9 }),
  single('malformed.long-header', 'a header of 9,000 characters', get('/app/index.html', { 'X-Long': 'b'.repeat(9000) }), { item: 9 }),
  single('malformed.bad-host-port', 'Host: 127.0.0.1:abc', get('/app/index.html', { Host: '127.0.0.1:abc' }), { item: 9 }),
  single('malformed.http09', 'an HTTP/0.9 request line (no version)', 'GET /app/index.html\r\n\r\n', { item: 9 }),
  single('malformed.unknown-method-static', 'FOO /app/index.html', httpRequest('FOO', '/app/index.html'), { item: 9 }),
  single('malformed.unknown-method-probe', 'FOO /app/probe/info', httpRequest('FOO', '/app/probe/info'), { item: 9 }),
  single('malformed.unknown-version', 'GET /app/index.html HTTP/1.2', httpRequest('GET', '/app/index.html', {}, undefined, 'HTTP/1.2'), { item: 9 }),
  single('malformed.version-2', 'GET /app/index.html HTTP/2.0', httpRequest('GET', '/app/index.html', {}, undefined, 'HTTP/2.0'), { item: 9 }),
  single('malformed.version-lower-case', 'GET /app/index.html http/1.1', httpRequest('GET', '/app/index.html', {}, undefined, 'http/1.1'), {
    item: 9,
  }),
  single('malformed.no-host', 'HTTP/1.1 without Host', rawLines('GET /app/index.html HTTP/1.1'), { item: 9 }),
  single('malformed.two-hosts', 'two Host headers', rawLines('GET /app/index.html HTTP/1.1', 'Host: localhost', 'Host: other.example'), { item: 9 }),
  single('malformed.space-in-header-name', 'a header name with a space', rawLines('GET /app/index.html HTTP/1.1', 'Host: localhost', 'Bad Name: x'), {
    item: 9,
  }),
  single(
    'malformed.folded-header',
    'an obsolete folded header line',
    rawLines('GET /app/index.html HTTP/1.1', 'Host: localhost', 'X-Folded: a', ' b'),
    { item: 9 },
  ),
  single('malformed.bare-lf', 'a request with bare LF line ends', 'GET /app/index.html HTTP/1.1\nHost: localhost\n\n', { item: 9 }),
  single(
    'malformed.length-and-chunked',
    'Content-Length and Transfer-Encoding: chunked together',
    rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Content-Length: 5', 'Transfer-Encoding: chunked') + '0\r\n\r\n',
    { item: 9 },
  ),
  single(
    'malformed.two-lengths',
    'two different Content-Length headers',
    rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Content-Length: 1', 'Content-Length: 2') + 'ab',
    { item: 9 },
  ),
  single('malformed.negative-length', 'Content-Length: -1', rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Content-Length: -1'), {
    item: 9,
  }),
  single(
    'malformed.unknown-transfer-encoding',
    'Transfer-Encoding: gzip',
    rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Transfer-Encoding: gzip') + 'abc',
    { item: 9 },
  ),
  single('malformed.absolute-form', 'GET http://localhost/app/probe/info (absolute form)', get('http://localhost/app/probe/info')),
  single('malformed.asterisk-get', 'GET * HTTP/1.1', get('*'), { item: 9 }),
  single('malformed.options-asterisk', 'OPTIONS * HTTP/1.1', httpRequest('OPTIONS', '*'), { item: 9 }),
  single('malformed.tls-hello', 'a TLS ClientHello on the plain port', Buffer.from('16030100a5010000a10303000102030405060708090a0b0c0d0e0f', 'hex'), {
    item: 9,
  }),
  single('malformed.control-in-target', 'a request target with a raw control character', 'GET /app/\x01 HTTP/1.1\r\nHost: localhost\r\n\r\n', {
    item: 9,
  }),
  single('malformed.empty-line-first', 'an empty line before the request line', `\r\n${get('/app/index.html').toString('latin1')}`, { item: 9 }),

  // item 10
  single(
    'expect.405-static',
    'PUT /app/index.html with Expect: 100-continue (405)',
    httpRequest('PUT', '/app/index.html', { 'Content-Length': '5', Expect: '100-continue' }),
    { item: 10, continueBody: 'hello' },
  ),
  single(
    'expect.405-probe',
    'PUT /app/probe/info with Expect: 100-continue (405)',
    httpRequest('PUT', '/app/probe/info', { 'Content-Length': '5', Expect: '100-continue' }),
    { item: 10, continueBody: 'hello' },
  ),
  single(
    'expect.read-body',
    'POST /app/probe/body with Expect: 100-continue (the servlet reads the body)',
    httpRequest('POST', '/app/probe/body', { 'Content-Type': 'application/octet-stream', 'Content-Length': '5', Expect: '100-continue' }),
    { item: 10, continueBody: 'hello' },
  ),
  single(
    'expect.404',
    'POST /app/nope.html with Expect: 100-continue (404)',
    httpRequest('POST', '/app/nope.html', { 'Content-Length': '5', Expect: '100-continue' }),
    { item: 10, continueBody: 'hello' },
  ),
  single('expect.unknown-expectation', 'GET /app/index.html with Expect: something-else', get('/app/index.html', { Expect: 'something-else' }), {
    item: 10,
  }),

  // item 8
  single('forms.default-within-keys', 'a form of 1,000 keys to /app', httpRequest('POST', '/app/probe/form', FORM, formOf(1000)), { item: 8 }),
  single('forms.default-max-keys', 'a form of 1,001 keys to /app (maxFormKeys 1000)', httpRequest('POST', '/app/probe/form', FORM, formOf(1001)), {
    item: 8,
  }),
  single('forms.default-within-size', 'a form of 200,000 bytes to /app', httpRequest('POST', '/app/probe/form', FORM, formOfSize(200000)), {
    item: 8,
  }),
  single(
    'forms.default-max-size',
    'a form of 200,001 bytes to /app (maxFormContentSize 200000)',
    httpRequest('POST', '/app/probe/form', FORM, formOfSize(200001)),
    { item: 8 },
  ),
  single('forms.context-within', 'a form of 10 keys and 100 bytes to /forms', httpRequest('POST', '/forms/probe/form', FORM, formOf(10)), {
    item: 8,
  }),
  single(
    'forms.context-max-keys',
    'a form of 11 keys to /forms (jetty-web.xml: maxFormKeys 10)',
    httpRequest('POST', '/forms/probe/form', FORM, formOf(11)),
    { item: 8 },
  ),
  single(
    'forms.context-max-size',
    'a form of 1,001 bytes to /forms (jetty-web.xml: maxFormContentSize 1000)',
    httpRequest('POST', '/forms/probe/form', FORM, formOfSize(1001)),
    { item: 8 },
  ),
  single('forms.query-keys', 'a query of 1,001 keys to /app', get(`/app/probe/form?${formOf(1001)}`), { item: 8 }),
  single(
    'forms.body-over-10-mb',
    'an 11 MB octet-stream body read by the servlet',
    httpRequest('POST', '/app/probe/body', { 'Content-Type': 'application/octet-stream' }, Buffer.alloc(11 * 1024 * 1024, 'y')),
    { item: 8 },
  ),
];
