/**
 * The server area's log line sink (start/stop notices, request failures); tests and the launcher may
 * replace it.
 * @module
 */

export type ServerLogLevel = 'INFO' | 'WARN';
export type ServerLogSink = (message: string, level: ServerLogLevel) => void;

let sink: ServerLogSink = (message, level) => process.stderr.write(`${level}: ${message}\n`);

/** Writes one line, INFO unless said otherwise. */
export function serverLog(message: string, level: ServerLogLevel = 'INFO'): void { sink(message, level); }

/** Replaces the sink; returns the previous one. */
export function setServerLogSink(next: ServerLogSink): ServerLogSink {
  const prev = sink;
  sink = next;
  return prev;
}
