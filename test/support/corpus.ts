/**
 * Locates the shared Jetty corpus and the repository root from compiled test code.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder holding package.json, found by walking up from `from`. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 32; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`Cannot find the repository root: no package.json above '${from}'`);
}

/** `../shared/jetty-corpus` relative to the repository. */
export function corpusRoot(): string {
  return path.resolve(repoRoot(), '../shared/jetty-corpus');
}

/** A path inside the shared Jetty corpus. */
export function corpusPath(...parts: string[]): string {
  return path.join(corpusRoot(), ...parts);
}

/** The path of a file under test/fixtures (source tree, not the output folder). */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...parts);
}
