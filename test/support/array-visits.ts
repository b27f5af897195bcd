/**
 * Counts the work a synchronous function does through Array's searching and iterating methods: each
 * call adds the length of the array it runs over (what a scan that finds nothing visits). A check that
 * compares each new item with every earlier one shows up as a count that grows with the square of the
 * input, without timing anything.
 * @module
 */

const METHODS = [
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'filter',
  'includes',
  'indexOf',
  'lastIndexOf',
  'forEach',
  'map',
  'reduce',
] as const;

/** Runs `fn` with the Array methods counting, and returns how many elements their calls spanned. */
export function countArrayVisits(fn: () => void): number {
  const proto = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  let visits = 0;
  for (const name of METHODS) {
    const original = proto[name];
    originals.set(name, original);
    proto[name] = function (this: unknown[], ...args: unknown[]): unknown {
      visits += this.length;
      return original.apply(this, args);
    };
  }
  try {
    fn();
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
  return visits;
}
