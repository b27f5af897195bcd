/**
 * Helpers of the Redis store tests: a key prefix of this run alone, and removing every key under it.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { createClient } from '@redis/client';

/** `pier-test:<pid>:<random>:`, so that runs sharing a Redis never see each other's keys. */
export function uniquePrefix(): string {
  return `pier-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key that starts with `prefix`. */
export async function deleteKeys(client: ReturnType<typeof createClient>, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...(batch as unknown as string[]));
  if (keys.length > 0) await client.del(keys);
}
