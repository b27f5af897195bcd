/**
 * The contract every benchmarked server module fulfils: start on loopback port 0 and answer one route.
 * @module
 */

/** What a request does with its session: nothing, read one attribute, or change it on every request. */
export type SessionMode = 'hello' | 'read' | 'write';

/** Options handed to a server by the bench runner through the child's environment. */
export interface ServerOptions {
  /** What the route does with the session. */
  readonly mode: SessionMode;
  /** A scratch folder the server may use for its session store. */
  readonly storeDir: string;
  /** Extra, server-specific settings (e.g. `lazyLoad`). */
  readonly extra: Record<string, unknown>;
}

/** A running server: its port, a stop function and optional in-process probes the runner can call. */
export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
  /** Named probes (populate sessions, scavenge...) callable by the runner over IPC. */
  readonly probes?: Record<string, (arg: Record<string, unknown>) => Promise<Record<string, unknown>>>;
}

/** Thrown when a server cannot run yet (a Pier piece is missing); the runner prints the reason and skips. */
export class ServerUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServerUnavailableError';
  }
}

/** The body every server answers with: the session counter, or "hello". */
export function body(n: number | undefined): string {
  return n === undefined ? 'hello' : `n=${n}`;
}
