/**
 * The settled promise that an operation returns when it finished synchronously (a request completion
 * listener with nothing to wait for, a session release with nothing to write): the caller compares with
 * it and continues at once, instead of adding a promise reaction per request. The session layer returns
 * this same object (src/session/done.ts re-exports it), so the server recognises its synchronous answers.
 * @module
 */

/** Already resolved; returned only by operations that have completely finished. */
export const DONE: Promise<void> = Promise.resolve();
