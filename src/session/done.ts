/**
 * The settled promise that session operations return when they finished synchronously (a release with
 * nothing to wait for, a NullSessionDataStore write): a caller compares with it and continues at once
 * instead of adding a promise reaction per request.
 * @module
 */

/** Already resolved; returned only by operations that have completely finished. */
export const DONE: Promise<void> = Promise.resolve();
