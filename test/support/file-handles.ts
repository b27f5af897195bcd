/**
 * Fault injection into open files: every FileHandle shares one prototype, so a test can count or fail the
 * writes and syncs of files a component keeps open (a journal), which stubbing `fs.promises` cannot reach.
 * @module
 */
import * as fs from 'node:fs';

/** The prototype of every `fs.promises.FileHandle` (found by opening `dir` once). */
export async function fileHandlePrototype(dir: string): Promise<fs.promises.FileHandle> {
  const fh = await fs.promises.open(dir, 'r');
  await fh.close();
  return Object.getPrototypeOf(fh) as fs.promises.FileHandle;
}
