/**
 * Template base for session stores (org.eclipse.jetty.server.session.AbstractSessionDataStore): state
 * checks, the save-period write rule and the grace-period expiry search, around protected `do*` hooks.
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';
import { IllegalStateError } from './errors';
import { SESSION_DATA_STORE_SETTINGS } from './session-data-store-settings';
import { describeSettings, exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from './store-settings';
import { SessionData } from './session-data';
import type { SessionContext } from './session-context';
import type { SessionDataStore } from './session-data-store';
import { DONE } from './done';
import { SESSION_LOG } from './session-log';
import {
  sessionStoreDeleteChannel,
  sessionStoreGetExpiredChannel,
  sessionStoreLoadChannel,
  sessionStoreStoreChannel,
  startTimeFor,
  storeMessage,
  traceStoreOperation,
} from './session-store-events';

/**
 * Jetty's AbstractSessionDataStore. Properties (XML `<Set>`, SESSION_DATA_STORE_SETTINGS): `gracePeriodSec`
 * (default 3600), `savePeriodSec` (default 0). The expiry search follows the three steps Jetty 10 made common to every
 * store: verify the candidates (`doCheckExpired`), find this context's sessions that expired more than a
 * grace period ago (`doGetExpired`), and now and then delete other contexts' long-dead data (`doCleanOrphans`).
 */
@JettyClass('org.eclipse.jetty.server.session.AbstractSessionDataStore', {
  implements: ['org.eclipse.jetty.server.session.SessionDataStore', 'org.eclipse.jetty.server.session.SessionDataMap'],
  abstract: true,
})
export abstract class AbstractSessionDataStore extends ContainerLifeCycle implements SessionDataStore {
  protected _context: SessionContext | null = null;
  /** gracePeriodSec and savePeriodSec (SESSION_DATA_STORE_SETTINGS); a subclass keeps its own family in `settings`. */
  readonly periods = storeSettingDefaults(SESSION_DATA_STORE_SETTINGS);
  protected _lastExpiryCheckTime = 0;
  protected _lastOrphanSweepTime = 0;

  /** Loads the data for `id`, or null. */
  protected abstract doLoad(id: string): Promise<SessionData | null>;
  /** Writes everything; `lastSaveTime <= 0` means the data was never stored (an insert). */
  protected abstract doStore(id: string, data: SessionData, lastSaveTime: number): Promise<void>;
  protected abstract doDelete(id: string): Promise<boolean>;
  protected abstract doExists(id: string): Promise<boolean>;
  /** Of the candidates, those expired at `time` plus those that no longer exist. */
  protected abstract doCheckExpired(candidates: ReadonlySet<string>, time: number): Promise<Set<string>>;
  /** Ids of this context's sessions that expired before `time`. */
  protected abstract doGetExpired(time: number): Promise<Set<string>>;
  /** Deletes data of any context that expired before `time` (no listeners can run for it). */
  protected abstract doCleanOrphans(time: number): Promise<void>;
  abstract isPassivating(): boolean;

  async initialize(context: SessionContext): Promise<void> {
    if (this.isStarted() || this.isStarting())
      throw new IllegalStateError('Cannot set the SessionContext: context set after SessionDataStore started');
    this._context = context;
  }

  getSessionContext(): SessionContext | null {
    return this._context;
  }

  protected override async doStart(): Promise<void> {
    if (!this._context) throw new IllegalStateError(`Cannot start ${this.constructor.name}: No SessionContext`);
    await super.doStart();
  }

  protected override async doStop(): Promise<void> {
    await super.doStop();
    this._lastExpiryCheckTime = 0;
    this._lastOrphanSweepTime = 0;
  }

  protected checkStarted(): void {
    if (!this.isStarted()) throw this.notStarted();
  }

  private notStarted(): IllegalStateError {
    return new IllegalStateError(`Cannot use ${this.constructor.name}: Not started`);
  }

  protected requireContext(): SessionContext {
    if (!this._context) throw new IllegalStateError(`Cannot use ${this.constructor.name}: No SessionContext`);
    return this._context;
  }

  /** Loads through doLoad; publishes `pier.session.store.load` when it has subscribers. */
  async load(id: string): Promise<SessionData | null> {
    this.checkStarted();
    if (!sessionStoreLoadChannel.hasSubscribers) return this.doLoad(id);
    return traceStoreOperation(
      sessionStoreLoadChannel,
      this,
      this._context,
      () => this.doLoad(id),
      (data) => ({ id, found: Boolean(data) }),
    );
  }

  /**
   * Writes when the data is dirty, was never saved, or its metadata changed and the last write is at
   * least savePeriodSec old. On failure lastSaved is restored and the error rethrown. The doStore
   * promise is continued, not awaited in an async frame (a release writes on every request); nothing to
   * write, or a doStore that returned DONE (finished at once), gives DONE. A write publishes
   * `pier.session.store.store` when that channel has subscribers (the check is one property read).
   */
  store(id: string, data: SessionData): Promise<void> {
    if (!this.isStarted()) return Promise.reject(this.notStarted());
    if (!data) return DONE;
    const lastSave = data.getLastSaved();
    const savePeriodMs = this.periods.savePeriodSec <= 0 ? 0 : this.periods.savePeriodSec * 1000;
    const now = Date.now();
    if (SESSION_LOG.isDebugEnabled()) {
      SESSION_LOG.debug(
        'Store: id={}, mdirty={}, dirty={}, lsave={}, period={}, elapsed={}',
        id,
        data.isMetaDataDirty(),
        data.isDirty(),
        lastSave,
        savePeriodMs,
        now - lastSave,
      );
    }
    const wasDirty = data.isDirty();
    if (!(wasDirty || lastSave <= 0 || (data.isMetaDataDirty() && now - lastSave >= savePeriodMs))) return DONE;
    const wasMetaDataDirty = data.isMetaDataDirty();
    data.setLastSaved(now);
    // The flags are cleared as the write starts, not when it ends: a request that changes the session
    // while the write is on its way marks it dirty again, and the next release writes that change.
    // (Cleared at the end, that change would be forgotten, and the data store would keep the older copy.)
    data.clean();
    const started = startTimeFor(sessionStoreStoreChannel);
    let writing: Promise<void>;
    try {
      writing = this.doStore(id, data, lastSave);
    } catch (err) {
      writing = Promise.reject(err);
    }
    if (writing === DONE) {
      if (started >= 0) sessionStoreStoreChannel.publish({ ...storeMessage(this, this._context, started), id });
      return DONE;
    }
    return writing.then(
      () => {
        if (started >= 0) sessionStoreStoreChannel.publish({ ...storeMessage(this, this._context, started), id });
      },
      (err: unknown) => {
        data.setLastSaved(lastSave);
        restoreDirty(data, wasDirty, wasMetaDataDirty);
        if (started >= 0) sessionStoreStoreChannel.publish({ ...storeMessage(this, this._context, started, err), id });
        throw err;
      },
    );
  }

  /** Deletes through doDelete; publishes `pier.session.store.delete` when it has subscribers. */
  async delete(id: string): Promise<boolean> {
    this.checkStarted();
    if (!sessionStoreDeleteChannel.hasSubscribers) return this.doDelete(id);
    return traceStoreOperation(
      sessionStoreDeleteChannel,
      this,
      this._context,
      () => this.doDelete(id),
      (deleted) => ({ id, deleted: deleted === true }),
    );
  }

  /**
   * Pier's changeSessionId step (see SessionDataStore.renew): the data is written under `newId`, then
   * `oldId` is removed (even when the write failed), through `doRenew`. On failure lastSaved is restored.
   */
  async renew(oldId: string, newId: string, data: SessionData): Promise<void> {
    this.checkStarted();
    const lastSave = data.getLastSaved();
    const wasDirty = data.isDirty();
    const wasMetaDataDirty = data.isMetaDataDirty();
    data.setLastSaved(Date.now());
    // cleared as the write starts, as in store(): a change made meanwhile stays to be written
    data.clean();
    // Published as the write of the new id and the delete of the old one (`pier.session.store.store`, `.delete`).
    const started = startTimeFor(sessionStoreStoreChannel);
    const deleteStarted = startTimeFor(sessionStoreDeleteChannel);
    try {
      await this.doRenew(oldId, newId, data, lastSave);
    } catch (err) {
      data.setLastSaved(lastSave);
      restoreDirty(data, wasDirty, wasMetaDataDirty);
      if (started >= 0) sessionStoreStoreChannel.publish({ ...storeMessage(this, this._context, started, err), id: newId });
      throw err;
    }
    if (started >= 0) sessionStoreStoreChannel.publish({ ...storeMessage(this, this._context, started), id: newId });
    if (deleteStarted >= 0) sessionStoreDeleteChannel.publish({ ...storeMessage(this, this._context, deleteStarted), id: oldId, deleted: true });
  }

  /** Writes `newId`, then deletes `oldId` whatever the write did; a store that can do both in one durable step overrides it. */
  protected async doRenew(oldId: string, newId: string, data: SessionData, lastSaveTime: number): Promise<void> {
    try {
      await this.doStore(newId, data, lastSaveTime);
    } finally {
      await this.doDelete(oldId);
    }
  }

  async exists(id: string): Promise<boolean> {
    this.checkStarted();
    return this.doExists(id);
  }

  /** The expiry search; publishes `pier.session.store.getExpired` when it has subscribers. */
  async getExpired(candidates: ReadonlySet<string>): Promise<Set<string>> {
    this.checkStarted();
    if (!sessionStoreGetExpiredChannel.hasSubscribers) return this.searchExpired(candidates);
    return traceStoreOperation(
      sessionStoreGetExpiredChannel,
      this,
      this._context,
      () => this.searchExpired(candidates),
      (expired) => ({ candidates: candidates.size, expired: expired?.size ?? 0 }),
    );
  }

  private async searchExpired(candidates: ReadonlySet<string>): Promise<Set<string>> {
    const now = Date.now();
    const graceMs = this.periods.gracePeriodSec * 1000;
    const expired = await this.doCheckExpired(candidates, now);
    if (this._lastExpiryCheckTime <= 0) {
      for (const id of await this.doGetExpired(now - 3 * graceMs)) expired.add(id);
      this._lastExpiryCheckTime = now;
    } else if (now > this._lastExpiryCheckTime + graceMs) {
      for (const id of await this.doGetExpired(now - graceMs)) expired.add(id);
      this._lastExpiryCheckTime = now;
    }
    if (this._lastOrphanSweepTime <= 0 || now > this._lastOrphanSweepTime + 10 * graceMs) {
      await this.doCleanOrphans(now - 10 * graceMs);
      this._lastOrphanSweepTime = now;
    }
    return expired;
  }

  newSessionData(id: string, created: number, accessed: number, lastAccessed: number, maxInactiveMs: number): SessionData {
    const ctx = this.requireContext();
    return new SessionData(id, ctx.getCanonicalContextPath(), ctx.getVhost(), created, accessed, lastAccessed, maxInactiveMs);
  }

  @Expose() getLastExpiryCheckTime(): number {
    return this._lastExpiryCheckTime;
  }
  @Expose() getLastOrphanSweepTime(): number {
    return this._lastOrphanSweepTime;
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}[passivating=${this.isPassivating()}]${describeSettings(this.periods)}`;
  }
}

// Jetty's setGracePeriodSec/getGracePeriodSec and setSavePeriodSec/getSavePeriodSec, from SESSION_DATA_STORE_SETTINGS
export interface AbstractSessionDataStore extends StoreSettingAccessors<typeof SESSION_DATA_STORE_SETTINGS> {}
exposeStoreSettings(AbstractSessionDataStore, SESSION_DATA_STORE_SETTINGS, { fixedWhileRunning: true, field: 'periods' });

/** A failed write leaves the data as dirty as it was before (and as a change made meanwhile made it). */
function restoreDirty(data: SessionData, dirty: boolean, metaDataDirty: boolean): void {
  if (dirty) data.setDirty(true);
  if (metaDataDirty) data.setMetaDataDirty(true);
}
