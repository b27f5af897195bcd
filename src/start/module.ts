/**
 * One start module: the parsed `modules/<name>.mod` file (Jetty's `org.eclipse.jetty.start.Module`).
 * @module
 */
import * as fs from 'node:fs';
import { ModuleSyntaxError } from './errors';
import { UnprovidedModule } from './unprovided-modules';

/** A line of a module section with where it was written. */
export interface ModuleLine {
  readonly text: string;
  readonly line: number;
}

/** The canonical section names and the aliases Jetty 9.4/10 accept for them. */
const SECTION_ALIASES: Record<string, string> = {
  description: 'description',
  tags: 'tags',
  tag: 'tags',
  depend: 'depend',
  depends: 'depend',
  optional: 'optional',
  after: 'after',
  before: 'before',
  provides: 'provides',
  provide: 'provides',
  name: 'provides',
  xml: 'xml',
  lib: 'lib',
  libs: 'lib',
  files: 'files',
  file: 'files',
  ini: 'ini',
  defaults: 'ini',
  'ini-template': 'ini-template',
  license: 'license',
  licenses: 'license',
  licence: 'license',
  licences: 'license',
  exec: 'exec',
  jpms: 'jpms',
  jvm: 'exec',
  version: 'version',
};

/**
 * A module as Jetty's start.jar reads it. The name is the path under `modules/` without `.mod`
 * (`http`, `sessions/jdbc/datasource`); a name with a `/` is a dynamic module.
 */
export class Module {
  readonly description: string[] = [];
  readonly tags: string[] = [];
  readonly depends: ModuleLine[] = [];
  readonly optional: string[] = [];
  readonly after: string[] = [];
  readonly before: string[] = [];
  readonly provides: string[] = [];
  readonly xmls: ModuleLine[] = [];
  readonly libs: string[] = [];
  readonly files: ModuleLine[] = [];
  readonly ini: ModuleLine[] = [];
  readonly iniTemplate: string[] = [];
  readonly license: string[] = [];
  readonly exec: string[] = [];
  readonly jpms: string[] = [];
  version?: string;

  /** Set once enabled: the reasons ("cmd-line", "transitive provider of x for y", an ini file...). */
  readonly enabledFrom: string[] = [];
  /** True when every reason to enable it is transitive (a dependency). */
  transitive = false;

  /** Set for a module Pier knows from Jetty but does not provide (no file: it comes from Pier's table). */
  unprovided?: UnprovidedModule;

  constructor(
    readonly name: string,
    readonly file: string,
  ) {}

  /** The module Pier knows but does not provide, as a module without dependencies, XML or libraries. */
  static unprovided(u: UnprovidedModule): Module {
    const m = new Module(u.name, `(Jetty module ${u.name}, not provided by Pier)`);
    m.unprovided = u;
    m.description.push(u.description);
    m.tags.push(...u.tags);
    m.provides.push(...u.provides);
    return m;
  }

  get isDynamic(): boolean {
    return this.name.includes('/');
  }

  get isEnabled(): boolean {
    return this.enabledFrom.length > 0;
  }

  /** Every capability this module provides: its own name first, then its `[provides]`. */
  get capabilities(): string[] {
    return [this.name, ...this.provides.filter((p) => p !== this.name)];
  }

  /** Records an enabling reason; returns true when this call newly enabled the module. */
  enable(from: string, transitive: boolean): boolean {
    const newly = !this.isEnabled;
    if (newly) this.transitive = transitive;
    else if (!transitive) this.transitive = false;
    if (!this.enabledFrom.includes(from)) this.enabledFrom.push(from);
    return newly;
  }

  clearEnabled(): void {
    this.enabledFrom.length = 0;
    this.transitive = false;
  }

  /** Reads and parses a `.mod` file. */
  static load(name: string, file: string): Module {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new ModuleSyntaxError(`Cannot read module '${name}': ${(err as Error).message}`, file, 1, 1, { cause: err });
    }
    return Module.parse(name, file, text);
  }

  /** Parses `.mod` text; `file` names it in errors. Unknown sections are a ModuleSyntaxError. */
  static parse(name: string, file: string, text: string): Module {
    const m = new Module(name, file);
    const lines = text.split(/\r?\n/);
    let section: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i];
      const line = raw.trim();
      const header = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
      if (header) {
        const key = header[1].toLowerCase();
        const canonical = SECTION_ALIASES[key];
        if (!canonical) {
          throw new ModuleSyntaxError(
            `Cannot parse module '${name}': unrecognized module section '[${header[1]}]'`,
            file,
            i + 1,
            raw.indexOf('[') + 1,
          );
        }
        section = canonical;
        continue;
      }
      if (line.startsWith('[') && !section?.startsWith('ini')) {
        throw new ModuleSyntaxError(`Cannot parse module '${name}': malformed section header '${line}'`, file, i + 1, raw.indexOf('[') + 1);
      }
      if (section === 'ini-template') {
        m.iniTemplate.push(raw.replace(/\s+$/, ''));
        continue;
      }
      if (line.length === 0 || line.startsWith('#') || section === undefined) continue;
      const entry: ModuleLine = { text: line, line: i + 1 };
      switch (section) {
        case 'description':
          m.description.push(line);
          break;
        case 'tags':
          m.tags.push(line);
          break;
        case 'depend':
          m.depends.push(entry);
          break;
        case 'optional':
          m.optional.push(line);
          break;
        case 'after':
          m.after.push(line);
          break;
        case 'before':
          m.before.push(line);
          break;
        case 'provides':
          m.provides.push(line);
          break;
        case 'xml':
          m.xmls.push(entry);
          break;
        case 'lib':
          m.libs.push(line);
          break;
        case 'files':
          m.files.push(entry);
          break;
        case 'ini':
          m.ini.push(entry);
          break;
        case 'license':
          m.license.push(line);
          break;
        case 'exec':
          m.exec.push(line);
          break;
        case 'jpms':
          m.jpms.push(line);
          break;
        case 'version':
          m.version = line;
          break;
      }
    }
    // Trailing blank lines of the template are not part of it.
    while (m.iniTemplate.length > 0 && m.iniTemplate[m.iniTemplate.length - 1].trim() === '') m.iniTemplate.pop();
    while (m.iniTemplate.length > 0 && m.iniTemplate[0].trim() === '') m.iniTemplate.shift();
    return m;
  }
}
