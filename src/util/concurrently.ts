/**
 * Runs an async step over a list with at most `limit` steps in flight, and collects failures instead of
 * stopping at the first, so that one bad item never leaves the others undone.
 * @module
 */

/** Calls `step` for every item, `limit` at a time; resolves with the errors thrown, in the order they came. */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, step: (item: T) => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await step(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return errors;
}
