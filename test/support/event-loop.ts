/**
 * Waiting, without a timer, for work that runs on the event loop and in libuv's thread pool (file and socket
 * I/O): for tests whose timers sinon fakes, or that must not sleep a timer tick between two looks.
 * @module
 */
import { performance } from 'node:perf_hooks';

/**
 * Turns the event loop (one `setImmediate` at a time) until `check` holds or `limitMs` of real time have passed,
 * and resolves with the last answer of `check`. The limit is real time (`performance.now()`, which sinon's fake
 * timers leave alone unless a test names it), not a count of turns: on a busy machine the I/O a check waits for
 * takes many more turns than on a quiet one.
 */
export async function turnsUntil(check: () => boolean | Promise<boolean>, limitMs = 10_000): Promise<boolean> {
  const until = performance.now() + limitMs;
  while (!(await check())) {
    if (performance.now() > until) return false;
    await new Promise((r) => setImmediate(r));
  }
  return true;
}
