/**
 * Locates the shared Jetty corpus and the repository root from compiled test code, and lets a suite
 * that needs the corpus skip (or, under CI, fail) when it is absent.
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

/** The Jetty corpus: `PIER_JETTY_CORPUS` when set, else `../shared/jetty-corpus` beside the repository. */
export function corpusRoot(): string {
  return path.resolve(repoRoot(), process.env.PIER_JETTY_CORPUS ?? '../shared/jetty-corpus');
}

/** A path inside the shared Jetty corpus. */
export function corpusPath(...parts: string[]): string {
  return path.join(corpusRoot(), ...parts);
}

/** True when the corpus folder exists. */
export function hasCorpus(): boolean {
  return fs.existsSync(corpusRoot());
}

const reported = new Set<string>();

/**
 * For a `before` hook (or a test) that needs the corpus: returns when it is present; when it is
 * absent, prints one line naming the folder and skips the suite, except under `CI=true`, where the
 * corpus is required and its absence fails.
 */
export function requireCorpus(context: Mocha.Context): void {
  if (hasCorpus()) return;
  const folder = corpusRoot();
  if (process.env.CI === 'true') {
    throw new Error(`Cannot run without the Jetty corpus: '${folder}' is absent (CI=true requires it; set PIER_JETTY_CORPUS to its folder)`);
  }
  const suite = context.test?.parent?.fullTitle() ?? '';
  if (!reported.has(suite)) {
    reported.add(suite);
    console.log(`      skipped (no Jetty corpus at '${folder}'): ${suite}`);
  }
  context.skip();
}

/**
 * A suite whose tests are generated from the corpus's files: with the corpus, `generate` declares
 * them; without it, the suite stands in their place and skips with one line (fails under CI).
 */
export function corpusSuite(title: string, generate: () => void): void {
  describe(title, () => {
    if (hasCorpus()) {
      generate();
      return;
    }
    before(function () {
      requireCorpus(this);
    });
    it('runs the tests generated from the Jetty corpus', () => undefined);
  });
}

/** The path of a file under test/fixtures (source tree, not the output folder). */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...parts);
}
