/**
 * Helpers of the launcher tests: the repository root and temporary jetty.base folders.
 * @module
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';

/** Creates a temporary jetty.base with the given files (path → content; a path ending in `/` is a folder). */
export function makeBase(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-start-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    if (rel.endsWith('/')) {
      fs.mkdirSync(full, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

/** Removes a temporary folder made by makeBase. */
export function removeBase(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Registers mocha hooks that restore the process-wide SystemProperties after the suite, since a launch
 * sets jetty.home, jetty.base and -D properties there.
 */
export function preserveSystemProperties(): void {
  const { SystemProperties } = require('../../src/ioc/system-properties') as typeof import('../../src/ioc/system-properties');
  let saved = new Map<string, string>();
  before(() => {
    saved = SystemProperties.all();
  });
  after(() => {
    for (const k of SystemProperties.all().keys()) if (!saved.has(k)) SystemProperties.clear(k);
    for (const [k, v] of saved) SystemProperties.set(k, v);
  });
}

export { repoRoot };
