/**
 * Finds what the differential suite needs on this machine: a Jetty 9.4 home and a Java runtime with javac.
 * Nothing is installed here; when something is missing the reason says what and how to get it.
 * @module
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where Jetty 9.4 is looked for unless PIER_JETTY_HOME names another folder (Debian's `jetty9` package). */
export const DEFAULT_JETTY_HOME = '/usr/share/jetty9';

export interface JettyEnvironment {
  /** The jetty.home: holds start.jar, lib/ and modules/. */
  jettyHome: string;
  /** The Jetty version read from lib/jetty-server-<version>.jar, e.g. `9.4.57.v20241219`. */
  jettyVersion: string;
  /** The servlet API jar servlets are compiled against. */
  servletApiJar: string;
  /** The `java` and `javac` commands (from JAVA_HOME when it is set, else from PATH). */
  java: string;
  javac: string;
}

export type EnvironmentCheck = { ok: true; env: JettyEnvironment } | { ok: false; reason: string };

const HOW_TO_INSTALL = 'install it with apt-get install -y jetty9 (it brings Java), or point PIER_JETTY_HOME at a Jetty 9.4 home';

/** Looks for Jetty 9.4 and Java; never throws. */
export function findJettyEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentCheck {
  const jettyHome = path.resolve(env.PIER_JETTY_HOME || DEFAULT_JETTY_HOME);
  const from = env.PIER_JETTY_HOME ? `PIER_JETTY_HOME '${jettyHome}'` : `'${jettyHome}'`;
  if (!fs.existsSync(path.join(jettyHome, 'start.jar'))) {
    return { ok: false, reason: `Cannot find Jetty 9.4: ${from} has no start.jar; ${HOW_TO_INSTALL}` };
  }
  const libDir = path.join(jettyHome, 'lib');
  const libs = fs.existsSync(libDir) ? fs.readdirSync(libDir) : [];
  const serverJar = libs.find((f) => /^jetty-server-.*\.jar$/.test(f));
  const jettyVersion = serverJar?.slice('jetty-server-'.length, -'.jar'.length);
  if (!jettyVersion) return { ok: false, reason: `Cannot find Jetty's version: ${from} has no lib/jetty-server-<version>.jar; ${HOW_TO_INSTALL}` };
  if (!jettyVersion.startsWith('9.4.')) {
    return { ok: false, reason: `Cannot use Jetty ${jettyVersion} from ${from}: the suite compares with Jetty 9.4; ${HOW_TO_INSTALL}` };
  }
  const apiJar = libs.find((f) => /^servlet-api-3\.1.*\.jar$/.test(f)) ?? libs.find((f) => /^(javax\.)?servlet-api.*\.jar$/.test(f));
  if (!apiJar) return { ok: false, reason: `Cannot find the servlet API jar in '${libDir}': expected servlet-api-3.1.jar; ${HOW_TO_INSTALL}` };

  const javaBin = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin') : '';
  const java = javaBin ? path.join(javaBin, 'java') : 'java';
  const javac = javaBin ? path.join(javaBin, 'javac') : 'javac';
  const where = javaBin ? `in JAVA_HOME '${env.JAVA_HOME}'` : 'on PATH';
  for (const [command, what] of [
    [java, 'java'],
    [javac, 'javac'],
  ] as const) {
    const probe = spawnSync(command, ['-version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      const why = probe.error ? ((probe.error as NodeJS.ErrnoException).code ?? probe.error.message) : `exit code ${probe.status}`;
      return {
        ok: false,
        reason: `Cannot run '${what} -version' ${where} (${why}): the suite needs a JDK (java and javac); apt-get install -y jetty9 default-jdk-headless, or set JAVA_HOME`,
      };
    }
  }
  return { ok: true, env: { jettyHome, jettyVersion, servletApiJar: path.join(libDir, apiJar), java, javac } };
}
