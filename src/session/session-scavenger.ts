/**
 * One context's part of the HouseKeeper's scavenge (Jetty's SessionHandler.scavenge and its
 * `_candidateSessionIdsForExpiry`): the ids the inactivity timers found expired, and the pass that
 * expires them with every other expired id the cache and its store know of.
 * @module
 */
import type { SessionCache } from './session-cache';
import type { SessionIdManager } from './session-id-manager';
import { SESSION_LOG } from './session-log';

/** Expired ids invalidated per batch before the scavenger yields to the event loop. */
export const SCAVENGE_BATCH = 50;

// taken at load, so that a test's fake timers do not hold a scavenge back
const realSetImmediate = setImmediate;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

/**
 * The expiry candidates of one SessionHandler and its scavenge pass. A candidate is only a hint: the
 * cache decides, in checkExpiration, which ids really are expired (also among sessions not in memory).
 */
export class SessionScavenger {
  private readonly _candidates = new Set<string>();

  /** The inactivity timer found the session `id` expired: it is expired at the next scavenge. */
  addCandidate(id: string): void {
    this._candidates.add(id);
  }

  /** Ids waiting for the next scavenge. */
  getCandidates(): ReadonlySet<string> {
    return this._candidates;
  }

  /** Forgets every candidate (the handler stopped). */
  clear(): void {
    this._candidates.clear();
  }

  /**
   * One pass: the cache's expired ids (the candidates included) are expired in every context through
   * the id manager, SCAVENGE_BATCH at a time with a turn of the event loop between batches. A failure
   * for one id is logged and the pass goes on.
   */
  async scavenge(cache: SessionCache, idm: SessionIdManager): Promise<void> {
    const candidates = new Set(this._candidates);
    this._candidates.clear();
    const expired = [...(await cache.checkExpiration(candidates))];
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Scavenging sessions: {} candidates, {} expired', candidates.size, expired.length);
    for (let i = 0; i < expired.length; i += SCAVENGE_BATCH) {
      for (const id of expired.slice(i, i + SCAVENGE_BATCH)) {
        try {
          await idm.expireAll(id);
        } catch (err) {
          SESSION_LOG.warn(`Cannot expire session '${id}': ${(err as Error).message}`, err);
        }
      }
      await yieldToEventLoop();
    }
  }
}
