/**
 * The session store events metrics attach to without touching the stores: `node:diagnostics_channel`
 * channels that AbstractSessionDataStore (so every store built on it) publishes after each load, write,
 * delete and expiry search, with its duration.
 * @module
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { SessionContext } from './session-context';

export const SESSION_STORE_LOAD_CHANNEL = 'pier.session.store.load';
export const SESSION_STORE_STORE_CHANNEL = 'pier.session.store.store';
export const SESSION_STORE_DELETE_CHANNEL = 'pier.session.store.delete';
export const SESSION_STORE_GET_EXPIRED_CHANNEL = 'pier.session.store.getExpired';

/** What every session store message carries. */
export interface SessionStoreMessage {
  /** The store's class (`FileSessionDataStore`, `NullSessionDataStore`, ...). */
  readonly storeType: string;
  /** The canonical context path of the store's context (`''` for the root context, `_shop` style), and its virtual host. */
  readonly context: string;
  readonly vhost: string;
  /** The context path as the context declares it (`/shop`; `''` or `/` for the root), where `context` has it sanitised. */
  readonly contextPath: string;
  /** Milliseconds from the call to its end (its promise settled). */
  readonly durationMs: number;
  /** The failure, when the operation failed (the caller gets it too). */
  readonly error?: unknown;
}

/** `pier.session.store.load`: one session read from the store (`found` false when it had none). */
export interface SessionLoadMessage extends SessionStoreMessage {
  readonly id: string;
  readonly found: boolean;
}
/** `pier.session.store.store`: one session written (only calls that wrote: nothing is published when the save rule skipped it). */
export interface SessionStoreWriteMessage extends SessionStoreMessage {
  readonly id: string;
}
/** `pier.session.store.delete`: one session deleted (`deleted` false when the store had none). */
export interface SessionDeleteMessage extends SessionStoreMessage {
  readonly id: string;
  readonly deleted: boolean;
}
/** `pier.session.store.getExpired`: one expiry search (the scavenger's), with the candidates it got and the expired ids it found. */
export interface SessionGetExpiredMessage extends SessionStoreMessage {
  readonly candidates: number;
  readonly expired: number;
}

export const sessionStoreLoadChannel = diagnosticsChannel.channel(SESSION_STORE_LOAD_CHANNEL);
export const sessionStoreStoreChannel = diagnosticsChannel.channel(SESSION_STORE_STORE_CHANNEL);
export const sessionStoreDeleteChannel = diagnosticsChannel.channel(SESSION_STORE_DELETE_CHANNEL);
export const sessionStoreGetExpiredChannel = diagnosticsChannel.channel(SESSION_STORE_GET_EXPIRED_CHANNEL);

/** The fields every message shares, for the store `store` that started at `started` (performance.now()). */
export function storeMessage(store: object, context: SessionContext | null, started: number, error?: unknown): SessionStoreMessage {
  return {
    storeType: store.constructor.name,
    context: context?.getCanonicalContextPath() ?? '',
    vhost: context?.getVhost() ?? '',
    contextPath: context?.getContext()?.getContextPath() ?? '',
    durationMs: performance.now() - started,
    ...(error === undefined ? {} : { error }),
  };
}

/**
 * Runs `operation` and publishes on `channel` the shared fields plus `fields(result)` (result undefined
 * when it failed, the error then in `error`). Callers check `channel.hasSubscribers` first, so nothing
 * here runs for a store nobody observes.
 */
export function traceStoreOperation<T>(
  channel: diagnosticsChannel.Channel,
  store: object,
  context: SessionContext | null,
  operation: () => Promise<T>,
  fields: (result: T | undefined) => object,
): Promise<T> {
  const started = performance.now();
  let running: Promise<T>;
  try {
    running = operation();
  } catch (err) {
    running = Promise.reject(err);
  }
  return running.then(
    (result) => {
      channel.publish({ ...storeMessage(store, context, started), ...fields(result) });
      return result;
    },
    (err: unknown) => {
      channel.publish({ ...storeMessage(store, context, started, err), ...fields(undefined) });
      throw err;
    },
  );
}

/** The time an operation starts, read only when its channel has subscribers (else -1: nothing to publish). */
export function startTimeFor(channel: diagnosticsChannel.Channel): number {
  return channel.hasSubscribers ? performance.now() : -1;
}
