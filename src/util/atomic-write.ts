/**
 * Crash-safe file replacement: write a temporary file beside the target, fsync it, then rename it over
 * the target, so that a crash at any point leaves either the old file or the new one, never a torn one.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomHex } from './random-pool';

/** Marks a temporary file of a replacement in progress (`<name>.tmp-<random>`); start-up scans sweep them. */
export const TMP_MARK = '.tmp-';

/** A fresh temporary path for replacing `name` in `dir`: `<dir>/<name>.tmp-<12 random hex digits>`. */
export function tempPathFor(dir: string, name: string): string {
  return path.join(dir, `${name}${TMP_MARK}${randomHex(6)}`);
}

/** tempPathFor for a target path already joined: `<file>.tmp-<12 random hex digits>`, beside it. */
export function tempPathBeside(file: string): string {
  return `${file}${TMP_MARK}${randomHex(6)}`;
}

/**
 * Creates `file` (exclusively, mode 0600) holding `bytes`, fsyncs (unless `fsync: false`) and closes it.
 * If it cannot be created (EEXIST included) nothing is removed; if the write fails, the new file is removed
 * (quietly: a clean-up failure, for example on a read-only folder, never masks the write's own error) and
 * the write's error is thrown.
 */
export async function writeNewFile(file: string, bytes: Uint8Array, options: { fsync?: boolean } = {}): Promise<void> {
  const fh = await fs.promises.open(file, 'wx', 0o600);
  try {
    try {
      await fh.writeFile(bytes);
      if (options.fsync !== false) await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    await fs.promises.unlink(file).catch(() => undefined);
    throw err;
  }
}

/**
 * Writes `bytes` to `tmp` (writeNewFile), then renames it to `target`. On failure the temporary file is
 * removed quietly and the original error is thrown.
 * `fsync: false` skips the fsync: the replacement is still atomic, and survives a crash of the process,
 * but not necessarily a power cut (the write is left to the operating system's own flushing).
 */
export async function writeFileAtomically(tmp: string, target: string, bytes: Uint8Array, options: { fsync?: boolean } = {}): Promise<void> {
  await writeNewFile(tmp, bytes, options);
  try {
    await fs.promises.rename(tmp, target);
  } catch (err) {
    await fs.promises.unlink(tmp).catch(() => undefined);
    throw err;
  }
}
