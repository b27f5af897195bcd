/**
 * A sinon clock for tests that wait on a timer of the container (a scavenger, a save period, a session's
 * expiry) while sockets and files stay real: the test moves the clock on instead of sleeping for the
 * period, and real I/O runs between the steps.
 * @module
 */
import * as sinon from 'sinon';

// Node's own setTimeout, kept before any test fakes the global one (sinon also fakes node:timers/promises).
const realSetTimeout = globalThis.setTimeout;
function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

/** The timer functions a container component uses, and Date so that its idea of now moves with them. */
export type FakedTimer = 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval' | 'Date';

/** Fakes `toFake` from now on; restore it (`clock.restore()` or `sinon.restore()`) in a finally or an afterEach. */
export function fakeClock(toFake: FakedTimer[]): sinon.SinonFakeTimers {
  return sinon.useFakeTimers({ now: Date.now(), toFake });
}

/**
 * Moves the clock on in steps of `stepMs`, letting real I/O run for a few milliseconds between them, until
 * `check` holds; false when it still does not after `tries` steps.
 */
export async function tickUntil(clock: sinon.SinonFakeTimers, check: () => boolean | Promise<boolean>, stepMs = 500, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await clock.tickAsync(stepMs);
    await realDelay(5);
  }
  return check();
}
