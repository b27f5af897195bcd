/**
 * The methods of java.util.List, Set and Map, for the JS arrays, Sets and Maps that stand for them in
 * XML (whether XML built them or a Jetty getter returned them). Membership and lookup use Java's
 * `equals`; `keySet()`, `values()` and `subList()` return copies, not live views.
 * @module
 */
import { makeJavaArray } from '../java-value';
import { JdkMethod, checkIndex, jdk } from './jdk-method';
import { collectionContains, mapHasKey, mapKey, nullSafeEquals } from './java-object';
import { JavaArrayList, JavaHashSet } from './java-util';

function indexOf(list: unknown[], x: unknown): number {
  return list.findIndex((e) => nullSafeEquals(x, e));
}

function lastIndexOf(list: unknown[], x: unknown): number {
  for (let i = list.length - 1; i >= 0; i--) if (nullSafeEquals(x, list[i])) return i;
  return -1;
}

function listOf(items: Iterable<unknown>): JavaArrayList {
  const list = new JavaArrayList();
  list.push(...items);
  return list;
}

const toArray = (c: Iterable<unknown>): unknown[] => makeJavaArray('Object', [...c]);

/** Methods List, Set and Map share. */
const SIZED: readonly JdkMethod[] = [
  jdk('size', [], (c: { size?: number; length?: number }) => c.size ?? c.length, 'Integer'),
  jdk('isEmpty', [], (c: { size?: number; length?: number }) => (c.size ?? c.length) === 0, 'Boolean'),
];

export const LIST_METHODS: readonly JdkMethod[] = [
  ...SIZED,
  jdk('get', ['int'], (l: unknown[], [i]: [number]) => (checkIndex('get an element', i, l.length), l[i])),
  jdk('set', ['int', 'Object'], (l: unknown[], [i, x]: [number, unknown]) => {
    checkIndex('set an element', i, l.length);
    const prev = l[i];
    l[i] = x;
    return prev;
  }),
  jdk('add', ['Object'], (l: unknown[], [x]: [unknown]) => (l.push(x), true), 'Boolean'),
  jdk('add', ['int', 'Object'], (l: unknown[], [i, x]: [number, unknown]) => {
    checkIndex('add an element', i, l.length + 1);
    l.splice(i, 0, x);
  }),
  jdk(
    'addAll',
    ['Collection'],
    (l: unknown[], [c]: [Iterable<unknown>]) => {
      const items = [...c];
      l.push(...items);
      return items.length > 0;
    },
    'Boolean',
  ),
  jdk('remove', ['int'], (l: unknown[], [i]: [number]) => (checkIndex('remove an element', i, l.length), l.splice(i, 1)[0])),
  jdk(
    'remove',
    ['Object'],
    (l: unknown[], [x]: [unknown]) => {
      const i = indexOf(l, x);
      if (i >= 0) l.splice(i, 1);
      return i >= 0;
    },
    'Boolean',
  ),
  jdk('contains', ['Object'], (l: unknown[], [x]: [unknown]) => indexOf(l, x) >= 0, 'Boolean'),
  jdk('containsAll', ['Collection'], (l: unknown[], [c]: [Iterable<unknown>]) => [...c].every((x) => indexOf(l, x) >= 0), 'Boolean'),
  jdk('indexOf', ['Object'], (l: unknown[], [x]: [unknown]) => indexOf(l, x), 'Integer'),
  jdk('lastIndexOf', ['Object'], (l: unknown[], [x]: [unknown]) => lastIndexOf(l, x), 'Integer'),
  jdk('subList', ['int', 'int'], (l: unknown[], [from, to]: [number, number]) => {
    if (from < 0 || to > l.length || from > to) {
      throw new RangeError(`Cannot take the sub-list from ${from} to ${to}: the size is ${l.length} (IndexOutOfBoundsException)`);
    }
    return listOf(l.slice(from, to));
  }),
  jdk('clear', [], (l: unknown[]) => void l.splice(0, l.length)),
  jdk('toArray', [], (l: unknown[]) => toArray(l)),
];

export const SET_METHODS: readonly JdkMethod[] = [
  ...SIZED,
  jdk('contains', ['Object'], (s: Set<unknown>, [x]: [unknown]) => collectionContains(s, x), 'Boolean'),
  jdk('containsAll', ['Collection'], (s: Set<unknown>, [c]: [Iterable<unknown>]) => [...c].every((x) => collectionContains(s, x)), 'Boolean'),
  jdk(
    'add',
    ['Object'],
    (s: Set<unknown>, [x]: [unknown]) => {
      if (collectionContains(s, x)) return false;
      s.add(x);
      return true;
    },
    'Boolean',
  ),
  jdk(
    'addAll',
    ['Collection'],
    (s: Set<unknown>, [c]: [Iterable<unknown>]) => {
      const before = s.size;
      for (const x of c) if (!collectionContains(s, x)) s.add(x);
      return s.size !== before;
    },
    'Boolean',
  ),
  jdk(
    'remove',
    ['Object'],
    (s: Set<unknown>, [x]: [unknown]) => {
      for (const e of s) if (nullSafeEquals(x, e)) return s.delete(e);
      return false;
    },
    'Boolean',
  ),
  jdk('clear', [], (s: Set<unknown>) => s.clear()),
  jdk('toArray', [], (s: Set<unknown>) => toArray(s)),
];

export const MAP_METHODS: readonly JdkMethod[] = [
  ...SIZED,
  jdk('get', ['Object'], (m: Map<unknown, unknown>, [k]: [unknown]) => m.get(mapKey(m, k)) ?? null),
  jdk('getOrDefault', ['Object', 'Object'], (m: Map<unknown, unknown>, [k, d]: [unknown, unknown]) => (mapHasKey(m, k) ? m.get(mapKey(m, k)) : d)),
  jdk('put', ['Object', 'Object'], (m: Map<unknown, unknown>, [k, v]: [unknown, unknown]) => {
    const key = mapKey(m, k);
    const prev = m.has(key) ? m.get(key) : null;
    m.set(key, v);
    return prev;
  }),
  jdk('putIfAbsent', ['Object', 'Object'], (m: Map<unknown, unknown>, [k, v]: [unknown, unknown]) => {
    const key = mapKey(m, k);
    const prev = m.get(key) ?? null;
    if (prev === null) m.set(key, v);
    return prev;
  }),
  jdk('putAll', ['Map'], (m: Map<unknown, unknown>, [o]: [Map<unknown, unknown>]) => {
    for (const [k, v] of o) m.set(mapKey(m, k), v);
  }),
  jdk('remove', ['Object'], (m: Map<unknown, unknown>, [k]: [unknown]) => {
    const key = mapKey(m, k);
    const prev = m.has(key) ? m.get(key) : null;
    m.delete(key);
    return prev;
  }),
  jdk('containsKey', ['Object'], (m: Map<unknown, unknown>, [k]: [unknown]) => mapHasKey(m, k), 'Boolean'),
  jdk('containsValue', ['Object'], (m: Map<unknown, unknown>, [v]: [unknown]) => collectionContains(m.values(), v), 'Boolean'),
  jdk('keySet', [], (m: Map<unknown, unknown>) => new JavaHashSet(m.keys())),
  jdk('values', [], (m: Map<unknown, unknown>) => listOf(m.values())),
  jdk('clear', [], (m: Map<unknown, unknown>) => m.clear()),
];
