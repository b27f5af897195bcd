/**
 * jetty.base folders for the JDBC module tests and the cluster suite: the start.ini that Jetty 9.4's
 * own start.jar writes for `--add-to-start=http,deploy,session-store-jdbc` (when Java and Jetty are
 * installed), the counter web app, and the command-line properties that point it at a database.
 * @module
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../../support/corpus';

/** Jetty 9.4's home on this machine (`PIER_JETTY_HOME` overrides). */
export const JETTY_HOME = process.env.PIER_JETTY_HOME ?? '/usr/share/jetty9';

/** True when Java and Jetty's start.jar are there to write a base. */
export function canRunStartJar(): boolean {
  return fs.existsSync(path.join(JETTY_HOME, 'start.jar')) && spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** A new empty jetty.base folder. */
export function newBase(prefix = 'pier-jdbc-base-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs Jetty's start.jar `--add-to-start=<modules>` in `base`; throws with its output when it fails. */
export function addToStartWithJetty(base: string, modules: string): void {
  const r = spawnSync(
    'java',
    ['-jar', path.join(JETTY_HOME, 'start.jar'), `jetty.home=${JETTY_HOME}`, `jetty.base=${base}`, `--add-to-start=${modules}`],
    { cwd: base, encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`Jetty's start.jar --add-to-start=${modules} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** Copies the counter web app (test/fixtures/session/counter) into the base's webapps/. */
export function addCounterApp(base: string, name = 'counter'): void {
  fs.cpSync(path.join(repoRoot(), 'test', 'fixtures', 'session', 'counter'), path.join(base, 'webapps', name), { recursive: true });
}

/** Command-line properties selecting the driver connection type on `url` with `table`. */
export function driverProperties(driverClass: string, url: string, table: string): string[] {
  return [
    'db-connection-type=driver',
    `jetty.session.jdbc.driverClass=${driverClass}`,
    `jetty.session.jdbc.driverUrl=${url}`,
    `jetty.session.jdbc.schema.table=${table}`,
  ];
}
