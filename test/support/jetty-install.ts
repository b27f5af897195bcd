/**
 * Jetty 9.4 as installed on this machine (Debian's jetty9 package, or PIER_JETTY_HOME): for the tests that
 * compare Pier with what Jetty's own start.jar writes. Without Java and Jetty a test skips with one line,
 * except under CI=true, where their absence fails.
 * @module
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Jetty 9.4's home on this machine. */
export const JETTY_HOME = path.resolve(process.env.PIER_JETTY_HOME ?? '/usr/share/jetty9');

let javaRuns: boolean | undefined;

/** True when Jetty's start.jar is installed and `java` runs. */
export function hasJettyInstall(): boolean {
  if (javaRuns === undefined) javaRuns = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
  return javaRuns && fs.existsSync(path.join(JETTY_HOME, 'start.jar'));
}

const reported = new Set<string>();

/** For a hook or test that needs Java and Jetty: skips with one line when they are missing (fails under CI=true). */
export function requireJettyInstall(context: Mocha.Context): void {
  if (hasJettyInstall()) return;
  const why = `no Jetty 9.4 start.jar in '${JETTY_HOME}' or no java on PATH; apt-get install -y jetty9`;
  if (process.env.CI === 'true') throw new Error(`Cannot run without Jetty 9.4 and Java: ${why} (CI=true requires them)`);
  const suite = context.test?.parent?.fullTitle() ?? '';
  if (!reported.has(suite)) {
    reported.add(suite);
    console.log(`      skipped (${why}): ${suite}`);
  }
  context.skip();
}

/** Runs Jetty's own start.jar with `args` in `base`; returns its output, throws with it when it fails. */
export function runJettyStartJar(base: string, args: readonly string[]): string {
  const r = spawnSync('java', ['-jar', path.join(JETTY_HOME, 'start.jar'), `jetty.home=${JETTY_HOME}`, `jetty.base=${base}`, ...args], {
    cwd: base,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`Jetty's start.jar ${args.join(' ')} failed (${r.status}):\n${output}`);
  return output;
}
