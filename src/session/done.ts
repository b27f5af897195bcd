/**
 * The settled promise that session operations return when they finished synchronously (a release with
 * nothing to wait for, a NullSessionDataStore write): the server's own marker, so that a request's
 * completion recognises a release that finished at once.
 * @module
 */
export { DONE } from '../server/done';
