/**
 * Shims for java.util collections: HashMap (a JS Map), Properties, ArrayList (a JS array) and HashSet (a JS Set).
 * @module
 */
import { Expose, JettyClass } from '../metadata';

/** java.util.HashMap: a JS Map with Java's method names. `<Put>` works on any JS Map. */
@JettyClass('java.util.HashMap', {
  aliases: ['java.util.concurrent.ConcurrentHashMap', 'java.util.TreeMap', 'java.util.LinkedHashMap'],
  implements: ['java.util.Map'],
})
export class JavaHashMap<K = unknown, V = unknown> extends Map<K, V> {
  @Expose('Object', 'Object') put(k: K, v: V): V | null {
    const prev = this.has(k) ? (this.get(k) as V) : null;
    this.set(k, v);
    return prev;
  }
  @Expose('Object') override get(k: K): V | undefined {
    return super.get(k);
  }
  @Expose('Object') containsKey(k: K): boolean {
    return this.has(k);
  }
  @Expose('Object') remove(k: K): V | null {
    const prev = this.has(k) ? (super.get(k) as V) : null;
    this.delete(k);
    return prev;
  }
}

/** java.util.Properties: a string map. */
@JettyClass('java.util.Properties')
export class JavaProperties extends JavaHashMap<string, string> {
  @Expose('String', 'String') setProperty(k: string, v: string): string | null {
    return this.put(k, v);
  }
  @Expose('String') getProperty(k: string, def?: string): string | null {
    return super.get(k) ?? def ?? null;
  }
}

/** java.util.ArrayList: a JS array (a List, not a Java array). */
@JettyClass('java.util.ArrayList', {
  aliases: ['java.util.LinkedList', 'java.util.concurrent.CopyOnWriteArrayList'],
  implements: ['java.util.List', 'java.util.Collection'],
})
export class JavaArrayList<T = unknown> extends Array<T> {
  constructor() {
    super();
  }
  @Expose('Object') add(x: T): boolean {
    this.push(x);
    return true;
  }
  @Expose('int') get(i: number): T {
    return this[i];
  }
  @Expose() size(): number {
    return this.length;
  }
  @Expose() isEmpty(): boolean {
    return this.length === 0;
  }
}

/** java.util.HashSet: a JS Set. */
@JettyClass('java.util.HashSet', { aliases: ['java.util.LinkedHashSet', 'java.util.TreeSet'], implements: ['java.util.Set', 'java.util.Collection'] })
export class JavaHashSet<T = unknown> extends Set<T> {
  @Expose('Object') override add(x: T): this {
    return super.add(x);
  }
}
