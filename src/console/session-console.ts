/**
 * What the session console shows and does, on a running Server (no Jetty class: Tomcat's manager app
 * plays this role there): the contexts with their session cache and store, one page of a context's
 * sessions from the store's index (and the cache's resident sessions), one session as a record, and
 * invalidation. A page loads only the sessions it shows, so paging stays cheap at 100,000 sessions.
 * @module
 */
import { ContextHandler } from '../server/handler/context-handler';
import { HandlerCollection } from '../server/handler/handler-collection';
import { HandlerWrapper } from '../server/handler/handler-wrapper';
import type { Handler } from '../server/handler';
import type { Server } from '../server/server';
import { AbstractSessionCache } from '../session/abstract-session-cache';
import { encodeValue } from '../session/session-data-codec';
import type { SessionData } from '../session/session-data';
import { SessionHandler } from '../session/session-handler';
import { toSessionRecord, type SessionRecord } from '../session/session-record';
import { findSessionStoreIndex } from '../session/session-store-index';

/** One context with sessions, as the console lists it. */
export interface ConsoleContext {
  /** The context path as served (`/` for the root), with `@vhost` when it has a virtual host. */
  readonly label: string;
  readonly contextPath: string;
  /** The session cache and store as `--dump` prints them (their dumpSelf lines). */
  readonly cache: string;
  readonly store: string;
  readonly handler: SessionHandler;
}

/** One session of a page. */
export interface ConsoleSessionRow {
  readonly id: string;
  readonly node: string;
  readonly created: number;
  readonly lastAccessed: number;
  readonly expiry: number;
  /** Each attribute's name and the size of its stored (JSON) form in bytes. */
  readonly attributes: readonly { name: string; size: number }[];
  /** True when the session is in this node's cache now. */
  readonly resident: boolean;
}

export interface ConsolePage {
  /** Sessions matching the search, all pages together. */
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly ConsoleSessionRow[];
}

const MAX_DEPTH = 64;

function dumpLine(o: unknown): string {
  if (!o) return 'none';
  const d = (o as { dumpSelf?: () => string }).dumpSelf;
  return typeof d === 'function' ? d.call(o) : String(o);
}

function sizeOf(name: string, value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(encodeValue(name, value)) ?? '', 'utf8');
  } catch {
    return -1;
  }
}

export class SessionConsole {
  constructor(private readonly _server: Server) {}

  /** The contexts of the Server's handler tree that have a SessionHandler, by label. */
  contexts(): ConsoleContext[] {
    const out: ConsoleContext[] = [];
    const visit = (node: Handler, depth: number): void => {
      if (depth > MAX_DEPTH) return;
      if (node instanceof ContextHandler) {
        const sh = (node as { getSessionHandler?: () => unknown }).getSessionHandler?.();
        if (sh instanceof SessionHandler) {
          const contextPath = node.getContextPath() || '/';
          const vhost = node.getVirtualHosts()?.[0];
          const cache = sh.getSessionCache();
          out.push({
            label: vhost ? `${contextPath}@${vhost}` : contextPath,
            contextPath,
            cache: dumpLine(cache),
            store: dumpLine(cache?.getSessionDataStore()),
            handler: sh,
          });
        }
      }
      if (node instanceof HandlerWrapper || node instanceof HandlerCollection) for (const child of node.getHandlers()) visit(child, depth + 1);
    };
    visit(this._server, 0);
    return out.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  context(label: string): ConsoleContext | null {
    return this.contexts().find((c) => c.label === label) ?? null;
  }

  /**
   * The ids of a context's sessions: the store's index (ids and expiries, nothing loaded) together with
   * the sessions resident in the cache (a store without an index, or memory only, has only these).
   */
  async ids(context: ConsoleContext): Promise<string[]> {
    const cache = context.handler.getSessionCache();
    const ids = new Set<string>();
    const index = findSessionStoreIndex(cache?.getSessionDataStore());
    if (index) for (const e of await index.getStoredSessions()) ids.add(e.id);
    if (cache instanceof AbstractSessionCache) for (const id of cache.getResidentSessionIds()) ids.add(id);
    return [...ids].sort();
  }

  /** One page of the sessions whose id contains `search` (case-insensitive), in id order. */
  async page(context: ConsoleContext, search: string, offset: number, limit: number): Promise<ConsolePage> {
    const needle = search.trim().toLowerCase();
    const ids = (await this.ids(context)).filter((id) => needle === '' || id.toLowerCase().includes(needle));
    const start = Math.max(0, Math.min(offset, Math.max(0, ids.length - 1)));
    const rows: ConsoleSessionRow[] = [];
    for (const id of ids.slice(start, start + limit)) {
      const found = await this.data(context, id);
      if (!found) continue;
      const { data, resident } = found;
      rows.push({
        id,
        node: data.getLastNode(),
        created: data.getCreated(),
        lastAccessed: data.getLastAccessed(),
        expiry: data.getExpiry(),
        attributes: [...data.getAllAttributes()].map(([name, value]) => ({ name, size: sizeOf(name, value) })),
        resident,
      });
    }
    return { total: ids.length, offset: start, rows };
  }

  /** The session's data: the resident Session's when it is in the cache, else the store's copy (unreadable: null). */
  private async data(context: ConsoleContext, id: string): Promise<{ data: SessionData; resident: boolean } | null> {
    const cache = context.handler.getSessionCache();
    const resident = cache instanceof AbstractSessionCache ? cache.peek(id) : null;
    if (resident) return { data: resident.getSessionData(), resident: true };
    try {
      const data = await cache?.getSessionDataStore()?.load(id);
      return data ? { data, resident: false } : null;
    } catch {
      return null;
    }
  }

  /** The session as the session tool's record (attributes in the tagged JSON encoding), or null. */
  async record(context: ConsoleContext, id: string): Promise<SessionRecord | null> {
    const found = await this.data(context, id);
    return found ? toSessionRecord(context.contextPath, found.data) : null;
  }

  /** Invalidates the sessions in this context (listeners run for those in memory); resolves with how many existed. */
  async invalidate(context: ConsoleContext, ids: readonly string[]): Promise<number> {
    let n = 0;
    for (const id of ids) {
      const existed = (await this.data(context, id)) !== null;
      await context.handler.invalidate(id);
      if (existed) n++;
    }
    return n;
  }
}
