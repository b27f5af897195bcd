/**
 * The DefaultServlet: files, content types, welcome files and folder redirects, HEAD, ETags and conditional
 * requests, byte ranges (one, several: issue 11 item 12), other methods (POST, OPTIONS, PUT, TRACE: item 12)
 * and directory listings.
 * @module
 */
import { DifferentialCase, get, headerOf, httpRequest, merge, single } from '../differential-case';
import { FIXTURE_MTIME } from '../differential-bases';

const LAST_MODIFIED = FIXTURE_MTIME.toUTCString();
const EARLIER = new Date(FIXTURE_MTIME.getTime() - 86_400_000).toUTCString();
const DATA = '/app/data.txt';

/** Step 1 fetches the file for its ETag; step 2 sends `headers(etag)` and is observed too. */
function withEtag(id: string, title: string, headers: (etag: string) => Record<string, string>, item?: number): DifferentialCase {
  return {
    id,
    title,
    item,
    run: async (ctx) => {
      const first = await ctx.exchange({ send: [get(DATA)] });
      const etag = headerOf(first, 'ETag') ?? '"no-etag"';
      return merge(ctx.observe(first, '1: '), ctx.observe(await ctx.exchange({ send: [get(DATA, headers(etag))] }), '2: '));
    },
  };
}

export const staticCases: DifferentialCase[] = [
  single('static.file', 'GET /app/index.html', get('/app/index.html')),
  single('static.css', 'GET /app/style.css', get('/app/style.css')),
  single('static.javascript', 'GET /app/script.js', get('/app/script.js')),
  single('static.json', 'GET /app/data.json', get('/app/data.json')),
  single('static.text', 'GET /app/data.txt', get(DATA)),
  single('static.head', 'HEAD /app/index.html', httpRequest('HEAD', '/app/index.html'), { head: true }),
  single('static.welcome', 'GET /app/', get('/app/')),
  single('static.sub-welcome', 'GET /app/sub/', get('/app/sub/')),
  single('static.folder-without-welcome', 'GET /app/nowelcome/ (dirAllowed false)', get('/app/nowelcome/')),
  single('static.folder-redirect-without-welcome', 'GET /app/nowelcome', get('/app/nowelcome')),
  single('static.file-with-slash', 'GET /app/index.html/', get('/app/index.html/')),
  single('static.query-ignored', 'GET /app/index.html?x=1', get('/app/index.html?x=1')),
  single('static.root-file', 'GET / in the root context (default DefaultServlet settings)', get('/')),
  single('static.root-listing', 'GET /docs/ in the root context (default dirAllowed)', get('/docs/')),
  single('static.forms-listing', 'GET /forms/listing/ (dirAllowed true)', get('/forms/listing/')),
  // conditional requests
  withEtag('static.if-none-match', 'If-None-Match with the ETag just received', (etag) => ({ 'If-None-Match': etag })),
  withEtag('static.if-none-match-list', 'If-None-Match with another tag and the ETag', (etag) => ({ 'If-None-Match': `"other", ${etag}` })),
  withEtag('static.if-match', 'If-Match with the ETag just received', (etag) => ({ 'If-Match': etag })),
  withEtag('static.if-range-match', 'Range with If-Range naming the ETag', (etag) => ({ Range: 'bytes=0-9', 'If-Range': etag })),
  single('static.if-none-match-star', 'If-None-Match: *', get(DATA, { 'If-None-Match': '*' })),
  single('static.if-none-match-other', 'If-None-Match with another tag', get(DATA, { 'If-None-Match': '"other"' })),
  single('static.if-match-other', 'If-Match with another tag', get(DATA, { 'If-Match': '"other"' })),
  single('static.if-modified-since-same', "If-Modified-Since the file's Last-Modified", get(DATA, { 'If-Modified-Since': LAST_MODIFIED })),
  single('static.if-modified-since-earlier', 'If-Modified-Since a day before', get(DATA, { 'If-Modified-Since': EARLIER })),
  single('static.if-modified-since-garbage', 'If-Modified-Since: not a date', get(DATA, { 'If-Modified-Since': 'not a date' })),
  single('static.if-unmodified-since-earlier', 'If-Unmodified-Since a day before', get(DATA, { 'If-Unmodified-Since': EARLIER })),
  single('static.if-range-other', 'Range with If-Range naming another tag', get(DATA, { Range: 'bytes=0-9', 'If-Range': '"other"' })),
  single('static.if-range-date', 'Range with If-Range at the Last-Modified date', get(DATA, { Range: 'bytes=0-9', 'If-Range': LAST_MODIFIED })),
  // ranges
  single('static.range-first', 'Range: bytes=0-9', get(DATA, { Range: 'bytes=0-9' })),
  single('static.range-suffix', 'Range: bytes=-10', get(DATA, { Range: 'bytes=-10' })),
  single('static.range-open', 'Range: bytes=2500-', get(DATA, { Range: 'bytes=2500-' })),
  single('static.range-past-end', 'Range: bytes=2500-99999', get(DATA, { Range: 'bytes=2500-99999' })),
  single('static.range-unsatisfiable', 'Range: bytes=99999-', get(DATA, { Range: 'bytes=99999-' })),
  single('static.range-malformed', 'Range: bytes=abc', get(DATA, { Range: 'bytes=abc' })),
  single('static.range-other-unit', 'Range: items=0-9', get(DATA, { Range: 'items=0-9' })),
  single('static.range-multiple', 'Range: bytes=0-9,20-29', get(DATA, { Range: 'bytes=0-9,20-29' }), { item: 12 }),
  single('static.range-multiple-three', 'Range: bytes=0-0,100-199,-5', get(DATA, { Range: 'bytes=0-0,100-199,-5' }), { item: 12 }),
  single('static.range-multiple-overlapping', 'Range: bytes=0-9,5-14', get(DATA, { Range: 'bytes=0-9,5-14' }), { item: 12 }),
  single('static.range-multiple-one-unsatisfiable', 'Range: bytes=0-9,99999-', get(DATA, { Range: 'bytes=0-9,99999-' }), { item: 12 }),
  single('static.range-head', 'HEAD with Range: bytes=0-9', httpRequest('HEAD', DATA, { Range: 'bytes=0-9' }), { head: true }),
  // other methods on a static file
  single('static.post', 'POST /app/data.txt', httpRequest('POST', DATA, { 'Content-Type': 'text/plain' }, 'ignored'), { item: 12 }),
  single(
    'static.post-form',
    'POST /app/data.txt with a form',
    httpRequest('POST', DATA, { 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1'),
    { item: 12 },
  ),
  single('static.options', 'OPTIONS /app/data.txt', httpRequest('OPTIONS', DATA), { item: 12 }),
  single('static.options-probe', 'OPTIONS /app/probe/info', httpRequest('OPTIONS', '/app/probe/info'), { item: 12 }),
  single('static.trace', 'TRACE /app/data.txt', httpRequest('TRACE', DATA), { item: 12 }),
  single('static.put', 'PUT /app/data.txt', httpRequest('PUT', DATA, { 'Content-Type': 'text/plain' }, 'new content'), { item: 12 }),
  single('static.delete', 'DELETE /app/data.txt', httpRequest('DELETE', DATA), { item: 12 }),
  single('static.post-missing', 'POST /app/nope.html', httpRequest('POST', '/app/nope.html', { 'Content-Type': 'text/plain' }, 'x'), { item: 12 }),
];
