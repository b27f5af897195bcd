/**
 * Executes the XML files of a launch through the IoC interpreter and starts the objects they produce
 * (what Jetty's `XmlConfiguration.main` does after start.jar hands it the list).
 * @module
 */
import { XmlConfiguration } from '../ioc/xml-configuration';
import { loadJettyClasses } from './class-loader';

/** Applies the XML files in order with one shared id map and property map; returns the configured objects. */
export type XmlApplier = (files: readonly string[], properties: Map<string, string>) => Promise<unknown[]> | unknown[];

/**
 * The default applier: loads every area's classes (a file that cannot load stops here, named), then
 * applies the files with `XmlConfiguration.applyAll`, as start.jar hands its XML list to Jetty's
 * `XmlConfiguration.main`.
 */
export const defaultXmlApplier: XmlApplier = (files, properties) => {
  loadJettyClasses();
  return XmlConfiguration.applyAll(files, { properties, idMap: new Map<string, unknown>() });
};

/** A LifeCycle as far as the launcher needs it. */
export interface StartableLike {
  start(): unknown;
  stop(): unknown;
  isRunning?(): boolean;
  isStarted?(): boolean;
}

export function isStartable(o: unknown): o is StartableLike {
  return typeof o === 'object' && o !== null && typeof (o as StartableLike).start === 'function' && typeof (o as StartableLike).stop === 'function';
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
        try {
          await s.stop();
        } catch {
          /* already failing: keep the first error */
        }
      }
      try {
        await o.stop();
      } catch {
        /* the failing component may be half started */
      }
      throw err;
    }
  }
  return started;
}
