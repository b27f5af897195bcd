/**
 * The kinds of dispatch a request can go through (javax.servlet.DispatcherType).
 * @module
 */
export type DispatcherType = 'FORWARD' | 'INCLUDE' | 'REQUEST' | 'ASYNC' | 'ERROR';

/** All dispatcher types, in Java's declaration order. */
export const DISPATCHER_TYPES: readonly DispatcherType[] = ['FORWARD', 'INCLUDE', 'REQUEST', 'ASYNC', 'ERROR'];

/** Parses a dispatcher name as web.xml writes it (case-insensitive); throws on an unknown name. */
export function parseDispatcherType(name: string): DispatcherType {
  const up = name.trim().toUpperCase();
  if ((DISPATCHER_TYPES as readonly string[]).includes(up)) return up as DispatcherType;
  throw new TypeError(`Cannot parse dispatcher type '${name}': expected one of ${DISPATCHER_TYPES.join(', ')}`);
}
