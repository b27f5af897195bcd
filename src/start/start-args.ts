/**
 * The parsed start arguments of one launch: tool options, modules, properties, extra XML files.
 * @module
 */
import * as path from 'node:path';
import { UsageError } from './errors';
import { parseAssignment, Props } from './props';
import { StartArg } from './start-ini';

/** An enabled-by-argument module name and the source that named it. */
export interface NamedModule {
  readonly name: string;
  readonly origin: string;
}

/** Where an extra `*.xml` or `*.properties` argument came from. */
export interface ExtraFile {
  readonly path: string;
  readonly origin: string;
}

export const CMD_LINE = '<command-line>';

/** Options that take `=value`; given bare, they are answered with an example rather than "unknown option". */
const OPTIONS_WITH_VALUE = new Set([
  '--module',
  '--modules',
  '--add-to-start',
  '--add-to-startd',
  '--add-module',
  '--add-modules',
  '--include-jetty-dir',
]);

/**
 * Jetty's `org.eclipse.jetty.start.StartArgs`: applies arguments lowest priority first so that later
 * plain assignments win (ini files < command line), and remembers every tool option seen.
 */
export class StartArgs {
  readonly props = new Props();
  readonly systemProps = new Props();
  readonly modules: NamedModule[] = [];
  readonly xmls: ExtraFile[] = [];
  readonly propertyFiles: ExtraFile[] = [];
  readonly jvmArgs: string[] = [];
  readonly includeDirs: string[] = [];
  readonly addToStart: string[] = [];
  /** True when the Jetty 10 spelling (`--add-module`) was used: start.d/ is then created if neither ini form exists. */
  addModuleSpelling = false;
  readonly notes: string[] = [];

  help = false;
  debug = false;
  dryRun = false;
  listConfig = false;
  listModules: string[] | undefined;
  createStartd = false;
  createFiles = false;
  approveAllLicenses = false;
  dump = false;
  dev = false;
  version = false;
  updateIni = false;
  stop = false;

  /** System properties that existed before any `-D` argument (a `-Dname?=value` keeps them). */
  constructor(readonly baseSystemProperties: ReadonlyMap<string, string> = new Map()) {}

  /** The highest-priority (command line) values of jetty.home / jetty.base, if given. */
  jettyHome?: string;
  jettyBase?: string;

  /** Applies every argument of a source, in order. */
  parseAll(args: readonly StartArg[]): void {
    for (const a of args) this.parse(a);
  }

  /** Applies one argument. Unknown `--options` are a UsageError naming the argument and its source. */
  parse(arg: StartArg): void {
    const text = arg.text;
    const where = arg.file && arg.line ? ` (${arg.origin}:${arg.line})` : arg.origin === CMD_LINE ? '' : ` (${arg.origin})`;
    const value = (): string => text.substring(text.indexOf('=') + 1);
    const list = (): string[] =>
      value()
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);

    if (text === '--help' || text === '-?' || text === '-h') {
      this.help = true;
      return;
    }
    if (text === '--debug') {
      this.debug = true;
      return;
    }
    if (text === '--dry-run' || text.startsWith('--dry-run=')) {
      this.dryRun = true;
      return;
    }
    if (text === '--exec-print') {
      this.dryRun = true;
      return;
    }
    if (text === '--list-config') {
      this.listConfig = true;
      return;
    }
    if (text === '--list-modules') {
      this.listModules = ['-internal'];
      return;
    }
    if (text.startsWith('--list-modules=')) {
      this.listModules = list();
      return;
    }
    if (text === '--list-all-modules') {
      this.listModules = ['*'];
      return;
    }
    if (text === '--create-startd' || text === '--create-start-d') {
      this.createStartd = true;
      return;
    }
    if (text === '--create-files') {
      this.createFiles = true;
      return;
    }
    if (text === '--approve-all-licenses') {
      this.approveAllLicenses = true;
      return;
    }
    if (text === '--dump') {
      this.dump = true;
      return;
    }
    if (text === '--dev') {
      this.dev = true;
      return;
    }
    if (text === '--version' || text === '-v') {
      this.version = true;
      return;
    }
    if (text === '--stop') {
      this.stop = true;
      return;
    }
    if (text === '--update-ini') {
      this.updateIni = true;
      return;
    }
    if (
      text === '--exec' ||
      text.startsWith('--exec-properties=') ||
      text.startsWith('--start-log-file=') ||
      text.startsWith('--skip-file-validation=') ||
      text.startsWith('--lib=') ||
      text.startsWith('--download=') ||
      text === '--testing-mode'
    ) {
      this.notes.push(`Ignored '${text}'${where}: it has no meaning for Pier`);
      return;
    }
    if (text.startsWith('--module=') || text.startsWith('--modules=')) {
      for (const name of list()) this.modules.push({ name, origin: arg.origin });
      return;
    }
    if (
      text.startsWith('--add-to-start=') ||
      text.startsWith('--add-to-startd=') ||
      text.startsWith('--add-module=') ||
      text.startsWith('--add-modules=')
    ) {
      if (text.startsWith('--add-module')) this.addModuleSpelling = true;
      this.addToStart.push(...list());
      return;
    }
    if (text.startsWith('--include-jetty-dir=')) {
      this.includeDirs.push(value());
      return;
    }
    if (text.startsWith('--jetty.home=') || text.startsWith('--jetty.base=')) {
      this.parse({ ...arg, text: text.substring(2) });
      return;
    }
    if (OPTIONS_WITH_VALUE.has(text)) {
      const example = text === '--include-jetty-dir' ? 'DIR' : 'http,deploy';
      throw new UsageError(`Cannot use argument '${text}'${where}: it needs a value, as in ${text}=${example}`);
    }
    if (text.startsWith('--')) {
      throw new UsageError(`Cannot use argument '${text}'${where}: unknown option; see --help`);
    }
    if (text.startsWith('-D')) {
      const assignment = text.substring(2);
      const parsed = parseAssignment(assignment);
      if (!parsed) {
        this.systemProps.set(assignment, '', arg.origin);
        return;
      }
      if (parsed.op === '?=' && this.baseSystemProperties.has(parsed.key) && !this.systemProps.has(parsed.key)) return;
      if (parsed.op === '+=' && this.baseSystemProperties.has(parsed.key) && !this.systemProps.has(parsed.key)) {
        this.systemProps.set(parsed.key, this.baseSystemProperties.get(parsed.key) ?? '', arg.origin);
      }
      this.systemProps.apply(assignment, arg.origin);
      if (this.checkHomeBase(parsed.key, this.systemProps.getString(parsed.key) ?? '', arg)) return;
      // As in start.jar, a -D property is also a start property.
      this.props.set(parsed.key, this.systemProps.getString(parsed.key) ?? '', arg.origin);
      return;
    }
    if (text.startsWith('-')) {
      this.jvmArgs.push(text);
      this.notes.push(`Ignored JVM argument '${text}'${where}`);
      return;
    }
    const lower = text.toLowerCase();
    if (lower.endsWith('.xml') && !text.includes('=')) {
      this.xmls.push({ path: text, origin: arg.origin });
      return;
    }
    if (lower.endsWith('.properties') && !text.includes('=')) {
      this.propertyFiles.push({ path: text, origin: arg.origin });
      return;
    }
    const parsed = parseAssignment(text);
    if (parsed) {
      if (this.checkHomeBase(parsed.key, parsed.value, arg)) return;
      this.props.apply(text, arg.origin, arg.line);
      return;
    }
    throw new UsageError(`Cannot use argument '${text}'${where}: not an option, a name=value property or an XML file; see --help`);
  }

  /** jetty.home / jetty.base: taken from the command line only; an ini file cannot move them. */
  private checkHomeBase(key: string, value: string, arg: StartArg): boolean {
    if (key !== 'jetty.home' && key !== 'jetty.base') return false;
    if (arg.origin === CMD_LINE) {
      if (key === 'jetty.home') this.jettyHome = path.resolve(value);
      else this.jettyBase = path.resolve(value);
    } else {
      this.notes.push(`Ignored '${arg.text}' in ${arg.origin}: ${key} can only be set on the command line`);
    }
    return true;
  }
}

/** Splits the command line into the pre-scan values (jetty.home, jetty.base, include dirs) without applying the rest. */
export function prescanCommandLine(argv: readonly string[]): { home?: string; base?: string; includeDirs: string[] } {
  const out: { home?: string; base?: string; includeDirs: string[] } = { includeDirs: [] };
  for (const raw of argv) {
    const a = raw.replace(/^--(jetty\.(home|base)=)/, '$1').replace(/^-D(jetty\.(home|base)=)/, '$1');
    if (a.startsWith('jetty.home=')) out.home = a.substring('jetty.home='.length);
    else if (a.startsWith('jetty.base=')) out.base = a.substring('jetty.base='.length);
    else if (a.startsWith('--include-jetty-dir=')) out.includeDirs.push(a.substring('--include-jetty-dir='.length));
  }
  return out;
}
