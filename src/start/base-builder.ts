/**
 * Changes a jetty.base on request: `--add-to-start` / `--add-module` ini files, `--create-startd`,
 * and the `[files]` entries of enabled modules (Jetty's `BaseBuilder`, `StartDirBuilder`, `StartIniBuilder`).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors';
import { Module } from './module';
import { CMD_LINE } from './start-args';
import { listIniFiles } from './start-ini';
import { StartConfiguration } from './start-configuration';

/** Where builder messages go (one line each). */
export type Say = (line: string) => void;

/** `--create-startd`: creates `${jetty.base}/start.d/`, moving an existing `start.ini` into it. */
export function createStartd(cfg: StartConfiguration, say: Say): void {
  const base = cfg.baseHome.base;
  const startD = path.join(base, 'start.d');
  if (!fs.existsSync(startD)) {
    fs.mkdirSync(startD, { recursive: true });
    say(`MKDIR : ${cfg.baseHome.toShortForm(startD)}`);
  }
  const startIni = path.join(base, 'start.ini');
  if (fs.existsSync(startIni)) {
    const target = path.join(startD, 'start.ini');
    if (fs.existsSync(target)) throw new UsageError(`Cannot move ${startIni} into start.d: ${target} already exists; merge them by hand`);
    fs.renameSync(startIni, target);
    say(`MOVE  : ${cfg.baseHome.toShortForm(path.join(base, 'start.ini'))} to ${cfg.baseHome.toShortForm(target)}`);
  }
}

/** Values the user gave (command line or ini files), as the template substitution sees them. */
function userValues(cfg: StartConfiguration): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of cfg.args.props) {
    if (p.origin.endsWith('.mod')) continue;
    out.set(p.key.toLowerCase(), p.value);
  }
  return out;
}

/** The text written for a module: header, `--module=<name>`, then the template with user values applied. */
export function iniSection(module: Module, user: Map<string, string>): string {
  const lines: string[] = [];
  lines.push('# ---------------------------------------');
  lines.push(`# Module: ${module.name}`);
  for (const d of module.description) lines.push(`# ${d}`);
  lines.push('# ---------------------------------------');
  lines.push(`--module=${module.name}`);
  lines.push('');
  for (const t of module.iniTemplate) {
    const m = /^\s*(#?)\s*([^=\s#+?]+)\s*=(.*)$/.exec(t);
    if (m) {
      const value = user.get(m[2].toLowerCase());
      if (value !== undefined && (m[1] === '#' || value !== m[3])) {
        lines.push(`${m[2]}=${value}`);
        continue;
      }
    }
    lines.push(t);
  }
  return lines.join('\n') + '\n';
}

/**
 * `--add-to-start=a,b` (9.4) / `--add-module=a,b` (10): writes `start.d/<name>.ini` when start.d exists,
 * else appends to `start.ini`; only explicitly named, non-dynamic modules get configuration.
 */
export function addToStart(cfg: StartConfiguration, names: readonly string[], say: Say, alreadyEnabled: ReadonlySet<string> = new Set()): void {
  const base = cfg.baseHome.base;
  const startD = path.join(base, 'start.d');
  const startIni = path.join(base, 'start.ini');
  const user = userValues(cfg);
  for (const name of names) {
    const module = cfg.modules.get(name);
    if (!module)
      throw new UsageError(`Cannot add module '${name}': unknown module${cfg.modules.suggest(name)}; list available modules with --list-modules`);
    if (module.isDynamic) {
      say(`INFO  : ${name} is a dynamic module: nothing written`);
      continue;
    }
    const already = cfg.args.modules.find((m) => m.name === name && m.origin !== CMD_LINE);
    if (fs.existsSync(startD) && fs.statSync(startD).isDirectory()) {
      const file = path.join(startD, `${name}.ini`);
      if (already && path.resolve(already.origin.replace('${jetty.base}', base)) !== file) {
        say(`INFO  : ${name} already enabled by [${already.origin}]`);
        continue;
      }
      fs.writeFileSync(file, iniSection(module, user));
      say(`INFO  : ${name.padEnd(15)} initialized in ${cfg.baseHome.toShortForm(file)}`);
    } else {
      if (already) {
        say(`INFO  : ${name} already enabled by [${already.origin}]`);
        continue;
      }
      const prefix = fs.existsSync(startIni) && !fs.readFileSync(startIni, 'utf8').endsWith('\n') ? '\n\n' : fs.existsSync(startIni) ? '\n' : '';
      fs.appendFileSync(startIni, prefix + iniSection(module, user));
      say(`INFO  : ${name.padEnd(15)} initialized in ${cfg.baseHome.toShortForm(startIni)}`);
    }
  }
  for (const m of cfg.enabled) {
    if (m.transitive && !names.includes(m.name) && !alreadyEnabled.has(m.name)) {
      say(
        `INFO  : ${m.name.padEnd(15)} transitively enabled${m.iniTemplate.length > 0 ? `, ini template available with --add-to-start=${m.name}` : ''}`,
      );
    }
  }
}

/**
 * Makes the `[files]` entries of the enabled modules exist: directories are created; a download entry
 * (`uri|path`) is reported, since Pier never downloads; a missing plain file is reported.
 */
export function ensureFiles(cfg: StartConfiguration, say: Say): void {
  const base = cfg.baseHome.base;
  for (const f of cfg.files) {
    const target = path.resolve(base, f.path);
    if (f.uri && f.uri.startsWith('basehome:')) {
      copyFromBaseHome(cfg, f.uri.substring('basehome:'.length), f.path, say);
      continue;
    }
    if (f.uri) {
      if (!fs.existsSync(target))
        say(`WARN  : ${f.module}: Pier does not download '${f.uri}': place it at ${cfg.baseHome.toShortForm(target)} yourself`);
      continue;
    }
    if (f.path.endsWith('/')) {
      if (!fs.existsSync(target)) {
        fs.mkdirSync(target, { recursive: true });
        say(`MKDIR : ${cfg.baseHome.toShortForm(target)} (module ${f.module})`);
      }
      continue;
    }
    if (!fs.existsSync(target)) say(`WARN  : ${f.module}: missing required file ${cfg.baseHome.toShortForm(target)}`);
  }
}

/**
 * A `basehome:<src>|<dest>` entry: copies a file or directory found in base/home into the base.
 * `<src>/` copies a directory's content, `<src>` the directory itself; a destination that ends in `/`,
 * exists as a directory or has no extension is a directory; `null` or empty means the base itself.
 */
function copyFromBaseHome(cfg: StartConfiguration, src: string, dest: string, say: Say): void {
  const base = cfg.baseHome.base;
  const from = cfg.baseHome.find(src.replace(/\/$/, ''));
  if (!from) {
    say(`WARN  : Cannot copy basehome:${src}: not found in ${cfg.baseHome.dirs.join(' or ')}`);
    return;
  }
  const noDest = dest === '' || dest === 'null';
  const target = noDest ? base : path.resolve(base, dest);
  const destIsDir =
    noDest || dest.endsWith('/') || (fs.existsSync(target) && fs.statSync(target).isDirectory()) || !path.basename(dest).includes('.');
  let to: string;
  if (fs.statSync(from).isDirectory()) {
    to = src.endsWith('/') || noDest ? target : path.join(target, path.basename(from));
    fs.mkdirSync(to, { recursive: true });
    fs.cpSync(from, to, { recursive: true, force: false, errorOnExist: false });
  } else {
    to = destIsDir ? path.join(target, path.basename(from)) : target;
    if (fs.existsSync(to)) return;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
  say(`COPY  : ${cfg.baseHome.toShortForm(from)} to ${cfg.baseHome.toShortForm(to)}`);
}

/**
 * `--update-ini name=value…`: writes each command-line property once into the base's ini files. Where a
 * line sets it, that line (each such line) gets the new value; where none does, the first commented line
 * that would set it (a module's template) is uncommented with the new value; a property neither names
 * is reported. Jetty 9.4 rewrites the commented lines as well, so a template that shows the property both
 * ways ends with it set twice; Pier leaves the commented alternatives alone.
 */
export function updateIni(cfg: StartConfiguration, say: Say): void {
  const updates = new Map<string, { key: string; value: string }>();
  for (const p of cfg.args.props) if (p.origin === CMD_LINE) updates.set(p.key.toLowerCase(), { key: p.key, value: p.value });
  const files = listIniFiles(cfg.baseHome.base).map((file) => ({ file, lines: fs.readFileSync(file, 'utf8').split('\n'), changed: false }));
  // Where each property is set, and where it is only commented out.
  const active = new Map<string, Array<{ f: number; i: number }>>();
  const commented = new Map<string, { f: number; i: number }>();
  files.forEach(({ lines }, f) => {
    for (let i = 0; i < lines.length; i++) {
      const m = /^\s*(#?)\s*([^=\s#+?]+)\s*=(.*)$/.exec(lines[i]);
      const k = m?.[2].toLowerCase();
      if (!m || !k || !updates.has(k)) continue;
      if (m[1] === '#') {
        if (!commented.has(k)) commented.set(k, { f, i });
      } else {
        active.set(k, [...(active.get(k) ?? []), { f, i }]);
      }
    }
  });
  const unwritten: string[] = [];
  for (const [k, u] of updates) {
    const at = active.get(k) ?? (commented.has(k) ? [commented.get(k) as { f: number; i: number }] : []);
    if (at.length === 0) {
      unwritten.push(u.key);
      continue;
    }
    const next = `${u.key}=${u.value}`;
    for (const { f, i } of at) {
      if (files[f].lines[i] === next) continue;
      files[f].lines[i] = next;
      files[f].changed = true;
    }
  }
  for (const { file, lines, changed } of files) {
    if (!changed) continue;
    fs.writeFileSync(file, lines.join('\n'));
    say(`UPDATE: ${cfg.baseHome.toShortForm(file)}`);
  }
  for (const key of unwritten) say(`WARN  : ${key} is set in no ini file of the base: not written`);
}
