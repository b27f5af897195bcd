/**
 * The bench's peers (autocannon, express, fastify, their session stores) live in bench/package.json, apart from
 * Pier's own install: a user who installs Pier never downloads them. `ensurePeers()` installs them into
 * bench/node_modules with `npm ci` when they are missing or older than bench/package-lock.json, and
 * `requirePeer()` loads one from there.
 * @module
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The bench's source folder, bench/ of the repository (this file runs from dist/bench/). */
export const benchDir = path.resolve(__dirname, '..', '..', 'bench');

const manifest = path.join(benchDir, 'package.json');
const lock = path.join(benchDir, 'package-lock.json');
/** npm writes this after every install; it is older than the lock file when the lock changed since. */
const installed = path.join(benchDir, 'node_modules', '.package-lock.json');

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** Why the peers need installing, or undefined when bench/node_modules matches the lock file. */
export function peersStale(): string | undefined {
  if (mtime(installed) < 0) return 'bench/node_modules is missing';
  if (mtime(installed) < Math.max(mtime(lock), mtime(manifest))) return 'bench/package.json or its lock file changed since the last install';
  return undefined;
}

/** Installs the peers with `npm ci` in bench/ when they are missing or stale; throws with npm's last lines when it fails. */
export function ensurePeers(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  const reason = peersStale();
  if (!reason) return;
  log(`Installing the bench's peers into bench/node_modules (${reason}): npm ci --prefix bench`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: benchDir, encoding: 'utf8' });
  if (run.status !== 0) {
    const tail = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
    throw new Error(`Cannot install the bench's peers (npm ci in ${benchDir} exited ${run.status ?? run.signal}):\n${tail}`);
  }
}

const fromBench = createRequire(manifest);

/** Loads one of the bench's peers from bench/node_modules. */
export function requirePeer<T = any>(name: string): T {
  try {
    return fromBench(name) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      throw new Error(
        `Cannot load the bench peer '${name}' from bench/node_modules: run npm run bench (it installs them), or npm ci --prefix bench`,
        { cause: err },
      );
    }
    throw err;
  }
}
