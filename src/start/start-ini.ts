/**
 * Reading `start.ini` and `start.d/*.ini` into located start arguments (Jetty's `StartIni`/`TextFile`).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors';

/** One start argument and where it was written. */
export interface StartArg {
  readonly text: string;
  /** The source name shown by `--list-config`: `<command-line>`, `${jetty.base}/start.ini`, `http.mod`... */
  readonly origin: string;
  readonly file?: string;
  readonly line?: number;
}

/** Tool options that Jetty refuses inside ini files. */
const NOT_IN_INI = new Set([
  '--help',
  '-?',
  '--stop',
  '--dry-run',
  '--exec-print',
  '--list-config',
  '--list-classpath',
  '--list-modules',
  '--write-module-graph',
  '--version',
  '-v',
  '--download',
  '--create-files',
  '--add-to-startd',
  '--add-to-start',
  '--add-module',
  '--add-modules',
  '--create-startd',
  '--update-ini',
  '--commands',
]);

/** True when `arg` is a tool option that may not appear in an ini file. */
export function isRefusedInIni(arg: string): boolean {
  const eq = arg.indexOf('=');
  return NOT_IN_INI.has(eq < 0 ? arg : arg.substring(0, eq));
}

/**
 * Parses the text of an ini file: one argument per line, trimmed; blank and `#` lines skipped;
 * duplicate lines dropped; `${start.basedir}` replaced by the file's directory.
 */
export function parseIniText(text: string, file: string, origin: string): StartArg[] {
  const seen = new Set<string>();
  const out: StartArg[] = [];
  const dir = path.dirname(path.resolve(file));
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    if (line.length === 0 || line.startsWith('#')) continue;
    if (seen.has(line)) continue;
    seen.add(line);
    line = line.split('${start.basedir}').join(dir);
    if (isRefusedInIni(line)) {
      throw new UsageError(`Cannot use '${line}' in ${origin}:${i + 1}: this option is only allowed on the command line`);
    }
    out.push({ text: line, origin, file, line: i + 1 });
  }
  return out;
}

/** Reads one ini file; `origin` is its short form. */
export function readIniFile(file: string, origin: string): StartArg[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ini file '${file}': ${(err as Error).message}`, UsageError.ERR_BAD_ARG, { cause: err });
  }
  return parseIniText(text, file, origin);
}

/** The ini files of a base (or include) directory, lowest priority first: `start.ini`, then `start.d/*.ini` sorted. */
export function listIniFiles(dir: string): string[] {
  const files: string[] = [];
  const startIni = path.join(dir, 'start.ini');
  if (fs.existsSync(startIni) && fs.statSync(startIni).isFile()) files.push(startIni);
  const startD = path.join(dir, 'start.d');
  if (fs.existsSync(startD) && fs.statSync(startD).isDirectory()) {
    const names = fs
      .readdirSync(startD)
      .filter((n) => n.endsWith('.ini'))
      .sort();
    for (const n of names) {
      const f = path.join(startD, n);
      if (fs.statSync(f).isFile()) files.push(f);
    }
  }
  return files;
}
