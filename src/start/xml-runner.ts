/**
 * Executes the XML files of a launch through the IoC interpreter and starts the objects they produce
 * (what Jetty's `XmlConfiguration.main` does after start.jar hands it the list).
 * @module
 */
import { loadJettyClasses } from './class-loader';
import { UsageError } from './errors';

/** Applies the XML files in order with one shared id map and property map; returns the configured objects. */
export type XmlApplier = (files: readonly string[], properties: Map<string, string>) => Promise<unknown[]> | unknown[];

interface XmlConfigurationLike {
  configure(): unknown;
  getIdMap(): Map<string, unknown>;
  getProperties(): Map<string, string>;
}

interface XmlConfigurationClass {
  new (file: string): XmlConfigurationLike;
  applyAll?: (files: readonly string[], options: { properties: Map<string, string>; idMap: Map<string, unknown> }) => unknown;
}

/**
 * The default applier: `XmlConfiguration` of `src/ioc/xml-configuration` (loaded when first used, so the
 * launcher's resolution and listing work without it). Uses its `applyAll` chain helper when present,
 * else chains files by copying the id map and properties from one configuration to the next.
 */
export const defaultXmlApplier: XmlApplier = async (files, properties) => {
  for (const note of loadJettyClasses()) if (process.env.PIER_DEBUG) process.stderr.write(`DEBUG : ${note}\n`);
  let mod: { XmlConfiguration?: XmlConfigurationClass };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../ioc/xml-configuration') as { XmlConfiguration?: XmlConfigurationClass };
  } catch (err) {
    throw new UsageError(`Cannot run XML files: the XML interpreter (src/ioc/xml-configuration) is not available: ${(err as Error).message}`, UsageError.ERR_UNKNOWN, { cause: err });
  }
  const XmlConfiguration = mod.XmlConfiguration;
  if (!XmlConfiguration) throw new UsageError('Cannot run XML files: src/ioc/xml-configuration exports no XmlConfiguration', UsageError.ERR_UNKNOWN);
  const idMap = new Map<string, unknown>();
  if (typeof XmlConfiguration.applyAll === 'function') {
    const result = await XmlConfiguration.applyAll(files, { properties, idMap });
    return Array.isArray(result) ? result : [];
  }
  const objects: unknown[] = [];
  for (const file of files) {
    const cfg = new XmlConfiguration(file);
    for (const [k, v] of idMap) cfg.getIdMap().set(k, v);
    for (const [k, v] of properties) cfg.getProperties().set(k, v);
    const obj = await cfg.configure();
    for (const [k, v] of cfg.getIdMap()) idMap.set(k, v);
    if (obj !== null && obj !== undefined && !objects.includes(obj)) objects.push(obj);
  }
  return objects;
};

/** A LifeCycle as far as the launcher needs it. */
export interface StartableLike {
  start(): unknown;
  stop(): unknown;
  isRunning?(): boolean;
  isStarted?(): boolean;
}

export function isStartable(o: unknown): o is StartableLike {
  return typeof o === 'object' && o !== null
    && typeof (o as StartableLike).start === 'function' && typeof (o as StartableLike).stop === 'function';
}

/**
 * Starts every LifeCycle object not already running, in order; if one fails, stops the ones already
 * started (in reverse order) and rethrows.
 */
export async function startAll(objects: readonly unknown[]): Promise<StartableLike[]> {
  const started: StartableLike[] = [];
  for (const o of objects) {
    if (!isStartable(o)) continue;
    if (o.isRunning?.() || o.isStarted?.()) continue;
    try {
      await o.start();
      started.push(o);
    } catch (err) {
      for (const s of [...started].reverse()) {
        try { await s.stop(); } catch { /* already failing: keep the first error */ }
      }
      try { await o.stop(); } catch { /* the failing component may be half started */ }
      throw err;
    }
  }
  return started;
}
