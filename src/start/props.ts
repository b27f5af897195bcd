/**
 * Start properties: a case-insensitive map of `name=value` arguments remembering where each came from.
 * @module
 */
import { UsageError } from './errors';

/** One start property, as Jetty's `Props.Prop`: the key as last written, the raw value and its origin. */
export interface Prop {
  readonly key: string;
  readonly value: string;
  readonly origin: string;
  /** The line of the ini file that set it (absent for the command line and module defaults). */
  readonly line?: number;
}

/**
 * Jetty's `org.eclipse.jetty.start.Props`: keys compare case-insensitively, values are stored raw
 * (unexpanded) and expanded on demand against the whole set.
 */
export class Props implements Iterable<Prop> {
  private readonly map = new Map<string, Prop>();

  /** Sets `key` to `value`, replacing any earlier value. */
  set(key: string, value: string, origin: string, line?: number): void {
    this.map.set(key.toLowerCase(), line === undefined ? { key, value, origin } : { key, value, origin, line });
  }

  get(key: string): Prop | undefined {
    return this.map.get(key.toLowerCase());
  }

  getString(key: string): string | undefined {
    return this.get(key)?.value;
  }

  has(key: string): boolean {
    return this.map.has(key.toLowerCase());
  }

  delete(key: string): void {
    this.map.delete(key.toLowerCase());
  }

  [Symbol.iterator](): Iterator<Prop> {
    return this.map.values();
  }

  /** The properties sorted by key, as `--list-config` prints them. */
  sorted(): Prop[] {
    return [...this.map.values()].sort((a, b) => a.key.toLowerCase().localeCompare(b.key.toLowerCase()));
  }

  /**
   * Applies one `name=value`, `name+=value` or `name?=value` assignment (the text after the operator is
   * kept as is). Returns false when a `?=` found the property already set.
   */
  apply(assignment: string, origin: string, line?: number): boolean {
    const parsed = parseAssignment(assignment);
    if (!parsed) throw new UsageError(`Cannot set property '${assignment}': expected name=value`);
    const { key, op, value } = parsed;
    if (op === '?=') {
      if (this.has(key)) return false;
      this.set(key, value, origin, line);
    } else if (op === '+=') {
      const prev = this.get(key);
      if (prev === undefined) this.set(key, value.startsWith(',') ? value.substring(1) : value, origin, line);
      else this.set(key, prev.value + value, origin, line);
    } else {
      this.set(key, value, origin, line);
    }
    return true;
  }

  /**
   * Expands `${name}` references against this set, recursively; unknown names stay literal, `$$` becomes `$`.
   * A reference loop is a UsageError.
   */
  expand(text: string, extra?: (name: string) => string | undefined): string {
    return expandText(text, (name) => this.getString(name) ?? extra?.(name), []);
  }
}

/** Splits `name=value`, `name+=value`, `name?=value` at the first `=` (no trimming, as Jetty). */
export function parseAssignment(text: string): { key: string; op: '=' | '+=' | '?='; value: string } | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  let key = text.substring(0, eq);
  const value = text.substring(eq + 1);
  let op: '=' | '+=' | '?=' = '=';
  if (key.endsWith('+')) {
    op = '+=';
    key = key.substring(0, key.length - 1);
  } else if (key.endsWith('?')) {
    op = '?=';
    key = key.substring(0, key.length - 1);
  }
  if (key.length === 0) return undefined;
  return { key, op, value };
}

const MAX_DEPTH = 64;

function expandText(text: string, lookup: (name: string) => string | undefined, stack: string[]): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end < 0) {
        out += text.substring(i);
        break;
      }
      const name = text.substring(i + 2, end);
      const raw = lookup(name);
      if (raw === undefined) {
        out += text.substring(i, end + 1);
      } else {
        if (stack.includes(name.toLowerCase()) || stack.length > MAX_DEPTH) {
          throw new UsageError(`Cannot expand property '${name}': it refers to itself through ${[...stack, name.toLowerCase()].join(' -> ')}`);
        }
        out += expandText(raw, lookup, [...stack, name.toLowerCase()]);
      }
      i = end + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
