/**
 * Connections: persistence, the idle timeout on every read and write (issue 11 item 5, with the suite's short
 * jetty.http.idleTimeout), bodies cut off by the client (item 6), a response the client never reads (items 5
 * and 7), and a graceful stop after all of that.
 * @module
 */
import { DifferentialCase, get, httpRequest, merge, rawLines, single } from '../differential-case';
import { SHARED_SETTINGS, LARGE_FILE } from '../differential-bases';
import { ExchangeOptions } from '../raw-exchange';

/** How long an idle case waits for the server to close: several idle timeouts, far from either outcome. */
const IDLE_WINDOW_MS = SHARED_SETTINGS.idleTimeoutMs * 4;

/** A case where the client goes quiet: observes what came back and whether the server closed in the window. */
function idle(id: string, title: string, item: number, send: ExchangeOptions['send'], extra: Partial<ExchangeOptions> = {}): DifferentialCase {
  return {
    id,
    title,
    item,
    run: async (ctx) => {
      const r = await ctx.exchange({ send, responseTimeoutMs: IDLE_WINDOW_MS, closeWatchMs: IDLE_WINDOW_MS, ...extra });
      const closed = r.closedAfterMs !== null;
      return merge(ctx.observe(r), new Map([['idle connection', closed ? 'closed by the server' : `still open after ${IDLE_WINDOW_MS} ms`]]));
    },
  };
}

const STREAM_BYTES = 24 * 1024 * 1024;

export const connectionCases: DifferentialCase[] = [
  single('conn.keep-alive', 'GET /app/index.html over HTTP/1.1', get('/app/index.html')),
  single('conn.connection-close', 'GET /app/index.html with Connection: close', get('/app/index.html', { Connection: 'close' })),
  single('conn.http10', 'GET /app/index.html over HTTP/1.0', httpRequest('GET', '/app/index.html', {}, undefined, 'HTTP/1.0')),
  single(
    'conn.http10-keep-alive',
    'GET /app/index.html over HTTP/1.0 with Connection: keep-alive',
    httpRequest('GET', '/app/index.html', { Connection: 'keep-alive' }, undefined, 'HTTP/1.0'),
  ),
  single('conn.error-keeps-alive', 'GET /app/nope.html over HTTP/1.1 (404)', get('/app/nope.html')),
  single(
    'conn.unread-small-body',
    'POST /app/probe/info with a 1 KB body the servlet does not read',
    httpRequest('POST', '/app/probe/info', { 'Content-Type': 'application/octet-stream' }, Buffer.alloc(1024, 'z')),
  ),

  // item 5: the idle timeout applies to every read and write
  idle('conn.idle-silent', 'a new connection that sends nothing', 5, []),
  idle('conn.idle-partial-headers', 'a request whose headers stop half way', 5, ['GET /app/index.html HTTP/1.1\r\nHost: localhost\r\n']),
  idle('conn.idle-stalled-body', 'POST /app/probe/body announcing 1,000 bytes and sending 10', 5, [
    rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Content-Type: application/octet-stream', 'Content-Length: 1000') + '0123456789',
  ]),
  idle('conn.idle-stalled-form', 'POST /app/probe/form announcing a 1,000 byte form and sending 10', 5, [
    rawLines('POST /app/probe/form HTTP/1.1', 'Host: localhost', 'Content-Type: application/x-www-form-urlencoded', 'Content-Length: 1000') +
      'a=12345678',
  ]),
  {
    id: 'conn.idle-unread-servlet-response',
    item: 5,
    title: `GET /app/probe/stream/${STREAM_BYTES} and read nothing for ${IDLE_WINDOW_MS} ms`,
    run: async (ctx) =>
      ctx.observe(
        await ctx.exchange({
          send: [get(`/app/probe/stream/${STREAM_BYTES}`)],
          readPauseMs: IDLE_WINDOW_MS,
          responseTimeoutMs: IDLE_WINDOW_MS + 15_000,
        }),
      ),
  },
  {
    id: 'conn.idle-unread-file',
    item: 5,
    title: `GET /app/${LARGE_FILE.name} and read nothing for ${IDLE_WINDOW_MS} ms`,
    run: async (ctx) =>
      ctx.observe(
        await ctx.exchange({ send: [get(`/app/${LARGE_FILE.name}`)], readPauseMs: IDLE_WINDOW_MS, responseTimeoutMs: IDLE_WINDOW_MS + 15_000 }),
      ),
  },

  // item 6: bodies cut off by the client; their exchanges must complete (see conn.graceful-stop)
  single(
    'conn.cut-off-upload',
    'POST /app/probe/body announcing 100,000 bytes, sending 1,000 and vanishing',
    [
      rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Content-Type: application/octet-stream', 'Content-Length: 100000') +
        'u'.repeat(1000),
      { pauseMs: 300 },
      { abort: true },
    ],
    { item: 6 },
  ),
  single(
    'conn.cut-off-form',
    'POST /app/probe/form announcing a 100,000 byte form, sending 1,000 and vanishing',
    [
      rawLines('POST /app/probe/form HTTP/1.1', 'Host: localhost', 'Content-Type: application/x-www-form-urlencoded', 'Content-Length: 100000') +
        `a=${'f'.repeat(998)}`,
      { pauseMs: 300 },
      { abort: true },
    ],
    { item: 6 },
  ),
  single(
    'conn.cut-off-chunked-upload',
    'POST /app/probe/body chunked, one chunk, then vanishing',
    [
      rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Content-Type: application/octet-stream', 'Transfer-Encoding: chunked') +
        '5\r\nhello\r\n',
      { pauseMs: 300 },
      { abort: true },
    ],
    { item: 6 },
  ),
  single(
    'conn.bad-chunk',
    'POST /app/probe/body with a chunk size that is not hex',
    rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Content-Type: application/octet-stream', 'Transfer-Encoding: chunked') +
      '5\r\nhello\r\nzz\r\nxx\r\n0\r\n\r\n',
    { item: 6 },
  ),
  single(
    'conn.half-closed-body',
    'POST /app/probe/body announcing 100 bytes, sending 10 and half-closing',
    [
      rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Content-Type: application/octet-stream', 'Content-Length: 100') + '0123456789',
      { halfClose: true },
    ],
    { item: 6 },
  ),
  single(
    'conn.half-closed-chunked',
    'POST /app/probe/body chunked, one chunk, then half-closing',
    [
      rawLines('POST /app/probe/body HTTP/1.1', 'Host: localhost', 'Content-Type: application/octet-stream', 'Transfer-Encoding: chunked') +
        '5\r\nhello\r\n',
      { halfClose: true },
    ],
    { item: 6 },
  ),
  {
    id: 'conn.graceful-stop',
    item: 6,
    phase: 'last',
    title: `SIGTERM after every other case (stopTimeout ${SHARED_SETTINGS.stopTimeoutMs} ms)`,
    run: async (ctx) => {
      const stopped = await ctx.server.stop(SHARED_SETTINGS.stopTimeoutMs + 20_000);
      return new Map([
        ['stop', stopped.elapsedMs >= SHARED_SETTINGS.stopTimeoutMs ? 'waited the whole stopTimeout' : 'finished before the stopTimeout'],
        ['exit code', String(stopped.exit)],
      ]);
    },
  },
];
