/**
 * The server area's log line sink (start/stop notices, request failures); tests and the launcher may
 * replace it.
 * @module
 */

export type ServerLogSink = (message: string) => void;

let sink: ServerLogSink = (message) => process.stderr.write(`INFO: ${message}\n`);

/** Writes one line. */
export function serverLog(message: string): void { sink(message); }

/** Replaces the sink; returns the previous one. */
export function setServerLogSink(next: ServerLogSink): ServerLogSink {
  const prev = sink;
  sink = next;
  return prev;
}
