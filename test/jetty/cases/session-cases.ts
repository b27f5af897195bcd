/**
 * Sessions: the cookie (name, Path, HttpOnly, the Expires header that comes with it: issue 11 item 11), the
 * id's shape, ids in URLs (`;jsessionid=`), unknown, invalid and duplicate ids, invalidation, and the file the
 * FileSessionDataStore writes.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CaseContext, DifferentialCase, cookieFrom, get, merge, single } from '../differential-case';
import { Observation } from '../observation';
import { RawResponse } from '../raw-exchange';

const SESSION = '/app/probe/session';

/** A new session in /app: its response (observed as step 1) and its `JSESSIONID=…` pair. */
async function newSession(
  ctx: CaseContext,
  target = SESSION,
  cookieName = 'JSESSIONID',
): Promise<{ r: RawResponse; cookie: string; id: string; o: Observation }> {
  const r = await ctx.exchange({ send: [get(target)] });
  const cookie = cookieFrom(r, cookieName);
  if (!cookie) throw new Error(`${ctx.server.name} set no ${cookieName} cookie for GET ${target}: ${r.status} ${JSON.stringify(r.headers)}`);
  return { r, cookie, id: cookie.slice(cookie.indexOf('=') + 1), o: ctx.observe(r, '1: ') };
}

/** Step 1 makes a session; step 2 sends `request(session)` and is observed too. */
function twoSteps(id: string, title: string, second: (s: { cookie: string; id: string }) => Buffer, item?: number): DifferentialCase {
  return {
    id,
    title,
    item,
    run: async (ctx) => {
      const s = await newSession(ctx);
      return merge(s.o, ctx.observe(await ctx.exchange({ send: [second(s)] }), '2: '));
    },
  };
}

/** The shape of a session file name and of its content. */
function storedSessionFile(dir: string, id: string): Map<string, string> | null {
  const plain = id.replace(/\.node0$/, '');
  const name = fs.readdirSync(dir).find((f) => f.endsWith(`_${plain}`));
  if (!name) return null;
  const bytes = fs.readFileSync(path.join(dir, name));
  // a file still being written (Jetty creates it, then writes it) is looked at again on the next poll
  if (bytes.length < 2 + plain.length) return null;
  let content = `${bytes.length} bytes of another format`;
  if (bytes[0] === 0x7b) {
    try {
      const doc = JSON.parse(bytes.toString('utf8')) as { format?: string };
      content = `a JSON document (format ${JSON.stringify(doc.format)})`;
    } catch {
      content = 'broken JSON';
    }
  } else if (bytes.readUInt16BE(0) === plain.length && bytes.subarray(2, 2 + plain.length).toString('latin1') === plain) {
    content = 'Java DataOutputStream fields and serialised attributes';
  }
  return new Map([
    ['file name', name.replace(/^\d+_/, '<expiry>_').replace(plain, '<id>')],
    ['file content', content],
  ]);
}

export const sessionCases: DifferentialCase[] = [
  single('sessions.new', 'GET /app/probe/session without a cookie', get(SESSION), { item: 11 }),
  single('sessions.new-forms', 'GET /forms/probe/session (cookie-config: name FORMSID, http-only)', get('/forms/probe/session'), { item: 11 }),
  single('cookies.add-cookie', 'GET /app/probe/cookie (the servlet adds an HttpOnly cookie with Max-Age)', get('/app/probe/cookie'), { item: 11 }),
  twoSteps('sessions.cookie-returns', 'the session cookie sent back', (s) => get(SESSION, { Cookie: s.cookie })),
  twoSteps('sessions.cookie-name-case', 'the session cookie sent back as jsessionid', (s) => get(SESSION, { Cookie: `jsessionid=${s.id}` })),
  twoSteps('sessions.url-id', 'the session id in the URL (;jsessionid=)', (s) => get(`${SESSION};jsessionid=${s.id}`)),
  twoSteps('sessions.url-id-without-worker', 'the session id in the URL without its .node0 suffix', (s) =>
    get(`${SESSION};jsessionid=${s.id.replace(/\.node0$/, '')}`),
  ),
  twoSteps('sessions.url-id-on-static-file', 'GET /app/index.html;jsessionid=<id>', (s) => get(`/app/index.html;jsessionid=${s.id}`)),
  twoSteps('sessions.cookie-and-other-url-id', 'a valid cookie and an unknown id in the URL', (s) =>
    get(`${SESSION};jsessionid=node0unknownunknownunknown0.node0`, { Cookie: s.cookie }),
  ),
  twoSteps('sessions.same-cookie-twice', 'the same session cookie twice', (s) => get(SESSION, { Cookie: `${s.cookie}; ${s.cookie}` })),
  twoSteps('sessions.valid-and-invalid-cookie', 'a valid session cookie and a malformed one', (s) =>
    get(SESSION, { Cookie: `JSESSIONID=../../etc/passwd; ${s.cookie}` }),
  ),
  {
    id: 'sessions.two-valid-cookies',
    title: 'two different valid session cookies',
    run: async (ctx) => {
      const a = await newSession(ctx);
      const b = await newSession(ctx);
      return ctx.observe(await ctx.exchange({ send: [get(SESSION, { Cookie: `${a.cookie}; ${b.cookie}` })] }));
    },
  },
  single('sessions.unknown-id', 'a well-formed session id nobody issued', get(SESSION, { Cookie: 'JSESSIONID=node0neverissuedneverissued0.node0' })),
  single('sessions.malformed-id', 'a session cookie with a path in it', get(SESSION, { Cookie: 'JSESSIONID=../../etc/passwd' })),
  single('sessions.empty-id', 'an empty session cookie', get(SESSION, { Cookie: 'JSESSIONID=' })),
  single('sessions.long-id', 'a session cookie of 4,000 characters', get(SESSION, { Cookie: `JSESSIONID=${'a'.repeat(4000)}` })),
  {
    id: 'sessions.invalidate',
    title: 'a session invalidated, then its cookie sent again',
    run: async (ctx) => {
      const s = await newSession(ctx);
      const invalidated = ctx.observe(await ctx.exchange({ send: [get('/app/probe/invalidate', { Cookie: s.cookie })] }), '2: ');
      return merge(s.o, invalidated, ctx.observe(await ctx.exchange({ send: [get(SESSION, { Cookie: s.cookie })] }), '3: '));
    },
  },
  {
    id: 'sessions.store-file',
    title: 'the file FileSessionDataStore writes for a new session',
    run: async (ctx) => {
      const s = await newSession(ctx);
      const dir = path.join(ctx.server.base, 'sessions');
      for (let waited = 0; waited < 10_000; waited += 100) {
        const found = storedSessionFile(dir, s.id);
        if (found) return merge(s.o, found);
        await new Promise((r) => setTimeout(r, 100));
      }
      return merge(s.o, new Map([['file name', 'no file within 10 s']]));
    },
  },
];
