/**
 * The logging configuration of a launch, found where Jetty 9.4's `Log` finds it: the first
 * `jetty-logging.properties` on the server's classpath (the folders `[lib]` entries of enabled modules
 * name, such as `resources/` of the `resources` module), with the system properties (`-D` arguments)
 * on top.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJavaPropertyEntries } from '../util/java-properties';
import { LogConfiguration, type LogProperty } from '../util/log';
import { UsageError } from './errors';
import { CMD_LINE } from './start-args';
import type { StartConfiguration } from './start-configuration';

/** The file Jetty's logging reads from the classpath. */
export const JETTY_LOGGING_PROPERTIES = 'jetty-logging.properties';

/**
 * The classpath folders of a launch: every `[lib]` entry of an enabled module that names a folder
 * (ends in `/`, like `resources/`), found in `${jetty.base}`, each `--include-jetty-dir`, then
 * `${jetty.home}` (in that order: the base's copy of a file comes first). Jar entries have no meaning
 * on Node and are left out.
 */
export function classpathFolders(cfg: StartConfiguration): string[] {
  const out: string[] = [];
  for (const m of cfg.enabled) {
    for (const lib of m.libs) {
      const rel = cfg.expand(lib.trim());
      if (!rel.endsWith('/')) continue;
      const candidates = path.isAbsolute(rel) ? [rel] : cfg.baseHome.dirs.map((d) => path.join(d, rel));
      for (const dir of candidates) {
        const full = path.resolve(dir);
        if (!out.includes(full) && isDirectory(full)) out.push(full);
      }
    }
  }
  return out;
}

/** The first `jetty-logging.properties` in the classpath folders, or undefined. */
export function findLoggingProperties(cfg: StartConfiguration): string | undefined {
  for (const dir of classpathFolders(cfg)) {
    const file = path.join(dir, JETTY_LOGGING_PROPERTIES);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/**
 * The launch's logging configuration: the properties of the first `jetty-logging.properties` on the
 * classpath, then every system property (`-Dorg.eclipse.jetty.LEVEL=WARN` on the command line or in an
 * ini file wins over the file), as Jetty 9.4's Log merges them. `stacks` is the default of
 * `<name>.STACKS` (bin/start --debug turns it on). A bad value stops the start with its origin.
 */
export function loadLogConfiguration(cfg: StartConfiguration, options: { stacks?: boolean } = {}): LogConfiguration {
  const properties: LogProperty[] = [];
  const file = findLoggingProperties(cfg);
  if (file !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`Cannot read '${cfg.baseHome.toShortForm(file)}': ${(err as Error).message}`, UsageError.ERR_BAD_ARG, { cause: err });
    }
    const shown = cfg.baseHome.toShortForm(file);
    for (const e of parseJavaPropertyEntries(text)) properties.push({ key: e.key, value: e.value, origin: `${shown}:${e.line}` });
  }
  const given = new Map<string, string>();
  for (const p of cfg.args.systemProps) given.set(p.key, p.origin);
  for (const [key, value] of cfg.systemProperties()) {
    const origin = given.get(key);
    const where = origin === undefined ? 'system property' : origin === CMD_LINE ? `-D${key} on the command line` : `-D${key} in ${origin}`;
    properties.push({ key, value, origin: where });
  }
  return new LogConfiguration(properties, options);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
