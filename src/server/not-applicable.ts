/**
 * Reports, once per setting, the Jetty settings that have no meaning on Node (thread pools, byte buffer
 * pools, selectors...): they are accepted, remembered and logged, never a failure.
 * @module
 */
import { Log } from '../util/log';

/**
 * Pier's logger of these notes (no Jetty class has one): `org.eclipse.jetty.server.NotApplicable.LEVEL=WARN`
 * silences them alone.
 */
const LOG = Log.getLogger('org.eclipse.jetty.server.NotApplicable');
const reported = new Set<string>();

/**
 * Notes that `component.setting` was set although Node has no use for it; only the first report of each
 * `component.setting` pair is logged.
 */
export function reportNotApplicable(component: string, setting: string, value?: unknown): void {
  const key = `${component}.${setting}`;
  if (reported.has(key)) return;
  reported.add(key);
  const shown = value === undefined ? '' : ` '${String(value)}'`;
  LOG.info(`Ignoring ${key}${shown}: not applicable on Node.js`);
}

/** The `component.setting` keys reported so far. */
export function getReportedNotApplicable(): string[] {
  return [...reported];
}

/** Forgets what was reported (for tests). */
export function resetNotApplicable(): void {
  reported.clear();
}
