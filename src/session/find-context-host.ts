/**
 * Where a SessionHandler that nobody introduced to its context finds it: the innermost ContextHandler
 * above it in the Server's handler tree (Jetty takes ContextHandler.getCurrentContext() at start).
 * @module
 */
import { ContextHandler } from '../server/handler/context-handler';
import { HandlerCollection } from '../server/handler/handler-collection';
import { HandlerWrapper } from '../server/handler/handler-wrapper';
import type { Handler } from '../server/handler';
import type { Server } from '../server/server';

/** A handler tree deeper than this is not searched further (a loop made by hand cannot hang the start). */
const MAX_DEPTH = 64;

/** The innermost ContextHandler holding `handler` in the Server's handler tree, or null. */
export function findContextHost(server: Server | null, handler: Handler): ContextHandler | null {
  const visit = (node: Handler, context: ContextHandler | null, depth: number): ContextHandler | null | undefined => {
    if (node === handler) return context;
    if (depth > MAX_DEPTH || !(node instanceof HandlerWrapper || node instanceof HandlerCollection)) return undefined;
    const here = node instanceof ContextHandler ? node : context;
    for (const child of node.getHandlers()) {
      const found = visit(child, here, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return server ? (visit(server, null, 0) ?? null) : null;
}
