/**
 * HTTPS: both servers start the ssl and https modules on a `jetty.ssl.port` with the same PKCS#12 keystore,
 * and these cases talk TLS to it. A static file and the probe's scheme and isSecure() over TLS (and the
 * same probe over plain HTTP), the protocol the handshake settles on, no Strict-Transport-Security by
 * default (SecureRequestCustomizer's stsMaxAge is -1), the session cookie's Secure attribute for a session
 * made over HTTPS, and what a plain-HTTP request to the TLS port gets.
 * @module
 */
import { CaseContext, DifferentialCase, cookieFrom, get, merge, single } from '../differential-case';
import { Observation } from '../observation';

const SESSION = '/app/probe/session';

/** What a plain-HTTP request to the TLS port ends with: no HTTP answer is expected, so the outcome and the bytes count. */
async function plainHttpToSslPort(ctx: CaseContext): Promise<Observation> {
  const r = await ctx.exchangeOnSslPort({ send: [get('/app/index.html')], responseTimeoutMs: 5000 });
  const o = ctx.observe(r);
  if (r.status === null) o.set('bytes before the close', describeRecord(r.unparsed));
  return o;
}

/** A TLS record by its type: an alert with its level and description (RFC 8446 §6), anything else by its length. */
export function describeRecord(bytes: Buffer): string {
  if (bytes.length === 0) return 'none';
  if (bytes.length === 7 && bytes[0] === 0x15) return `a TLS alert (level ${bytes[5]}, description ${bytes[6]})`;
  return `${bytes.length} bytes, first 0x${bytes.subarray(0, 1).toString('hex')}`;
}

export const httpsCases: DifferentialCase[] = [
  single('https.static-file', 'GET /app/index.html over TLS', get('/app/index.html'), { tls: true }),
  single('https.secure-probe', 'GET /app/probe/secure over TLS (scheme, isSecure)', get('/app/probe/secure'), { tls: true }),
  single('https.plain-probe', 'GET /app/probe/secure over plain HTTP (scheme, isSecure)', get('/app/probe/secure')),
  single('https.missing', 'GET /app/nope.txt over TLS (the error page)', get('/app/nope.txt'), { tls: true }),
  single('https.session-new', 'GET /app/probe/session over TLS without a cookie (the cookie is Secure)', get(SESSION), { tls: true }),
  {
    id: 'https.session-cookie-returns',
    title: 'a session made over TLS, its cookie sent back over TLS',
    run: async (ctx) => {
      const first = await ctx.exchange({ tls: true, send: [get(SESSION)] });
      const cookie = cookieFrom(first, 'JSESSIONID');
      if (!cookie) throw new Error(`${ctx.server.name} set no JSESSIONID cookie over TLS: ${first.status} ${JSON.stringify(first.headers)}`);
      return merge(ctx.observe(first, '1: '), ctx.observe(await ctx.exchange({ tls: true, send: [get(SESSION, { Cookie: cookie })] }), '2: '));
    },
  },
  { id: 'https.plain-http-to-ssl-port', title: 'a plain-HTTP GET sent to the TLS port', run: plainHttpToSslPort },
];
