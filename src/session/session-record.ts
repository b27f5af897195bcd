/**
 * Pier: one session as a self-contained JSON record (no Jetty class: Jetty's stores have no common export
 * format). The session tool writes one record per line to export a store and reads them back to import,
 * so sessions move between stores of any kind; the session console shows the same record. Attribute values
 * keep the tagged encoding of the stored documents (Date, Map, BigInt, Buffer, ... survive the trip).
 *
 * `lastSaved` is left out: it says when a store last wrote the session, and the importing store writes it
 * anew.
 * @module
 */
import { canonicalizeContextPath } from './session-context';
import type { SessionData } from './session-data';
import { decodeValue, encodeAttributes } from './session-data-codec';
import type { SessionDataStore } from './session-data-store';
import { isValidSessionId } from './session-id';

/** One session: its context (the path as served, `/` for the root), vhost and id, times and attributes. */
export interface SessionRecord {
  readonly context: string;
  readonly vhost: string;
  readonly id: string;
  readonly created: number;
  readonly accessed: number;
  readonly lastAccessed: number;
  readonly maxInactiveMs: number;
  readonly expiry: number;
  readonly cookieSet: number;
  readonly lastNode: string;
  readonly attributes: Record<string, unknown>;
}

/** A line that is not a session record; `file` and `line` say where it was read. */
export class SessionRecordSyntaxError extends SyntaxError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`Cannot read session record at ${file}:${line}:${column}: ${detail}`);
    this.name = 'SessionRecordSyntaxError';
  }
}

/** The record of `data`, a session of the context served at `contextPath`. */
export function toSessionRecord(contextPath: string, data: SessionData): SessionRecord {
  return {
    context: contextPath === '' ? '/' : contextPath,
    vhost: data.getVhost(),
    id: data.getId(),
    created: data.getCreated(),
    accessed: data.getAccessed(),
    lastAccessed: data.getLastAccessed(),
    maxInactiveMs: data.getMaxInactiveMs(),
    expiry: data.getExpiry(),
    cookieSet: data.getCookieSet(),
    lastNode: data.getLastNode(),
    attributes: encodeAttributes(data.getAllAttributes()),
  };
}

/** The canonical form of a record's context and vhost, as stores key sessions (`_app` + `0.0.0.0`). */
export function recordContextKey(context: string, vhost: string): string {
  return `${canonicalizeContextPath(context)}\u0000${vhost}`;
}

/**
 * A new SessionData of `store`'s context holding the record: never saved (a store inserts it) and
 * dirty, so the store writes it whole. Attribute values are decoded (a malformed one throws TypeError).
 */
export function sessionDataFromRecord(record: SessionRecord, store: SessionDataStore): SessionData {
  const data = store.newSessionData(record.id, record.created, record.accessed, record.lastAccessed, record.maxInactiveMs);
  data.setLastNode(record.lastNode);
  data.setCookieSet(record.cookieSet);
  data.setExpiry(record.expiry);
  for (const name of Object.keys(record.attributes)) data.setAttribute(name, decodeValue(record.attributes[name]));
  data.setLastSaved(0);
  data.setDirty(true);
  return data;
}

const NUMBER_FIELDS = ['created', 'accessed', 'lastAccessed', 'maxInactiveMs', 'expiry', 'cookieSet'] as const;

/** Parses one line of an export; throws SessionRecordSyntaxError naming `file:line:column` and what is wrong. */
export function parseSessionRecord(text: string, file: string, line: number): SessionRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message);
    throw new SessionRecordSyntaxError(file, line, at ? Number(at[1]) + 1 : 1, `not JSON (${(err as Error).message})`);
  }
  const bad = (detail: string): never => {
    throw new SessionRecordSyntaxError(file, line, 1, detail);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad('expected a JSON object');
  const r = raw as Record<string, unknown>;
  for (const k of ['context', 'vhost', 'id', 'lastNode'] as const) if (typeof r[k] !== 'string') bad(`'${k}' is missing or not a string`);
  for (const k of NUMBER_FIELDS) if (typeof r[k] !== 'number' || !Number.isFinite(r[k])) bad(`'${k}' is missing or not a number`);
  if (!isValidSessionId(r.id as string)) bad(`'${String(r.id)}' is not a session id`);
  if (!(r.context as string).startsWith('/')) bad(`context '${String(r.context)}' does not start with '/'`);
  const attrs = r.attributes;
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) bad("'attributes' is missing or not an object");
  return r as unknown as SessionRecord;
}
