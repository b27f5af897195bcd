/**
 * The launcher behind `bin/start`: Jetty 9.4's start.jar `Main` for Pier.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SystemProperties } from '../ioc/system-properties';
import type { Server } from '../server/server';
import { installShutdownHook } from '../server/shutdown-hook';
import { XmlConfigurationError } from '../ioc/errors';
import { causeChainOf, describeErrorChain, formatLocation, UsageError } from '../util/errors';
import { Log } from '../util/log';
import { findInstallationHome } from './base-home';
import { failingFile } from './class-loader';
import { addToStart, createStartd, ensureFiles, updateIni } from './base-builder';
import { dryRun, listConfig, listModules } from './listing';
import { loadLogConfiguration } from './logging-configuration';
import { isServerLike, startedLine } from './server-report';
import { runSessionTool, takeSessionToolArgs, type SessionToolRequest } from './session-tool';
import { CMD_LINE } from './start-args';
import { resolveStart, StartConfiguration } from './start-configuration';
import { unprovidedWarning } from './unprovided-modules';
import { usage } from './usage';
import type { StartableLike, XmlApplier } from './xml-runner';

// What only a start or --sessions needs (the XML interpreter with every class area, the session stores, the
// metrics) loads when used: --help, --version, the listings and the base-building commands load about 40
// modules instead of 225, and answer in a fifth of the CPU time.
const xmlRunner = (): typeof import('./xml-runner') => loadPart(() => require('./xml-runner') as typeof import('./xml-runner'));

/**
 * A part of the launcher loaded when first used. A compiled file of it that throws as it loads stops the
 * launcher as bin/start does for the files it loads itself: one line naming the file, exit code 5.
 */
function loadPart<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    const where = failingFile(err, path.resolve(__dirname, '..'));
    const at = where ? `${where.file}${where.line > 0 ? `:${where.line}` : ''}: ` : '';
    const e = err as Error | undefined;
    throw new UsageError(
      `Cannot load Pier's launcher: ${at}${e?.name ? `${e.name}: ` : ''}${e?.message ? e.message.split('\n')[0] : String(err)}`,
      UsageError.ERR_UNKNOWN,
      { cause: err },
    );
  }
}

/** Where the launcher writes and what it runs; tests replace parts of it. */
export interface MainEnvironment {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly applier: XmlApplier;
  /**
   * Installs the SIGTERM/SIGINT graceful-stop hook for the configured server, before its start begins: a
   * signal during the start stops what started, as one after it does. May return a function that removes
   * the hook (called when the start fails: the launcher then reports the failure itself).
   */
  readonly installShutdownHook: (server: StartableLike) => void | (() => void);
  /**
   * Keeps the SIGTERM/SIGINT that arrive while the XML is applied (before there is a server to hook) from
   * killing the process, and tells which came first; release() gives the signals back. Tests leave it out.
   */
  readonly holdSignals?: () => HeldSignals;
}

/** Signals held while a start is configured. */
export interface HeldSignals {
  /** The first signal received while held, if any. */
  first(): NodeJS.Signals | undefined;
  release(): void;
}

/** The default holdSignals: process listeners that record the first signal. */
function holdProcessSignals(): HeldSignals {
  let first: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    first ??= signal;
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    first: () => first,
    release: () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}

/** The running launch: what was started, for callers that want to stop it (tests, embedding). */
export interface Launch {
  readonly config: StartConfiguration;
  readonly objects: unknown[];
  readonly started: StartableLike[];
}

function defaultEnvironment(): MainEnvironment {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    applier: (files, properties) => xmlRunner().defaultXmlApplier(files, properties),
    installShutdownHook: (server) => installShutdownHook(server as unknown as Server),
    holdSignals: holdProcessSignals,
  };
}

/**
 * Runs the launcher. Resolves with the exit code for commands that end (help, listings, errors), or
 * with undefined once a server has started (the process then lives as long as the server).
 */
export async function main(argv: readonly string[], env: Partial<MainEnvironment> = {}): Promise<number | undefined> {
  const defaults = defaultEnvironment();
  // An environment with a hook of its own (tests, embedding) gets no process-wide signal listeners either.
  const e: MainEnvironment = { ...defaults, ...env, holdSignals: env.holdSignals ?? (env.installShutdownHook ? undefined : defaults.holdSignals) };
  const debug = argv.includes('--debug');
  try {
    const result = await launch(argv, e);
    return typeof result === 'number' ? result : undefined;
  } catch (err) {
    e.err(`ERROR : ${oneLine(err)}\n`);
    if (debug)
      e.err(
        `${describeErrorChain(err)}\n${causeChainOf(err)
          .map((c) => (c as Error)?.stack ?? '')
          .filter(Boolean)
          .join('\ncaused by: ')}\n`,
      );
    return exitCodeOf(err);
  }
}

/** Does the work of main and returns an exit code, or the Launch once started. Throws on any error. */
export async function launch(argv: readonly string[], e: MainEnvironment): Promise<number | Launch> {
  if (argv.includes('--help') || argv.includes('-?') || argv.includes('-h')) {
    e.out(usage());
    return 0;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    e.out(`pier ${readVersion()}\n`);
    return 0;
  }
  const sessionTool = takeSessionToolArgs(argv);
  if (sessionTool) argv = sessionTool.rest;
  const cfg = resolveStart(argv, { cwd: e.cwd, systemProperties: SystemProperties.all() });
  const args = cfg.args;
  if (args.debug) {
    process.env.PIER_DEBUG = '1';
    for (const n of args.notes) e.err(`DEBUG : ${n}\n`);
  }
  if (args.stop) throw new UsageError('Cannot use --stop: Pier has no stop port; send SIGTERM to the server process instead');

  const say = (line: string): void => e.out(line + '\n');
  if (args.updateIni) {
    updateIni(cfg, say);
    return 0;
  }
  // One WARN line per enabled module that Pier knows from Jetty but does not provide.
  const warnUnprovided = (): void => {
    for (const m of cfg.enabled) if (m.unprovided) e.err(`WARN  : ${unprovidedWarning(m.unprovided)}\n`);
  };
  if (args.createStartd || args.addToStart.length > 0 || args.createFiles) {
    warnUnprovided();
    // Jetty 10's --add-module creates start.d/ when the base has neither start.ini nor start.d/.
    const base = cfg.baseHome.base;
    if (args.addModuleSpelling && !fs.existsSync(path.join(base, 'start.ini')) && !fs.existsSync(path.join(base, 'start.d'))) {
      args.createStartd = true;
    }
    if (args.createStartd) createStartd(cfg, say);
    if (args.addToStart.length > 0) {
      // Re-resolve after --create-startd so the builder sees the new layout.
      const fresh = args.createStartd ? resolveStart(argv, { cwd: e.cwd, systemProperties: SystemProperties.all() }) : cfg;
      // What the base enabled before this command, so that only newly enabled dependencies are reported.
      const without = argv.filter((a) => !/^--add-(to-startd?|modules?)=/.test(a));
      const before = new Set(resolveStart(without, { cwd: e.cwd, systemProperties: SystemProperties.all() }).enabled.map((m) => m.name));
      addToStart(fresh, args.addToStart, say, before);
    }
    ensureFiles(cfg, say);
    return 0;
  }
  if (args.listModules) {
    e.out(listModules(cfg, args.listModules));
    return 0;
  }
  if (args.listConfig) {
    e.out(listConfig(cfg));
    return 0;
  }
  if (args.dryRun) {
    e.out(dryRun(cfg));
    return 0;
  }
  if (cfg.xmls.length === 0) {
    throw new UsageError(
      `Cannot start: no modules are enabled and no XML files were given in ${cfg.baseHome.base}; enable some with --add-to-start=http,deploy or --module=http`,
    );
  }

  warnUnprovided();
  let objects: unknown[];
  let started: StartableLike[];
  type ServerLike = StartableLike & { dump?: () => string; isDumpAfterStart?: () => boolean; getStopAtShutdown?: () => boolean };
  let server: ServerLike | undefined;
  let removeHook: (() => void) | undefined;
  // The stop on SIGTERM/SIGINT covers the whole start, as Jetty's shutdown hook is registered while the XML
  // configures the server: a signal while the XML is applied ends the launch before anything starts, and
  // one while the components start stops the server (once the start in progress settles), exit code 0.
  const held = sessionTool ? undefined : e.holdSignals?.();
  try {
    objects = await configure(cfg, e);
    if (sessionTool) return runSessionToolOffline(sessionTool.request, objects, e);
    const signal = held?.first();
    if (signal) {
      Log.getLogger('org.eclipse.jetty.util.thread.ShutdownThread').info(`Received ${signal} before the start: nothing was started`);
      return 0;
    }
    server = objects.find(isServerLike) as ServerLike | undefined;
    // jetty.server.stopAtShutdown=false: no graceful-stop hook, as Jetty registers none.
    if (server && server.getStopAtShutdown?.() !== false) {
      const remove = e.installShutdownHook(server);
      if (typeof remove === 'function') removeHook = remove;
    }
    held?.release();
    started = await xmlRunner().startAll(objects);
  } catch (err) {
    removeHook?.();
    throw blameProperty(err, cfg);
  } finally {
    held?.release();
  }
  if (server) {
    const s = server;
    // A signal during the start: the hook is stopping the server and ends the process; no Started line.
    if (s.isStarted?.() === false) return { config: cfg, objects, started };
    e.out(startedLine(server) + '\n');
    if (args.dev) startDevMode(server, say);
    if (args.dump && typeof s.dump === 'function' && !s.isDumpAfterStart?.()) e.out(s.dump() + '\n' + metricsWithoutModule(server));
  } else {
    e.out(`Started ${started.length} component(s); no Server was configured\n`);
  }
  return { config: cfg, objects, started };
}

/**
 * Configures logging, files and system properties as a start does, then applies the XML files and returns
 * what they configured (nothing is started yet).
 */
async function configure(cfg: StartConfiguration, e: MainEnvironment): Promise<unknown[]> {
  // Logging is configured before any XML runs, so every component logs at its configured level.
  const logging = loadLogConfiguration(cfg, { stacks: cfg.args.debug || Boolean(process.env.PIER_DEBUG) });
  Log.configure(logging);
  for (const note of logging.getNotes()) Log.getLogger('org.eclipse.jetty.util.log.Log').warn(note);
  ensureFiles(cfg, (line) => e.err(line + '\n'));
  for (const [k, v] of cfg.systemProperties()) SystemProperties.set(k, v);
  // As start.jar does: jetty.home/jetty.base become system properties too (the deployer reads them). Set
  // after the others: those include the system properties the process had when this start was resolved,
  // which keep an earlier launch's jetty.base when one process launches twice.
  SystemProperties.set('jetty.home', cfg.baseHome.home);
  SystemProperties.set('jetty.base', cfg.baseHome.base);
  return e.applier(
    cfg.xmls.map((x) => x.path),
    cfg.xmlProperties(),
  );
}

/** `--sessions`: opens each context's store from the configured objects, runs the command, closes the stores. */
async function runSessionToolOffline(request: SessionToolRequest, objects: readonly unknown[], e: MainEnvironment): Promise<number> {
  const { openOfflineSessionStores } = loadPart(() => require('./offline-session-stores') as typeof import('./offline-session-stores'));
  const opened = await openOfflineSessionStores(objects);
  try {
    for (const note of opened.notes) e.err(`INFO  : ${note}\n`);
    return await runSessionTool(request, opened.stores, { out: e.out, err: e.err, cwd: e.cwd });
  } finally {
    await opened.close();
  }
}

/**
 * After `--dump`'s tree, for a server without the metrics module (whose MetricsConnector dumps them in
 * the tree): the metrics the components keep themselves (sessions, stores), as they are now.
 */
function metricsWithoutModule(server: unknown): string {
  const beans = (server as { getBeans?: () => unknown[] }).getBeans?.() ?? [];
  const { dumpSamples, MetricsConnector, ServerMetrics } = loadPart(() => require('../metrics') as typeof import('../metrics'));
  if (beans.some((b) => b instanceof MetricsConnector)) return '';
  const lines = dumpSamples(ServerMetrics.snapshot(server as import('../metrics').MetricsServer));
  return `Metrics now (module metrics not enabled: the counters the components keep):\n${lines.map((l) => `  ${l}\n`).join('')}`;
}

/**
 * `--dev`: watch each web app's folder and reload only the app whose code changed, its sessions saved
 * before and restored after (src/deploy/dev). Loaded lazily so a normal start never pulls it in.
 */
function startDevMode(server: unknown, say: (line: string) => void): void {
  const dev = require('../deploy/dev') as typeof import('../deploy/dev');
  const mode = dev.enableDevMode(server as Parameters<typeof dev.enableDevMode>[0], {
    // A failed reload's error is already its WARN line: this line does not repeat it.
    onReload: (r) =>
      say(
        r.error
          ? `Cannot reload ${r.contextPath}: it answers 503 until an edit fixes it (the WARN line above says why)`
          : `Reloaded ${r.contextPath}`,
      ),
  });
  say(`Dev mode: watching ${mode.watched().size} web app folder(s) for changes`);
}

/**
 * When a start property the user set is the value XML could not use (`jetty.http.port=80x`), the error
 * names that property and where it was set (the command line, an ini file's line) before the XML file
 * and line that applied it: the mistake is in the property, not in Pier's XML.
 */
function blameProperty(err: unknown, cfg: StartConfiguration): unknown {
  const xmlError = causeChainOf(err).find((c): c is XmlConfigurationError => c instanceof XmlConfigurationError && c.property !== undefined);
  const prop = xmlError?.property && cfg.args.props.get(xmlError.property.name);
  if (!xmlError || !prop || prop.origin.endsWith('.mod')) return err;
  const where = prop.origin === CMD_LINE ? 'on the command line' : `in ${prop.origin}${prop.line !== undefined ? `:${prop.line}` : ''}`;
  const detail = xmlError.detail.replace(/ \(the value of property '[^']*'\)$/, '');
  return new UsageError(
    `Cannot use property ${prop.key}=${prop.value} set ${where}: ${detail} (applied at ${formatLocation(xmlError.location)})`,
    UsageError.ERR_BAD_ARG,
    { cause: err },
  );
}

/** The exit code for an error: its own (UsageError), else 2 (bad configuration). */
function exitCodeOf(err: unknown): number {
  const code = (err as { exitCode?: unknown })?.exitCode;
  return typeof code === 'number' && code > 0 ? code : UsageError.ERR_BAD_ARG;
}

/**
 * The error as one line: the first line of its message (the XML interpreter puts file:line:column and
 * the failure there), the element path of an XML error (`at Configure > Set[port]`), and a remedy for a
 * port in use. The cause chain follows with --debug.
 */
function oneLine(err: unknown): string {
  const full = err instanceof Error ? err.message : String(err);
  let msg =
    full
      .split(/\r?\n/)
      .map((s) => s.trim())
      .find((s) => s.length > 0) ??
    (err as Error)?.name ??
    'unknown error';
  const elementPath = (err as { elementPath?: unknown })?.elementPath;
  if (typeof elementPath === 'string' && elementPath.length > 0) msg += ` (at ${elementPath})`;
  const code = (err as { code?: unknown })?.code;
  if ((code === 'EADDRINUSE' || /address already in use/i.test(msg)) && !/jetty\.http\.port/.test(msg)) {
    msg += '; choose another port with jetty.http.port=<port> or stop the process using it';
  }
  return msg;
}

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(findInstallationHome(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
