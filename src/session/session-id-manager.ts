/**
 * The server-wide session id authority (org.eclipse.jetty.server.SessionIdManager): makes ids and applies
 * id operations (in use? expire, invalidate, renew) to every context's SessionHandler.
 * @module
 */
import type { SessionRequest } from '../server/session-manager-bridge';
import type { LifeCycle } from '../util/component/life-cycle';

/** What the id manager calls on each SessionHandler (implemented by SessionHandler). */
export interface IdManagedSessionHandler {
  isIdInUse(id: string): Promise<boolean>;
  /** Invalidates the session `id` in this context (listeners fire if the cache holds or loads it). */
  invalidate(id: string): Promise<void>;
  /** Renames the session in this context; resolves when the store has the new record. */
  renameSession(oldId: string, oldExtendedId: string, newId: string, newExtendedId: string): Promise<void>;
  /** True if a valid Session with this id is in memory in this context. */
  isIdInMemory(id: string): boolean;
  scavenge(): Promise<void>;
  isStopped(): boolean;
  isFailed(): boolean;
}

export interface SessionIdManager extends LifeCycle {
  isIdInUse(id: string): Promise<boolean>;
  expireAll(id: string): Promise<void>;
  invalidateAll(id: string): Promise<void>;
  /** A new id for a session created by this request at `created` (may reuse an id in use elsewhere). */
  newSessionId(request: SessionRequest | null, created: number): string;
  getWorkerName(): string;
  /** The plain id of an extended id (everything after the last '.' goes). */
  getId(qualifiedId: string): string;
  /** The id with this node's suffix, as cookies and URLs carry it. */
  getExtendedId(id: string, request: SessionRequest | null): string;
  /**
   * True when `extendedId` is what getExtendedId(getId(extendedId), request) gives, checked without
   * building that string (a SessionHandler asks on every request that brings a session cookie).
   */
  isExtendedId(extendedId: string, request: SessionRequest | null): boolean;
  /** A fresh id, applied to every context that has `oldId`. */
  renewSessionId(oldId: string, oldExtendedId: string, request: SessionRequest | null): string;
  getSessionHandlers(): IdManagedSessionHandler[];
  addSessionHandler(handler: IdManagedSessionHandler): void;
  removeSessionHandler(handler: IdManagedSessionHandler): void;
}
