/**
 * Shims for java.util collections: HashMap (a JS Map), TreeMap (sorted), Properties, ArrayList (a JS array),
 * HashSet (a JS Set), TreeSet (sorted) and the static helpers of `java.util.Arrays`. Their other Java
 * methods (`size`, `contains`, `keySet`...) are given to every JS collection in ./jdk-methods.
 * @module
 */
import { Expose, JettyClass } from '../metadata';
import { javaCompare } from './java-object';

/** java.util.HashMap: a JS Map. `<Put>` works on any JS Map; Java's Map methods are in ./jdk-collection-methods. */
@JettyClass('java.util.HashMap', {
  aliases: ['java.util.concurrent.ConcurrentHashMap', 'java.util.LinkedHashMap'],
  implements: ['java.util.Map'],
})
export class JavaHashMap<K = unknown, V = unknown> extends Map<K, V> {
  /** Java's `put`, for TypeScript callers: sets the entry and answers the value it replaced, or null. */
  put(k: K, v: V): V | null {
    const prev = this.has(k) ? (this.get(k) as V) : null;
    this.set(k, v);
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
// getProperty(String, String): the default-taking overload of the same method
Expose('String', 'String')(
  JavaProperties.prototype,
  'getProperty',
  Object.getOwnPropertyDescriptor(JavaProperties.prototype, 'getProperty') as PropertyDescriptor,
);

/** java.util.ArrayList: a JS array (a List, not a Java array); Java's List methods are in ./jdk-collection-methods. */
@JettyClass('java.util.ArrayList', {
  aliases: ['java.util.LinkedList', 'java.util.concurrent.CopyOnWriteArrayList'],
  implements: ['java.util.List', 'java.util.Collection'],
})
export class JavaArrayList<T = unknown> extends Array<T> {
  constructor() {
    super();
  }
}

/** java.util.HashSet: a JS Set; Java's Set methods are in ./jdk-collection-methods. */
@JettyClass('java.util.HashSet', { aliases: ['java.util.LinkedHashSet'], implements: ['java.util.Set', 'java.util.Collection'] })
export class JavaHashSet<T = unknown> extends Set<T> {}

/** Puts `key` where natural ordering places it, by rebuilding the insertion order (configuration maps are small). */
function insertSorted<K>(keys: K[], key: K, put: (k: K) => void, clear: () => void): void {
  let at = keys.length;
  while (at > 0 && javaCompare(keys[at - 1], key) > 0) at--;
  keys.splice(at, 0, key);
  clear();
  for (const k of keys) put(k);
}

/** java.util.TreeMap: a map iterated in its keys' natural order (`String.compareTo`, numeric order...). */
@JettyClass('java.util.TreeMap', {
  aliases: ['java.util.concurrent.ConcurrentSkipListMap'],
  implements: ['java.util.Map', 'java.util.SortedMap', 'java.util.NavigableMap'],
})
export class JavaTreeMap<K = unknown, V = unknown> extends JavaHashMap<K, V> {
  override set(k: K, v: V): this {
    if (this.has(k)) return super.set(k, v);
    javaCompare(k, k);
    const values = new Map<K, V>(this);
    values.set(k, v);
    insertSorted(
      [...this.keys()],
      k,
      (key) => super.set(key, values.get(key) as V),
      () => this.clear(),
    );
    return this;
  }
  @Expose() firstKey(): K {
    if (this.size === 0) throw new RangeError('Cannot read the first key: the map is empty (NoSuchElementException)');
    return this.keys().next().value as K;
  }
  @Expose() lastKey(): K {
    if (this.size === 0) throw new RangeError('Cannot read the last key: the map is empty (NoSuchElementException)');
    return [...this.keys()][this.size - 1];
  }
}

/** java.util.TreeSet: a set iterated in its elements' natural order. */
@JettyClass('java.util.TreeSet', {
  aliases: ['java.util.concurrent.ConcurrentSkipListSet'],
  implements: ['java.util.Set', 'java.util.SortedSet', 'java.util.NavigableSet', 'java.util.Collection'],
})
export class JavaTreeSet<T = unknown> extends JavaHashSet<T> {
  override add(x: T): this {
    if (this.has(x)) return this;
    javaCompare(x, x);
    insertSorted(
      [...this],
      x,
      (e) => Set.prototype.add.call(this, e),
      () => this.clear(),
    );
    return this;
  }
  @Expose() first(): T {
    if (this.size === 0) throw new RangeError('Cannot read the first element: the set is empty (NoSuchElementException)');
    return this.values().next().value as T;
  }
  @Expose() last(): T {
    if (this.size === 0) throw new RangeError('Cannot read the last element: the set is empty (NoSuchElementException)');
    return [...this][this.size - 1];
  }
}

/** java.util.Arrays: `asList`, which gives a new ArrayList holding the array's elements (Java's is a fixed-size view of the array). */
@JettyClass('java.util.Arrays', { ctors: [] })
export class JavaArrays {
  @Expose({ arrayOf: 'Object' }, { varargs: true }) static asList(items: unknown[] | null): JavaArrayList {
    const list = new JavaArrayList();
    list.push(...(items ?? []));
    return list;
  }
}
