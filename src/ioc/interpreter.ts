/**
 * The interpreter state for one XML file: id map, properties, registry, the element path, the value
 * algorithm (how Set, Put, Arg and Item compute their value), fields given as an attribute or a child
 * element (`name="x"` or `<Name>x</Name>`) and the statement loop.
 * @module
 */
import { SourceLocation } from '../util/errors';
import { XmlElement, XmlChild, getAttribute, findAttribute, isBlankText } from '../xml';
import { ClassRegistry } from './class-registry';
import { XmlConfigurationError } from './errors';
import { NULL, Val, toJavaString, val } from './java-value';
import { convertForTypeAttribute } from './coercion';
import { iocLog } from './logger';
import { InvocationTargetError } from './invoker';
import type { JettyXmlDialect } from './xml-dialect';

/** One element handler: evaluates an element against the object in scope. */
export interface ElementHandler {
  /** May appear among the statements of Configure/New/Call/Get/Ref. */
  readonly statement: boolean;
  /** May appear inside a value (Set, Put, Arg, Item, Default...). */
  readonly value: boolean;
  evaluate(el: XmlElement, scope: unknown, cx: Interpreter): Val;
}

/** Elements that give a field of their parent (`<Arg>`, `<Id>`, `<Name>`...): never statements, never values. */
const FIELD_TAGS = new Set(['Arg', 'Id', 'Class', 'Name', 'Type', 'Default', 'Deprecated', 'Item', 'Entry']);

/** A field given as an attribute or a leading child element. */
export interface Field {
  readonly attr?: string;
  readonly element?: XmlElement;
  readonly location: SourceLocation;
}

export interface InterpreterOptions {
  readonly file: string;
  readonly idMap: Map<string, unknown>;
  readonly properties: Map<string, string>;
  readonly registry: ClassRegistry;
  readonly handlers: ReadonlyMap<string, ElementHandler>;
  /** The Jetty version whose rules apply where 9.4 and 10 differ (./xml-dialect); Jetty 10 by default. */
  readonly dialect?: JettyXmlDialect;
  readonly initializeDefaults?: (obj: unknown) => void;
}

function segment(el: XmlElement): string {
  const name = getAttribute(el, 'name');
  switch (el.name) {
    case 'New': {
      const cls = getAttribute(el, 'class');
      return cls ? `New[${cls.slice(cls.lastIndexOf('.') + 1)}]` : 'New';
    }
    case 'Ref':
      return `Ref[${getAttribute(el, 'refid') ?? getAttribute(el, 'id') ?? ''}]`;
    case 'Configure':
      return 'Configure';
    case 'Array': {
      const t = getAttribute(el, 'type');
      return t ? `Array[${t.slice(t.lastIndexOf('.') + 1)}]` : 'Array';
    }
    default:
      return name !== undefined ? `${el.name}[${name}]` : el.name;
  }
}

/** Executes one file's tree. Handlers call back into it for values, fields, ids and errors. */
export class Interpreter {
  readonly file: string;
  readonly idMap: Map<string, unknown>;
  readonly properties: Map<string, string>;
  readonly registry: ClassRegistry;
  private readonly handlers: ReadonlyMap<string, ElementHandler>;
  private readonly path: XmlElement[] = [];
  readonly initializeDefaults: (obj: unknown) => void;
  readonly dialect: JettyXmlDialect;

  constructor(options: InterpreterOptions) {
    this.dialect = options.dialect ?? '10';
    this.file = options.file;
    this.idMap = options.idMap;
    this.properties = options.properties;
    this.registry = options.registry;
    this.handlers = options.handlers;
    this.initializeDefaults = options.initializeDefaults ?? (() => undefined);
  }

  /** The element path of the element being processed: `Configure > Call[x] > Set[y]`. */
  elementPath(extra?: XmlElement): string {
    const els = extra && this.path[this.path.length - 1] !== extra ? [...this.path, extra] : this.path;
    return els.map(segment).join(' > ');
  }

  /** A located configuration error for `el`. */
  error(el: XmlElement, detail: string, cause?: unknown, location: SourceLocation = el.location): XmlConfigurationError {
    return new XmlConfigurationError(detail, location, this.elementPath(el), cause === undefined ? undefined : { cause });
  }

  /**
   * An error about the value of `el` that names the property it came from, when a property the caller
   * set is the whole value (`<Set name="port"><Property name="jetty.http.port"/></Set>` or `property=`):
   * the mistake is then in that property, not in the XML.
   */
  valueError(el: XmlElement, detail: string, cause: unknown, location: SourceLocation = el.location): XmlConfigurationError {
    const property = this.feedingProperty(el);
    if (property === undefined) return this.error(el, detail, cause, location);
    return new XmlConfigurationError(`${detail} (the value of property '${property.name}')`, location, this.elementPath(el), { cause, property });
  }

  private feedingProperty(el: XmlElement): { name: string; value: string } | undefined {
    let name = getAttribute(el, 'property');
    if (name === undefined) {
      const content = el.children.filter((c) => !isBlankText(c));
      const only = content.length === 1 ? content[0] : undefined;
      if (only?.kind !== 'element' || only.name !== 'Property') return undefined;
      name = getAttribute(only, 'name');
    }
    const value = name === undefined ? undefined : this.properties.get(name);
    return name === undefined || value === undefined ? undefined : { name, value };
  }

  /** Runs `fn` with `el` pushed on the element path; unlocated errors are wrapped with its location. */
  within<T>(el: XmlElement, fn: () => T): T {
    const pushed = this.path[this.path.length - 1] !== el;
    if (pushed) this.path.push(el);
    try {
      return fn();
    } catch (e) {
      if (e instanceof XmlConfigurationError) throw e;
      if (e instanceof InvocationTargetError) throw this.error(el, e.describe(`apply <${el.name}>`), e.cause);
      const msg = e instanceof Error ? e.message : String(e);
      throw this.error(el, /^Cannot /.test(msg) ? msg : `Cannot apply <${el.name}>: ${msg}`, e);
    } finally {
      if (pushed) this.path.pop();
    }
  }

  warn(el: XmlElement, message: string): void {
    iocLog.warn(`${message} (at ${this.elementPath(el)})`, el.location);
  }

  /** Registers an id (later writes overwrite, as in Jetty). */
  registerId(id: string | undefined, value: unknown): void {
    if (id !== undefined) this.idMap.set(id, value);
  }

  /** Executes the children of `el` from index `from` as statements against `scope`. */
  statements(el: XmlElement, scope: unknown, from = 0): void {
    for (let i = from; i < el.children.length; i++) {
      const child = el.children[i];
      if (child.kind !== 'element') continue;
      this.within(child, () => {
        if (FIELD_TAGS.has(child.name)) {
          throw this.error(
            child,
            `Cannot execute <${child.name}>: element '${child.name}' is only allowed as a leading field of its parent, before any statement`,
          );
        }
        const h = this.handlers.get(child.name);
        if (!h || !h.statement) {
          throw this.error(
            child,
            `Cannot execute <${child.name}>: unknown tag (statements are ${[...this.handlers.entries()]
              .filter(([, x]) => x.statement)
              .map(([k]) => k)
              .join(', ')})`,
          );
        }
        h.evaluate(child, scope, this);
      });
    }
  }

  /** The value of one child of a value element: its text, or the value of the element it is. */
  private itemValue(child: XmlChild, scope: unknown): Val {
    if (child.kind === 'text') return val(child.text);
    return this.within(child, () => {
      const h = this.handlers.get(child.name);
      if (!h || !h.value) {
        throw this.error(
          child,
          `Cannot evaluate <${child.name}>: not a value element (values may contain ${[...this.handlers.entries()]
            .filter(([, x]) => x.value)
            .map(([k]) => k)
            .join(', ')})`,
        );
      }
      return h.evaluate(child, scope, this);
    });
  }

  /**
   * The value algorithm for Set, Put, Arg, Item and field elements, in Jetty's order: `ref=`, empty, `type="String"`
   * (untrimmed), trimming, concatenation, then `type=` conversion. Concatenating a null (an unset
   * property) throws here, where Jetty would produce the text "null".
   */
  value(n: XmlElement, scope: unknown): Val {
    const type = getAttribute(n, 'type');
    const convert = (v: Val): Val => {
      if (type === undefined) return v;
      try {
        return convertForTypeAttribute(type, v);
      } catch (e) {
        throw this.valueError(
          n,
          `Cannot convert the value of <${n.name}> to type '${type}': ${(e as Error).message}`,
          e,
          findAttribute(n, 'type')?.location ?? n.location,
        );
      }
    };
    const ref = getAttribute(n, 'ref');
    if (ref !== undefined) return convert(val(this.idMap.get(ref) ?? null));
    let children: readonly XmlChild[] = n.children;
    if (children.length === 0) return val(type === 'String' ? '' : null);
    if (type === 'String') {
      if (children.length === 1) return convert(this.itemValue(children[0], scope));
      return convert(val(this.concat(n, children, scope)));
    }
    let first = 0;
    let last = children.length - 1;
    while (first <= last && isBlankText(children[first])) first++;
    while (last >= first && isBlankText(children[last])) last--;
    if (first > last) return convert(NULL);
    children = children.slice(first, last + 1);
    if (children.length === 1) {
      const v = this.itemValue(children[0], scope);
      return convert(typeof v.value === 'string' && v.jtype === undefined ? val(javaTrim(v.value)) : v);
    }
    return convert(val(javaTrim(this.concat(n, children, scope))));
  }

  private concat(n: XmlElement, children: readonly XmlChild[], scope: unknown): string {
    let out = '';
    for (const c of children) {
      const v = this.itemValue(c, scope);
      if ((v.value === null || v.value === undefined) && c.kind === 'element') {
        throw this.error(
          c,
          `Cannot concatenate the value of <${c.name}> into the text of <${n.name}>: it is null (Jetty would insert the text "null")`,
        );
      }
      out += toJavaString(v);
    }
    return out;
  }

  /**
   * Fields given either as an attribute or as a leading child element (`id="x"` or `<Id>x</Id>`).
   * `single` lists field names (lower case; the element is capitalised); `multi` names CSV-capable
   * multi-valued fields (`arg`, `item`, `deprecated`). Returns the fields and the index of the first
   * child after the leading run.
   */
  fields(
    el: XmlElement,
    single: readonly string[],
    multi: readonly string[] = [],
  ): { get(name: string): Field | undefined; list(name: string): XmlElement[]; next: number } {
    const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
    const wanted = new Set([...single, ...multi].map(cap));
    const found = new Map<string, XmlElement[]>();
    let next = 0;
    for (; next < el.children.length; next++) {
      const c = el.children[next];
      if (c.kind === 'text') {
        if (isBlankText(c)) continue;
        break;
      }
      if (!wanted.has(c.name)) break;
      const list = found.get(c.name) ?? [];
      list.push(c);
      found.set(c.name, list);
    }
    const check = (name: string): void => {
      const a = findAttribute(el, name);
      if (a && found.has(cap(name))) {
        throw this.error(el, `Cannot use attribute '${name}' and element <${cap(name)}> together on <${el.name}>`, undefined, a.location);
      }
    };
    [...single, ...multi].forEach(check);
    return {
      next,
      get: (name) => {
        const a = findAttribute(el, name);
        if (a) return { attr: a.value, location: a.location };
        const e = found.get(cap(name))?.[0];
        return e ? { element: e, location: e.location } : undefined;
      },
      list: (name) => {
        const a = findAttribute(el, name);
        if (a) {
          return csvSplit(a.value).map(
            (item) =>
              ({
                kind: 'element',
                name: cap(name),
                qname: cap(name),
                attributes: [],
                children: item === '' ? [] : [{ kind: 'text', text: item, location: a.location }],
                location: a.location,
              }) as XmlElement,
          );
        }
        return found.get(cap(name)) ?? [];
      },
    };
  }

  /** The string value of a field (attribute verbatim, element through the value algorithm, trimmed). */
  fieldString(f: Field | undefined, scope: unknown): string | undefined {
    if (!f) return undefined;
    if (f.attr !== undefined) return f.attr;
    const el = f.element as XmlElement;
    const v = this.within(el, () => this.value(el, scope));
    return v.value === null || v.value === undefined ? undefined : toJavaString(v);
  }
}

/** Java's String.trim: strips characters <= U+0020 at both ends. */
export function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

/** Jetty's StringUtil.csvSplit: trims unquoted items, "..." quotes with backslash escapes, ignores a trailing comma. */
export function csvSplit(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  if (javaTrim(s) === '') return out;
  for (let guard = 0; i <= n && guard <= n + 1; guard++) {
    while (i < n && s.charCodeAt(i) <= 32) i++;
    let item = '';
    if (s[i] === '"') {
      i++;
      while (i < n && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < n) i++;
        item += s[i++];
      }
      i++;
      while (i < n && s[i] !== ',') i++;
    } else {
      const start = i;
      while (i < n && s[i] !== ',') i++;
      item = javaTrim(s.slice(start, i));
    }
    out.push(item);
    if (i >= n) break;
    i++; // skip the comma
    if (i >= n) break; // trailing comma ignored
  }
  return out;
}
