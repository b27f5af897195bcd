/**
 * Loads the code of every area that declares Jetty classes, so that XML files can name them
 * (the `@JettyClass` decorators register a class when its file is first loaded).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The source folders (relative to `src/`) whose classes XML may reach, in load order. */
export const CLASS_AREAS = ['ioc', 'server', 'servlet', 'session', 'webapp', 'deploy'] as const;

let loaded = false;

/**
 * Requires `src/index`, then for each area its `index` module (first, so that its import order settles
 * circular imports) and then every other file of the area, so that a class its index does not export
 * is registered too. Load failures are returned as notes (the XML then reports the unknown class where
 * it is used).
 */
export function loadJettyClasses(srcDir: string = path.resolve(__dirname, '..')): string[] {
  const notes: string[] = [];
  if (loaded) return notes;
  loaded = true;
  const tryRequire = (file: string): void => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(file);
    } catch (err) {
      notes.push(`Cannot load ${path.relative(srcDir, file)}: ${(err as Error).message.split('\n')[0]}`);
    }
  };
  if (fs.existsSync(path.join(srcDir, 'index.js'))) tryRequire(path.join(srcDir, 'index.js'));
  for (const area of CLASS_AREAS) {
    const dir = path.join(srcDir, area);
    if (!fs.existsSync(dir)) continue;
    if (fs.existsSync(path.join(dir, 'index.js'))) tryRequire(path.join(dir, 'index.js'));
    for (const file of listJs(dir, 0)) tryRequire(file);
  }
  return notes;
}

function listJs(dir: string, depth: number): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listJs(p, depth + 1));
    else if (e.name.endsWith('.js')) out.push(p);
  }
  return out;
}
