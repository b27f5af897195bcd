/**
 * Helpers of the security tests: a copy of the secure fixture app with a chosen web.xml, deployed with a
 * HashLoginService over the fixture realm, and raw HTTP requests that keep cookies.
 * @module
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { HashLoginService } from '../../src/security/hash-login-service';
import type { ConstraintSecurityHandler } from '../../src/security/constraint-security-handler';
import type { Server } from '../../src/server/server';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { captureServerLog, copyTree, fixturePath, startServer, tempDir } from '../webapp/webapp-test-support';

export const REALM = fixturePath('security', 'realm.properties');

/** A fresh copy of the secure fixture app; `edit` rewrites its web.xml. */
export function secureApp(edit: (webXml: string) => string = (x) => x): string {
  const dir = path.join(tempDir('pier-secure-'), 'secure');
  copyTree(fixturePath('security', 'secure-app'), dir);
  const webXml = path.join(dir, 'WEB-INF', 'web.xml');
  fs.writeFileSync(webXml, edit(fs.readFileSync(webXml, 'utf8')));
  return dir;
}

/** Replaces the fixture's BASIC login-config by FORM with its login and error pages. */
export function formLogin(webXml: string, extra = ''): string {
  return webXml.replace(
    /<login-config>[\s\S]*<\/login-config>/,
    `<login-config>
    <auth-method>FORM</auth-method>
    <realm-name>Test Realm</realm-name>
    <form-login-config><form-login-page>/login.html</form-login-page><form-error-page>/error.html</form-error-page></form-login-config>
  </login-config>${extra}`,
  );
}

export interface Deployed {
  webapp: WebAppContext;
  server: Server;
  port: number;
  log: string[];
}

/** Deploys `war` at /app with a HashLoginService 'Test Realm' over `realm` (unless `realm` is null). */
export async function deploySecure(war: string, options: { realm?: string | null; configure?: (w: WebAppContext) => void } = {}): Promise<Deployed> {
  const webapp = new WebAppContext(war, '/app');
  const realm = options.realm === undefined ? REALM : options.realm;
  if (realm !== null) {
    const security = webapp.getSecurityHandler() as ConstraintSecurityHandler;
    security.setLoginService(new HashLoginService('Test Realm', realm));
  }
  options.configure?.(webapp);
  return captureServerLog(async (log) => ({ webapp, log, ...(await startServer(webapp)) }));
}

export interface Exchange {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw request (the path is sent as written: `//`, `;`, `%2e` reach the server). */
export function send(port: number, method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: rawPath,
        headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** `Authorization: Basic ...` for a user and password. */
export function basic(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`, 'latin1').toString('base64')}` };
}

/** A client that keeps the cookies the server sets (one cookie jar, by name). */
export class CookieClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly port: number) {}

  async request(method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<Exchange> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await send(this.port, method, rawPath, { ...headers, ...(cookie ? { cookie } : {}) }, body);
    for (const sc of res.headers['set-cookie'] ?? []) {
      const [pair] = sc.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(sc) || (/expires=thu, 01.jan.1970/i.test(sc) && value === '')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(rawPath: string, headers: Record<string, string> = {}): Promise<Exchange> {
    return this.request('GET', rawPath, headers);
  }

  /** Posts a urlencoded form. */
  postForm(rawPath: string, fields: Record<string, string>): Promise<Exchange> {
    return this.request('POST', rawPath, { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams(fields).toString());
  }
}

export { captureServerLog };
