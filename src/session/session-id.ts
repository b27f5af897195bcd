/**
 * The alphabet and length limit of session ids, checked before an id reaches a store (so an id can never
 * name a path or a key outside the store's space).
 * @module
 */

/** Longest id accepted from a request or a store (generated ids are about 30 characters). */
const MAX_SESSION_ID_LENGTH = 512;

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** True if `id` is a plain session id Pier could have issued: only [A-Za-z0-9_-], 1 to 512 characters. */
export function isValidSessionId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_SESSION_ID_LENGTH && ID_PATTERN.test(id);
}
