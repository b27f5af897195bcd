/**
 * The jetty.bases of the web-app rows: the same start.ini lines and web.xml for Pier (`bin/start`, the
 * JavaScript servlets of bench/webapp) and real Jetty 9.4 (`start.jar`, the Java servlets of bench/peers/jetty,
 * compiled here with javac against the servlet API jar Jetty ships).
 * @module
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findJettyEnvironment, type JettyEnvironment } from '../test/jetty/jetty-environment';
import { benchDir } from './peers';
import type { SessionMode } from './servers/server-kind';

/** Which server a base is for. */
export type WebAppServer = 'pier' | 'jetty';

/** How a web-app row keeps its sessions: in memory only, or in files (Pier's durability, Jetty's one way). */
export interface WebAppStore {
  readonly kind: 'memory' | 'file';
  /** Pier's `jetty.session.file.durability` (journal, file, os); Jetty has no such setting and never fsyncs. */
  readonly durability?: 'journal' | 'file' | 'os';
}

const SERVLETS: Record<SessionMode, string> = {
  hello: 'bench.HelloServlet',
  read: 'bench.SessionReadServlet',
  write: 'bench.SessionWriteServlet',
};

function webXml(mode: SessionMode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- The bench's web app: one servlet on every path (${mode}). -->
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <servlet>
    <servlet-name>bench</servlet-name>
    <servlet-class>${SERVLETS[mode]}</servlet-class>
  </servlet>
  <servlet-mapping>
    <servlet-name>bench</servlet-name>
    <url-pattern>/*</url-pattern>
  </servlet-mapping>
</web-app>
`;
}

function startIni(server: WebAppServer, base: string, store: WebAppStore): string {
  const modules = ['http', 'deploy', 'session-cache-hash', ...(store.kind === 'file' ? ['session-store-file'] : [])];
  return [
    `# The bench's ${server === 'pier' ? 'Pier' : 'Jetty 9.4'} base: HTTP on loopback, the deployer, DefaultSessionCache${store.kind === 'file' ? ', sessions in files' : ''}.`,
    `--module=${modules.join(',')}`,
    'jetty.http.host=127.0.0.1',
    'jetty.http.port=0',
    'jetty.deploy.scanInterval=0',
    ...(store.kind === 'file' ? [`jetty.session.file.storeDir=${path.join(base, 'sessions')}`] : []),
    ...(server === 'pier' && store.durability ? [`jetty.session.file.durability=${store.durability}`] : []),
    '',
  ].join('\n');
}

/** Writes a jetty.base for `server` into `base` (an empty folder): start.ini, webapps/ROOT and its servlet. */
export function writeWebAppBase(server: WebAppServer, base: string, mode: SessionMode, store: WebAppStore, javaClasses?: string): void {
  const webInf = path.join(base, 'webapps', 'ROOT', 'WEB-INF');
  fs.mkdirSync(webInf, { recursive: true });
  if (store.kind === 'file') fs.mkdirSync(path.join(base, 'sessions'), { recursive: true });
  fs.writeFileSync(path.join(base, 'start.ini'), startIni(server, base, store));
  fs.writeFileSync(path.join(webInf, 'web.xml'), webXml(mode));
  const from = server === 'pier' ? path.join(benchDir, 'webapp') : javaClasses;
  if (!from) throw new Error(`Cannot write Jetty's bench base in '${base}': the Java servlets were not compiled`);
  fs.cpSync(from, path.join(webInf, 'classes'), { recursive: true });
}

/** Jetty and its compiled servlets, or why the Jetty rows cannot run here. */
export type JettyPeer = { ok: true; env: JettyEnvironment; classes: string } | { ok: false; reason: string };

let jettyPeer: JettyPeer | undefined;

/**
 * Finds Jetty 9.4 and a JDK (PIER_JETTY_HOME, JAVA_HOME, else Debian's jetty9 and the PATH) and compiles
 * bench/peers/jetty into `classesDir` once per run. Never throws: a missing piece is a reason.
 */
export function jettyPeerFor(classesDir: string): JettyPeer {
  if (jettyPeer) return jettyPeer;
  const found = findJettyEnvironment();
  if (!found.ok) return (jettyPeer = { ok: false, reason: found.reason });
  const sourceRoot = path.join(benchDir, 'peers', 'jetty');
  const sources = fs
    .readdirSync(sourceRoot, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.java'))
    .map((e) => path.join(e.parentPath, e.name));
  fs.mkdirSync(classesDir, { recursive: true });
  const r = spawnSync(
    found.env.javac,
    ['--release', '8', '-Xlint:-options', '-encoding', 'UTF-8', '-cp', found.env.servletApiJar, '-d', classesDir, ...sources],
    { encoding: 'utf8' },
  );
  if (r.error || r.status !== 0) {
    const why = r.error?.message ?? `exit code ${r.status}: ${`${r.stdout}${r.stderr}`.trim().split('\n').slice(0, 3).join(' | ')}`;
    return (jettyPeer = { ok: false, reason: `Cannot compile bench/peers/jetty with '${found.env.javac}': ${why}` });
  }
  return (jettyPeer = { ok: true, env: found.env, classes: classesDir });
}
