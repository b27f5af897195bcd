/**
 * The labels that name a context in the per-context metrics: `context`, its context path (`/` for the
 * root), and `vhost`, its first virtual host or `0.0.0.0` when it has none. Jetty keys a context's
 * sessions the same way (the canonical context path and virtual host of its SessionContext), so two
 * contexts that share a path on different hosts have series of their own.
 * @module
 */
import type { SessionHandler } from '../session/session-handler';

/** The virtual host of a context without virtual hosts, as Jetty's SessionContext names it. */
export const NO_VHOST = '0.0.0.0';

export type ContextLabels = { readonly context: string; readonly vhost: string };

/** The `context` label for a context path as a context declares it (`''` and `/` are the root). */
export function contextPathLabel(contextPath: string | null | undefined): string {
  return contextPath || '/';
}

/** The labels of a session handler's context. */
export function contextLabels(handler: SessionHandler): ContextLabels {
  return {
    context: contextPathLabel(handler.getContextHandler()?.getContextPath()),
    vhost: handler.getSessionContext()?.getVhost() ?? NO_VHOST,
  };
}
