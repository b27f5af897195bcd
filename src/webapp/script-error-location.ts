/**
 * Where a JavaScript file that failed to load went wrong: Node puts the location of a SyntaxError only
 * into the error's stack (a `file:line` header, the source line and a caret line), and the location of an
 * error thrown while the module ran into its first stack frame. This reads either into file:line:column.
 * @module
 */

/** A 1-based position in a source file. */
export interface ScriptLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The location of `err` as Node reported it, or undefined when its stack names none. `within` limits
 * the stack frames considered to files under that folder (the web app's), so the location is the app's
 * line rather than Node's loader.
 */
export function scriptErrorLocation(err: unknown, within: string): ScriptLocation | undefined {
  const stack = typeof (err as Error)?.stack === 'string' ? (err as Error).stack! : '';
  // A SyntaxError: "/app/X.js:3\n<source line>\n<spaces>^^^\n\nSyntaxError: ..."
  const header = /^(.+?):(\d+)\r?\n(.*)\r?\n(\s*)\^+/.exec(stack);
  if (header) {
    const file = header[1].startsWith('file://') ? decodeURIComponent(new URL(header[1]).pathname) : header[1];
    return { file, line: Number(header[2]), column: header[4].length + 1 };
  }
  // An error thrown while the module ran: its first frame in the app ("at f (/app/X.js:3:9)" or "at /app/X.js:3:9").
  for (const m of stack.matchAll(/\(?((?:file:\/\/)?\/[^():\n]+):(\d+):(\d+)\)?$/gm)) {
    const file = m[1].startsWith('file://') ? decodeURIComponent(new URL(m[1]).pathname) : m[1];
    if (file.startsWith(within)) return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}
