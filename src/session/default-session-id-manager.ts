/**
 * The standard SessionIdManager (org.eclipse.jetty.server.session.DefaultSessionIdManager): one per Server,
 * random ids with the worker name, and the server-wide id operations.
 * @module
 */
import type { SessionRequest } from '../server/session-manager-bridge';
import { JettyClass, Expose } from '../ioc/metadata';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';
import { randomBits128 } from '../util/random-pool';
import { UnreadableSessionDataError } from './errors';
import { HouseKeeper } from './house-keeper';
import type { IdManagedSessionHandler, SessionIdManager } from './session-id-manager';
import { SESSION_LOG } from './session-log';

/** Request attribute that lets every context one request reaches share the id created during it. */
export const NEW_SESSION_ID_ATTRIBUTE = 'org.eclipse.jetty.server.newSessionId';

let counter = 0;

/**
 * Jetty's DefaultSessionIdManager, wired by etc/sessions/id-manager.xml (`<New class=...><Arg><Ref
 * refid="Server"/></Arg>`) with `workerName` (`jetty.sessionIdManager.workerName`, default `node0`) and
 * `sessionHouseKeeper`. Ids are the worker name, 128 random bits from crypto (util/random-pool) in base 36 and a
 * counter: only `[0-9a-z]` plus the worker name. Cookies and URLs carry `<id>.<workerName>`.
 */
@JettyClass('org.eclipse.jetty.server.session.DefaultSessionIdManager', {
  implements: ['org.eclipse.jetty.server.SessionIdManager'],
  ctors: [
    [],
    [{ name: 'server', type: 'org.eclipse.jetty.server.Server' }],
    [
      { name: 'server', type: 'org.eclipse.jetty.server.Server' },
      { name: 'random', type: 'Object' },
    ],
  ],
})
export class DefaultSessionIdManager extends ContainerLifeCycle implements SessionIdManager {
  private _server: unknown;
  private _workerName: string;
  private _houseKeeper: HouseKeeper | null = null;
  private _ownHouseKeeper = false;
  private _reseed = 100000;
  private readonly _handlers = new Set<IdManagedSessionHandler>();
  /** Requested ids known (from an async check) to be in use somewhere, per request. */
  private readonly _requestedInUse = new WeakMap<object, string>();

  constructor(server?: unknown, _random?: unknown) {
    super();
    this._server = server ?? null;
    const env = process.env.JETTY_WORKER_INSTANCE;
    this._workerName = `node${env && env.length > 0 ? env : '0'}`;
  }

  @Expose('org.eclipse.jetty.server.Server') setServer(server: unknown): void {
    this._server = server;
  }
  @Expose() getServer(): unknown {
    return this._server;
  }

  @Expose('String')
  setWorkerName(name: string | null): void {
    if (this.isRunning()) throw new Error(`Cannot set workerName '${name}': the session id manager is running`);
    const n = name ?? '';
    if (n.includes('.')) throw new RangeError(`Cannot set workerName '${n}': a worker name cannot contain '.'`);
    this._workerName = n;
  }
  @Expose() getWorkerName(): string {
    return this._workerName;
  }

  @Expose('long') setReseed(reseed: number): void {
    this._reseed = reseed;
  }
  @Expose() getReseed(): number {
    return this._reseed;
  }

  @Expose('org.eclipse.jetty.server.session.HouseKeeper')
  setSessionHouseKeeper(houseKeeper: HouseKeeper): void {
    this.updateBean(this._houseKeeper, houseKeeper, true);
    this._houseKeeper = houseKeeper;
    this._ownHouseKeeper = false;
    houseKeeper.setSessionIdManager(this);
  }
  @Expose() getSessionHouseKeeper(): HouseKeeper | null {
    return this._houseKeeper;
  }

  protected override async doStart(): Promise<void> {
    SESSION_LOG.info('DefaultSessionIdManager workerName={}', this._workerName);
    if (!this._houseKeeper) {
      this._houseKeeper = new HouseKeeper();
      this._houseKeeper.setSessionIdManager(this);
      this._ownHouseKeeper = true;
      this.addBean(this._houseKeeper, true);
    }
    await super.doStart();
  }

  protected override async doStop(): Promise<void> {
    await super.doStop();
    if (this._ownHouseKeeper && this._houseKeeper) {
      this.removeBean(this._houseKeeper);
      this._houseKeeper = null;
      this._ownHouseKeeper = false;
    }
  }

  /** A fresh id: worker name + base-36 of 128 random bits + a process-wide counter. */
  newId(): string {
    const r = randomBits128().toString(36);
    return `${this._workerName.startsWith('$') ? '' : this._workerName}${r}${counter++}`;
  }

  /** Records that the requested id of `request` is in use somewhere (checked asynchronously by a SessionHandler). */
  noteRequestedIdInUse(request: object, id: string): void {
    this._requestedInUse.set(request, id);
  }

  newSessionId(request: SessionRequest | null, _created: number): string {
    if (!request) return this.newId();
    const requested = request.getRequestedSessionId();
    if (requested) {
      const plain = this.getId(requested);
      if (this._requestedInUse.get(request) === plain || this.isIdInMemory(plain)) return plain;
    }
    const shared = request.getAttribute(NEW_SESSION_ID_ATTRIBUTE);
    if (typeof shared === 'string' && this.isIdInMemory(shared)) return shared;
    const id = this.newId();
    request.setAttribute(NEW_SESSION_ID_ATTRIBUTE, id);
    return id;
  }

  /** True if a valid Session with this id is in memory in any context. */
  isIdInMemory(id: string): boolean {
    return this.getSessionHandlers().some((h) => h.isIdInMemory(id));
  }

  async isIdInUse(id: string): Promise<boolean> {
    if (!id) return false;
    for (const h of this.getSessionHandlers()) {
      try {
        if (await h.isIdInUse(id)) return true;
      } catch (err) {
        SESSION_LOG.warn(`Cannot check whether session id '${id}' is in use: ${(err as Error).message}`, err);
      }
    }
    return false;
  }

  async expireAll(id: string): Promise<void> {
    await this.invalidateAll(id);
  }

  async invalidateAll(id: string): Promise<void> {
    for (const h of this.getSessionHandlers()) {
      try {
        await h.invalidate(id);
      } catch (err) {
        // unreadable data was reported where it was found (once); it stays until a store removes it
        if (!(err instanceof UnreadableSessionDataError)) SESSION_LOG.warn(`Cannot invalidate session '${id}': ${(err as Error).message}`, err);
      }
    }
  }

  /**
   * A fresh id (never a requested one) applied to every context that has `oldId`. The renames run in the
   * background; `whenRenamed` holds the promise of the last call.
   */
  renewSessionId(oldId: string, oldExtendedId: string, request: SessionRequest | null): string {
    const newId = this.newId();
    const newExt = this.getExtendedId(newId, request);
    this.whenRenamed = Promise.allSettled(this.getSessionHandlers().map((h) => h.renameSession(oldId, oldExtendedId, newId, newExt))).then(
      () => undefined,
    );
    return newId;
  }

  /** Settles when the handlers have applied the last renewSessionId. */
  whenRenamed: Promise<void> = Promise.resolve();

  getId(qualifiedId: string): string {
    const dot = qualifiedId.lastIndexOf('.');
    return dot > 0 ? qualifiedId.slice(0, dot) : qualifiedId;
  }

  getExtendedId(id: string, request: SessionRequest | null): string {
    if (this._workerName.startsWith('$')) {
      const v = request?.getAttribute(this._workerName.slice(1));
      return v !== undefined && v !== null && String(v) !== '' ? `${id}.${String(v)}` : id;
    }
    return this._workerName ? `${id}.${this._workerName}` : id;
  }

  /**
   * True when the suffix after the last '.' is this worker's name (no suffix when the name is empty): only
   * the suffix is looked at, since the id part is by definition what getId() takes from it.
   */
  isExtendedId(extendedId: string, request: SessionRequest | null): boolean {
    const worker = this._workerName;
    if (worker.startsWith('$')) return extendedId === this.getExtendedId(this.getId(extendedId), request);
    const dot = extendedId.lastIndexOf('.');
    if (!worker) return dot <= 0;
    return dot > 0 && extendedId.length - dot - 1 === worker.length && extendedId.endsWith(worker);
  }

  getSessionHandlers(): IdManagedSessionHandler[] {
    return [...this._handlers].filter((h) => !h.isStopped() && !h.isFailed());
  }
  addSessionHandler(handler: IdManagedSessionHandler): void {
    this._handlers.add(handler);
  }
  removeSessionHandler(handler: IdManagedSessionHandler): void {
    this._handlers.delete(handler);
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}[worker=${this._workerName}]`;
  }
}
