/**
 * Sessions in Redis (org.pier.redis.session.RedisSessionDataStore, Pier's own store: Jetty has none; it
 * takes the role Jetty gives Infinispan and Hazelcast), through node-redis (`@redis/client`).
 * @module
 */
import { createClient } from '@redis/client';
import { JettyClass } from '../../../ioc/metadata';
import { PierError } from '../../../util/errors';
import { AbstractSessionDataStore } from '../../abstract-session-data-store';
import { IllegalStateError, UnreadableSessionDataError, UnwritableSessionDataError } from '../../errors';
import type { SessionData } from '../../session-data';
import { decodeSessionData, encodeSessionData, UnencodableValueError } from '../../session-data-codec';
import { SESSION_LOG } from '../../session-log';
import { isValidSessionId } from '../../session-id';
import type { SessionStoreIndex, StoredSessionEntry } from '../../session-store-index';
import { DELETE_SESSION, RENEW_SESSION, WRITE_SESSION, type RedisScript } from './redis-scripts';
import { describeSettings, exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from '../../store-settings';
import { redactRedisUrl } from './redis-url';
import { REDIS_STORE_SETTINGS } from './redis-store-settings';

/** A store operation Redis could not do (it is away past timeoutMs, or refused the command). */
export class RedisSessionDataStoreError extends PierError {}

/** The node-redis client the store uses (the commands it sends). */
type Client = ReturnType<typeof createClient>;

/** `text` with Redis's glob characters escaped, for SCAN's MATCH. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => '\\' + c);
}

/** How long a reconnecting client waits before its next try (ms): 50, 100, 200 ... up to 1000. */
function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** retries, 1000);
}

/**
 * Pier's RedisSessionDataStore. XML properties: `url` (`redis://[user:password@]host[:port][/database]` or
 * `rediss://`, default `redis://127.0.0.1:6379/0`), `keyPrefix` (`pier:session:`), `timeoutMs` (5000: how
 * long one operation may wait, a reconnection included), `gracePeriodSec`, `savePeriodSec`.
 *
 * Layout: each session is a hash `<keyPrefix><canonical context path>_<vhost>_<id>` with `doc` (Pier's
 * session document, lastSaved included), `expiry` and `lastNode`; a sorted set per context
 * (`<keyPrefix>expiry:<path>_<vhost>`, id by expiry) and one for every context (`<keyPrefix>expiry`) index
 * expiries for the scavenger. Each write, delete and id change is one Lua script (atomic in Redis). The hash expires in Redis (PEXPIREAT) at the
 * session's expiry plus the larger of the grace and save periods, so nothing outlives its session even when
 * every node is down, and a node may still expire it with listeners during the grace period. Immortal
 * sessions have no TTL.
 */
@JettyClass('org.pier.redis.session.RedisSessionDataStore')
export class RedisSessionDataStore extends AbstractSessionDataStore implements SessionStoreIndex {
  /** The store's settings (REDIS_STORE_SETTINGS), read back by Jetty-style getters. */
  readonly settings = storeSettingDefaults(REDIS_STORE_SETTINGS);
  private _client: Client | null = null;
  private _commands: Client | null = null;
  private _injected: Client | null = null;
  private _inFlight = 0;

  /** Pier: uses a node-redis client the application made (not connected, or connected); the store does not close it. */
  setRedisClient(client: Client): void {
    this._injected = client;
  }
  getRedisClient(): Client | null {
    return this._client;
  }

  isPassivating(): boolean {
    return true;
  }

  protected override async doStart(): Promise<void> {
    this.requireContext();
    const client =
      this._injected ??
      createClient({
        url: this.settings.url,
        socket: { connectTimeout: Math.min(this.settings.timeoutMs, 10_000), reconnectStrategy: reconnectDelay },
      });
    if (!this._injected) {
      // node-redis reports each failed (re)connection here; the operations that wait say what failed
      client.on('error', (err: Error) => {
        if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Redis {}: {}', redactRedisUrl(this.settings.url), err.message);
      });
    }
    if (!client.isOpen) {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${this.settings.timeoutMs} ms`)), this.settings.timeoutMs).unref(),
      );
      try {
        await Promise.race([client.connect(), timeout]);
      } catch (err) {
        client.destroy();
        throw new RedisSessionDataStoreError(
          `Cannot start RedisSessionDataStore: cannot connect to ${redactRedisUrl(this.settings.url)}: ${(err as Error).message}`,
          { cause: err },
        );
      }
    }
    this._client = client;
    this._commands = client.withCommandOptions({ timeout: this.settings.timeoutMs }) as unknown as Client;
    await super.doStart();
  }

  protected override async doStop(): Promise<void> {
    await super.doStop();
    const client = this._client;
    this._client = null;
    this._commands = null;
    if (client && client !== this._injected) {
      try {
        await client.close();
      } catch {
        client.destroy();
      }
    }
  }

  private redis(): Client {
    if (!this._commands) throw new IllegalStateError('Cannot use RedisSessionDataStore: Not started');
    return this._commands;
  }

  /**
   * `op`, or a rejection once timeoutMs has passed. node-redis drops a command that times out before it
   * was sent (the offline queue while it reconnects), but waits for the reply of one already sent for as
   * long as the connection lives (a paused or unreachable Redis): this bounds that wait too. A command
   * given up here may still run when Redis answers again; it ran before anything this store sends later.
   */
  private bounded<T>(op: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${this.settings.timeoutMs} ms`)), this.settings.timeoutMs);
    });
    this._inFlight++;
    return Promise.race([op, limit]).finally(() => {
      this._inFlight--;
      clearTimeout(timer);
    });
  }

  /**
   * Pier: the store's connection now: whether it is ready for commands, and how many operations wait for
   * Redis (sent, or queued while it reconnects). node-redis multiplexes one connection; this is its use.
   */
  getConnectionStatistics(): { connected: boolean; inFlight: number } {
    return { connected: this._client?.isReady ?? false, inFlight: this._inFlight };
  }

  /** `<canonical context path>_<vhost>`, this context's part of every key. */
  private contextPart(): string {
    const ctx = this.requireContext();
    return `${ctx.getCanonicalContextPath()}_${ctx.getVhost()}`;
  }
  /** The hash of session `id` in this context. */
  keyOf(id: string): string {
    return `${this.settings.keyPrefix}${this.contextPart()}_${id}`;
  }
  /** This context's expiry index. */
  contextIndex(): string {
    return `${this.settings.keyPrefix}expiry:${this.contextPart()}`;
  }
  /** Every context's expiry index (members name the context and the id). */
  globalIndex(): string {
    return `${this.settings.keyPrefix}expiry`;
  }
  private globalMember(id: string): string {
    return JSON.stringify([this.contextPart(), id]);
  }

  private failure(what: string, id: string, cause: unknown): RedisSessionDataStoreError {
    const ctx = this._context;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new RedisSessionDataStoreError(
      `Cannot ${what} session '${id}' in context '${ctx?.getCanonicalContextPath()}' vhost '${ctx?.getVhost()}' on ${redactRedisUrl(this.settings.url)}: ${reason}`,
      { cause },
    );
  }

  protected async doLoad(id: string): Promise<SessionData | null> {
    let doc: string | null;
    try {
      doc = (await this.bounded(this.redis().hGet(this.keyOf(id), 'doc'))) as string | null;
    } catch (err) {
      throw this.failure('load', id, err);
    }
    if (doc === null || doc === undefined) return null;
    try {
      const data = decodeSessionData(doc);
      if (data.getId() !== id) throw new TypeError(`the hash holds session '${data.getId()}'`);
      data.clean();
      return data;
    } catch (cause) {
      throw new UnreadableSessionDataError(id, this._context, { cause });
    }
  }

  /** Runs `script` by SHA1, sending its source only when Redis does not know it yet. */
  private async run(script: RedisScript, keys: string[], args: string[]): Promise<unknown> {
    const redis = this.redis();
    try {
      return await this.bounded(redis.evalSha(script.sha, { keys, arguments: args }));
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.bounded(redis.eval(script.source, { keys, arguments: args }));
    }
  }

  /** WRITE_SESSION's keys and arguments for `data` under `id`. */
  private writeArgs(id: string, data: SessionData, doc: string): { keys: string[]; args: string[] } {
    const expiry = data.getExpiry();
    // kept past its expiry for the grace period (another node may still expire it with listeners) and the
    // save period (an access whose write savePeriodSec skipped moved the real expiry later)
    const keepMs = Math.max(this.periods.gracePeriodSec, this.periods.savePeriodSec, 0) * 1000;
    return {
      keys: [this.keyOf(id), this.contextIndex(), this.globalIndex()],
      args: [doc, String(expiry), data.getLastNode(), String(expiry + keepMs), id, this.globalMember(id)],
    };
  }

  private encode(id: string, data: SessionData): string {
    try {
      return encodeSessionData(data, true).toString('utf8');
    } catch (err) {
      throw new UnwritableSessionDataError(id, this._context, err instanceof UnencodableValueError ? err.attribute : undefined, { cause: err });
    }
  }

  protected async doStore(id: string, data: SessionData): Promise<void> {
    const { keys, args } = this.writeArgs(id, data, this.encode(id, data));
    try {
      await this.run(WRITE_SESSION, keys, args);
    } catch (err) {
      throw new UnwritableSessionDataError(id, this._context, undefined, { cause: this.failure('write', id, err) });
    }
  }

  /** changeSessionId in one transaction: the new id written and the old one removed together, or neither. */
  protected override async doRenew(oldId: string, newId: string, data: SessionData): Promise<void> {
    const { keys, args } = this.writeArgs(newId, data, this.encode(newId, data));
    try {
      await this.run(RENEW_SESSION, [...keys, this.keyOf(oldId)], [...args, oldId, this.globalMember(oldId)]);
    } catch (err) {
      // the old id must not stay usable: try to remove it alone before reporting the failed write
      try {
        await this.doDelete(oldId);
      } catch {
        /* reported below */
      }
      throw new UnwritableSessionDataError(newId, this._context, undefined, { cause: this.failure('write', newId, err) });
    }
  }

  protected async doDelete(id: string): Promise<boolean> {
    try {
      return Number(await this.run(DELETE_SESSION, [this.keyOf(id), this.contextIndex(), this.globalIndex()], [id, this.globalMember(id)])) > 0;
    } catch (err) {
      throw this.failure('delete', id, err);
    }
  }

  /** The hash exists and has not expired (immortal sessions, expiry 0, exist). */
  protected async doExists(id: string): Promise<boolean> {
    let expiry: string | null;
    try {
      expiry = (await this.bounded(this.redis().hGet(this.keyOf(id), 'expiry'))) as string | null;
    } catch (err) {
      throw this.failure('check', id, err);
    }
    if (expiry === null || expiry === undefined) return false;
    const e = Number(expiry);
    return e <= 0 || e > Date.now();
  }

  /**
   * Pier's SessionStoreIndex: this context's hashes, found by SCAN (immortal sessions are in no expiry
   * index), with their expiry read in one pipelined round.
   */
  async getStoredSessions(): Promise<StoredSessionEntry[]> {
    this.checkStarted();
    const prefix = `${this.settings.keyPrefix}${this.contextPart()}_`;
    const ids: string[] = [];
    try {
      for await (const keys of this.redis().scanIterator({ MATCH: globEscape(prefix) + '*', COUNT: 1000 })) {
        for (const key of keys as string[]) {
          const id = key.slice(prefix.length);
          if (isValidSessionId(id)) ids.push(id);
        }
      }
      const meta = await this.metadata(ids);
      const out: StoredSessionEntry[] = [];
      ids.forEach((id, i) => {
        const m = meta[i];
        if (m) out.push({ id, expiry: m.expiry });
      });
      return out;
    } catch (err) {
      const ctx = this.requireContext();
      throw new RedisSessionDataStoreError(
        `Cannot list sessions in context '${ctx.getCanonicalContextPath()}' vhost '${ctx.getVhost()}' on ${redactRedisUrl(this.settings.url)}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  /** expiry and lastNode of each id (null for an id whose hash is gone). */
  private async metadata(ids: readonly string[]): Promise<({ expiry: number; lastNode: string } | null)[]> {
    const redis = this.redis();
    // one command per id; node-redis pipelines them on the connection
    const replies = (await this.bounded(Promise.all(ids.map((id) => redis.hmGet(this.keyOf(id), ['expiry', 'lastNode']))))) as unknown as (
      string | null
    )[][];
    return replies.map((r) => (r[0] === null || r[0] === undefined ? null : { expiry: Number(r[0]), lastNode: String(r[1] ?? '') }));
  }

  /**
   * This node's sessions of this context expired at `time` (candidates or not), plus the candidates whose
   * hash is gone. A candidate that another node now manages is left to it, as in Jetty's JDBC store. A
   * failure is logged and what was found so far is returned.
   */
  protected async doCheckExpired(candidates: ReadonlySet<string>, time: number): Promise<Set<string>> {
    const expired = new Set<string>();
    const worker = this.requireContext().getWorkerName();
    try {
      const indexed = (await this.bounded(this.redis().zRangeByScore(this.contextIndex(), 1, time))) as string[];
      const ids = [...new Set([...indexed, ...candidates])];
      const meta = await this.metadata(ids);
      ids.forEach((id, i) => {
        const m = meta[i];
        if (m === null) {
          if (candidates.has(id)) expired.add(id);
          return;
        }
        if (m.expiry > 0 && m.expiry <= time && m.lastNode === worker) expired.add(id);
      });
    } catch (err) {
      SESSION_LOG.warn(
        `Cannot check expired sessions of context '${this._context?.getCanonicalContextPath()}' on ${redactRedisUrl(this.settings.url)}: ${(err as Error).message}`,
        err,
      );
    }
    return expired;
  }

  /**
   * This context's sessions of any node expired at `time`, those Redis already dropped by their TTL included
   * (their index entries are removed here).
   */
  protected async doGetExpired(time: number): Promise<Set<string>> {
    const expired = new Set<string>();
    try {
      const ids = (await this.bounded(this.redis().zRangeByScore(this.contextIndex(), 1, time))) as string[];
      const meta = await this.metadata(ids);
      const gone: string[] = [];
      ids.forEach((id, i) => {
        expired.add(id);
        if (meta[i] === null) gone.push(id);
      });
      if (gone.length > 0) {
        await this.bounded(this.redis().zRem(this.contextIndex(), gone));
        await this.bounded(
          this.redis().zRem(
            this.globalIndex(),
            gone.map((id) => this.globalMember(id)),
          ),
        );
      }
    } catch (err) {
      SESSION_LOG.warn(
        `Cannot find sessions expired before ${time} in context '${this._context?.getCanonicalContextPath()}' on ${redactRedisUrl(this.settings.url)}: ${(err as Error).message}`,
        err,
      );
    }
    return expired;
  }

  /** Deletes the sessions of any context that expired before `time`, with their index entries. */
  protected async doCleanOrphans(time: number): Promise<void> {
    try {
      const members = (await this.bounded(this.redis().zRangeByScore(this.globalIndex(), 1, time))) as string[];
      if (members.length === 0) return;
      await Promise.all(
        members.map((member) => {
          let parts: unknown;
          try {
            parts = JSON.parse(member);
          } catch {
            parts = null;
          }
          if (!(Array.isArray(parts) && parts.length === 2 && typeof parts[0] === 'string' && typeof parts[1] === 'string')) {
            return this.bounded(this.redis().zRem(this.globalIndex(), member));
          }
          return this.run(
            DELETE_SESSION,
            [`${this.settings.keyPrefix}${parts[0]}_${parts[1]}`, `${this.settings.keyPrefix}expiry:${parts[0]}`, this.globalIndex()],
            [parts[1], member],
          );
        }),
      );
      if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Deleted {} orphaned sessions', members.length);
    } catch (err) {
      SESSION_LOG.warn(`Cannot delete orphaned sessions on ${redactRedisUrl(this.settings.url)}: ${(err as Error).message}`, err);
    }
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}${describeSettings(this.settings, { url: redactRedisUrl(this.settings.url) })}`;
  }
}

// The setters and getters of the settings (setUrl, getKeyPrefix, setTimeoutMs...), from REDIS_STORE_SETTINGS
export interface RedisSessionDataStore extends StoreSettingAccessors<typeof REDIS_STORE_SETTINGS> {}
exposeStoreSettings(RedisSessionDataStore, REDIS_STORE_SETTINGS, { fixedWhileRunning: true });
