/**
 * A test-only store that keeps encoded documents in a Map, records its calls and passivates, so the
 * cache and handler tests can see every write.
 * @module
 */
import { AbstractSessionDataStore } from '../../src/session/abstract-session-data-store';
import { UnreadableSessionDataError, UnwritableSessionDataError } from '../../src/session/errors';
import { decodeSessionData, encodeSessionData, UnencodableValueError } from '../../src/session/session-data-codec';
import type { SessionData } from '../../src/session/session-data';

export class MemorySessionDataStore extends AbstractSessionDataStore {
  readonly records = new Map<string, Buffer>();
  readonly calls: string[] = [];
  loads = 0;
  /** Delay (ms, real timers) added to each load, to widen races. */
  loadDelayMs = 0;

  protected async doLoad(id: string): Promise<SessionData | null> {
    this.calls.push(`load:${id}`);
    this.loads++;
    if (this.loadDelayMs > 0) await new Promise((r) => setImmediate(r));
    const rec = this.records.get(id);
    if (!rec) return null;
    try {
      const d = decodeSessionData(rec);
      d.setLastSaved(1);
      return d;
    } catch (cause) {
      throw new UnreadableSessionDataError(id, this._context, { cause });
    }
  }
  protected async doStore(id: string, data: SessionData): Promise<void> {
    this.calls.push(`store:${id}`);
    try {
      this.records.set(id, encodeSessionData(data));
    } catch (err) {
      throw new UnwritableSessionDataError(id, this._context, err instanceof UnencodableValueError ? err.attribute : undefined, { cause: err });
    }
  }
  protected async doDelete(id: string): Promise<boolean> {
    this.calls.push(`delete:${id}`);
    return this.records.delete(id);
  }
  protected async doExists(id: string): Promise<boolean> {
    const rec = this.records.get(id);
    if (!rec) return false;
    const d = decodeSessionData(rec);
    return d.getExpiry() <= 0 || d.getExpiry() > Date.now();
  }
  protected async doCheckExpired(candidates: ReadonlySet<string>, time: number): Promise<Set<string>> {
    const out = new Set<string>();
    for (const id of candidates) {
      const rec = this.records.get(id);
      if (!rec || decodeSessionData(rec).isExpiredAt(time)) out.add(id);
    }
    return out;
  }
  protected async doGetExpired(time: number): Promise<Set<string>> {
    const out = new Set<string>();
    for (const [id, rec] of this.records) if (decodeSessionData(rec).isExpiredAt(time)) out.add(id);
    return out;
  }
  protected async doCleanOrphans(): Promise<void> {
    /* single context */
  }
  isPassivating(): boolean {
    return true;
  }
  stores(): number {
    return this.calls.filter((c) => c.startsWith('store:')).length;
  }
}
