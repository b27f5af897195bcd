/**
 * Helpers for the legacy session tests: a real Server on 127.0.0.1:0 with one context per app, each with
 * a HashSessionManager, a small session-using handler, and a keep-alive HTTP client with a cookie per session.
 * @module
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { AbstractHandler } from '../../../src/server/handler/abstract-handler';
import { ContextHandler } from '../../../src/server/handler/context-handler';
import { HandlerList } from '../../../src/server/handler/handler-list';
import type { Request } from '../../../src/server/request';
import { Server } from '../../../src/server/server';
import { ServerConnector } from '../../../src/server/server-connector';
import type { HttpServletRequest } from '../../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../../src/servlet-api/http-servlet-response';
import { HashSessionManager } from '../../../src/session/legacy/hash-session-manager';
import { SessionHandler } from '../../../src/session/session-handler';

export function tempDir(prefix = 'pier-legacy-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The app: `/inc` counts in the session (creating it), `/get` reports the session as JSON without
 * creating one, `/set?name=value` stores an attribute, `/empty?max=s` creates a session with no attributes.
 */
/** What the legacy test app answers: the session id, a counter and the attributes (JSON). */
export interface LegacyReplyBody {
  id: string;
  count: number;
  attributes: Record<string, unknown>;
  [key: string]: unknown;
}

export class CounterHandler extends AbstractHandler {
  async handle(_target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    baseRequest.setHandled(true);
    const req = baseRequest;
    const p = req.getPathInfo() ?? '/';
    let body: unknown;
    if (p === '/inc') {
      const s = req.getSession(true)!;
      const n = ((s.getAttribute('count') as number | undefined) ?? 0) + 1;
      s.setAttribute('count', n);
      body = { id: s.getId(), count: n };
    } else if (p === '/set') {
      const s = req.getSession(true)!;
      const name = req.getParameter('name')!;
      s.setAttribute(name, req.getParameter('value'));
      body = { id: s.getId() };
    } else if (p === '/empty') {
      const s = req.getSession(true)!;
      s.setMaxInactiveInterval(Number(req.getParameter('max') ?? '-1'));
      body = { id: s.getId() };
    } else {
      const s = req.getSession(false);
      body = s
        ? {
            id: s.getId(),
            count: s.getAttribute('count') ?? null,
            names: s.getAttributeNames(),
            attributes: Object.fromEntries(s.getAttributeNames().map((n) => [n, s.getAttribute(n)])),
            maxInactive: s.getMaxInactiveInterval(),
          }
        : null;
    }
    response.setContentType('application/json');
    response.getWriter().write(JSON.stringify(body));
    void request;
  }
}

export interface App {
  readonly context: ContextHandler;
  readonly manager: HashSessionManager;
}

/** Builds (not starts) a server with one context per entry; `configure` sets up each manager. */
export function buildServer(apps: { contextPath: string; configure: (m: HashSessionManager) => void }[]): { server: Server; apps: App[] } {
  const server = new Server();
  const connector = new ServerConnector(server);
  connector.setHost('127.0.0.1');
  connector.setPort(0);
  server.addConnector(connector);
  const built: App[] = [];
  const list = new HandlerList();
  for (const a of apps) {
    const manager = new HashSessionManager();
    a.configure(manager);
    const handler = new SessionHandler(manager);
    const context = new ContextHandler(a.contextPath);
    context.setHandler(handler);
    handler.setHandler(new CounterHandler());
    list.addHandler(context);
    built.push({ context, manager });
  }
  server.setHandler(list);
  return { server, apps: built };
}

export function portOf(server: Server): number {
  return (server.getConnectors()[0] as ServerConnector).getLocalPort();
}

/** A keep-alive client; each call may carry a session cookie and returns the body and the new cookie. */
export class Client {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  constructor(private port: number) {}
  setPort(port: number): void {
    this.port = port;
  }
  get(pathAndQuery: string, cookie?: string | null): Promise<{ status: number; body: LegacyReplyBody; cookie: string | null }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: this.port, path: pathAndQuery, agent: this.agent, headers: cookie ? { Cookie: cookie } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              /* not JSON */
            }
            const set = res.headers['set-cookie']?.find((c) => c.startsWith('JSESSIONID='));
            // the app answers JSON; a body that is not (an error page) is kept as text for the failing assertion to show
            resolve({ status: res.statusCode ?? 0, body: body as LegacyReplyBody, cookie: set ? set.split(';')[0] : null });
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
  close(): void {
    this.agent.destroy();
  }
}

/** Runs `fn` for 0..n-1 with at most `limit` calls in flight. */
export async function mapBounded<T>(n: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return out;
}

/** The session files in a store folder (hidden files such as the lock and temp files left out), sorted. */
export function sessionFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort();
}
