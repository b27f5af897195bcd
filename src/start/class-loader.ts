/**
 * Loads the registration module (`classes.js`) of every area that declares Jetty classes, so that XML
 * files can name them. A file that fails to load stops the start: the error names the file and the
 * cause, instead of surfacing later as an unknown class.
 * @module
 */
import * as path from 'node:path';
import { ClassLoadError } from './errors';

/** The source folders (relative to `src/`) whose `classes.ts` declares the classes XML may reach, in load order. */
export const CLASS_AREAS = ['ioc', 'server', 'servlet', 'session', 'security', 'webapp', 'deploy', 'metrics', 'console'] as const;

/** An area of CLASS_AREAS. */
export type ClassArea = (typeof CLASS_AREAS)[number];

const loaded = new Set<string>();

/**
 * Requires `<srcDir>/<area>/classes.js` for every area, once per folder. Throws ClassLoadError, naming
 * the compiled file that failed and its cause, at the first area that does not load.
 */
export function loadJettyClasses(srcDir: string = path.resolve(__dirname, '..')): void {
  for (const area of CLASS_AREAS) {
    const file = path.join(srcDir, area, 'classes.js');
    if (loaded.has(file)) continue;
    try {
      require(file);
    } catch (err) {
      throw new ClassLoadError(area, failingFile(err, srcDir) ?? { file, line: 0 }, err);
    }
    loaded.add(file);
  }
}

/**
 * The compiled file whose loading threw: the module that could not resolve an import, the file a syntax
 * error is in, or the first stack frame inside `srcDir` (the file whose top level threw).
 */
export function failingFile(err: unknown, srcDir: string): { file: string; line: number } | undefined {
  const e = err as { code?: unknown; requireStack?: unknown; stack?: unknown };
  if (e?.code === 'MODULE_NOT_FOUND' && Array.isArray(e.requireStack) && typeof e.requireStack[0] === 'string') {
    return { file: e.requireStack[0], line: 0 };
  }
  const stack = typeof e?.stack === 'string' ? e.stack : '';
  const syntax = /^(\/[^\n]+?\.js):(\d+)\n/.exec(stack);
  if (syntax && err instanceof SyntaxError) return { file: syntax[1], line: Number(syntax[2]) };
  const inside = srcDir.endsWith(path.sep) ? srcDir : srcDir + path.sep;
  for (const m of stack.matchAll(/(\/[^\s()]+?\.js):(\d+):\d+/g)) {
    if (m[1].startsWith(inside)) return { file: m[1], line: Number(m[2]) };
  }
  return undefined;
}
