/**
 * Reports, once per setting, the Jetty settings that have no meaning on Node (thread pools, byte buffer
 * pools, selectors...): they are accepted, remembered and logged, never a failure.
 * @module
 */

/** Where the reports go; tests and the launcher may replace it. */
export type NotApplicableSink = (message: string) => void;

let sink: NotApplicableSink = (message) => process.stderr.write(`INFO: ${message}\n`);
const reported = new Set<string>();

/** Replaces the sink; returns the previous one. */
export function setNotApplicableSink(next: NotApplicableSink): NotApplicableSink {
  const prev = sink;
  sink = next;
  return prev;
}

/**
 * Notes that `component.setting` was set although Node has no use for it; only the first report of each
 * `component.setting` pair is logged.
 */
export function reportNotApplicable(component: string, setting: string, value?: unknown): void {
  const key = `${component}.${setting}`;
  if (reported.has(key)) return;
  reported.add(key);
  const shown = value === undefined ? '' : ` '${String(value)}'`;
  sink(`Ignoring ${key}${shown}: not applicable on Node.js`);
}

/** The `component.setting` keys reported so far. */
export function getReportedNotApplicable(): string[] { return [...reported]; }

/** Forgets what was reported (for tests). */
export function resetNotApplicable(): void { reported.clear(); }
