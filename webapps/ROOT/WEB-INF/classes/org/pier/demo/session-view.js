'use strict';
/**
 * The session and its context's session machinery as the container sees them, read from the live objects:
 * the Session and its SessionData, the SessionHandler, its SessionCache, SessionDataStore and
 * SessionIdManager. Nothing here names a class or a setting of its own: rewire webapps/ROOT.xml and the
 * shop page follows. Plain JavaScript that imports nothing from Pier: it calls the objects' Jetty methods.
 */

/** Where Pier records the Jetty class name of each class XML can name (reflect-metadata, which Pier loads). */
const JETTY_CLASS = Symbol.for('pier:jetty-class');

/** Jetty's fully qualified class name of a container object, or its constructor's name. */
function jettyClassOf(obj) {
  if (obj === null || obj === undefined) return null;
  const spec = typeof Reflect.getMetadata === 'function' ? Reflect.getMetadata(JETTY_CLASS, obj.constructor) : undefined;
  return spec && spec.name ? spec.name : obj.constructor.name;
}

/** Calls `obj[name]()` when the object has that method, else gives undefined. */
function call(obj, name, ...args) {
  return obj && typeof obj[name] === 'function' ? obj[name](...args) : undefined;
}

/** A password in a URL, or a `password=` parameter, replaced by `***` (the page shows settings). */
function redact(text) {
  return String(text)
    .replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@')
    .replace(/(password=)[^&\s,\]]*/gi, '$1***');
}

/** The value of a setting as the page shows it. */
function showValue(v) {
  if (v === null || v === undefined) return 'not set';
  if (typeof v === 'object') return redact(call(v, 'dumpSelf') ?? String(v));
  return redact(String(v));
}

/** What an eviction policy means, in Jetty's constant names. */
function evictionMeaning(policy) {
  if (policy < 0) return 'NEVER_EVICT: a session stays in memory until it is invalidated or expires';
  if (policy === 0) return 'EVICT_ON_SESSION_EXIT: a session leaves memory when its last request does, and is loaded again from the store';
  return `EVICT_ON_INACTIVITY: a session leaves memory after ${policy} s without a request`;
}

/** The session: ids, node, times and attribute names. */
function describeSession(session) {
  const data = call(session, 'getSessionData');
  const handler = call(session, 'getSessionHandler');
  const idManager = call(handler, 'getSessionIdManager');
  return {
    id: session.getId(),
    extendedId: call(session, 'getExtendedId') ?? session.getId(),
    isNew: session.isNew(),
    workerName: call(idManager, 'getWorkerName') ?? null,
    lastNode: call(data, 'getLastNode') ?? null,
    created: session.getCreationTime(),
    lastAccessed: session.getLastAccessedTime(),
    accessed: call(data, 'getAccessed') ?? null,
    maxInactiveInterval: session.getMaxInactiveInterval(),
    expiry: call(data, 'getExpiry') ?? null,
    lastSaved: call(data, 'getLastSaved') ?? null,
    attributes: session.getAttributeNames().slice().sort(),
  };
}

/** The settings of a store: its settings record (the Jetty setters XML reaches) and the base class's periods. */
function storeSettings(store) {
  const rows = [];
  if (store.settings && typeof store.settings === 'object') {
    for (const [name, value] of Object.entries(store.settings)) rows.push([name, showValue(value)]);
  }
  for (const name of ['gracePeriodSec', 'savePeriodSec']) {
    const v = call(store, `get${name[0].toUpperCase()}${name.slice(1)}`);
    if (v !== undefined && !rows.some(([n]) => n === name)) rows.push([name, showValue(v)]);
  }
  return rows;
}

/** The store and, for a CachingSessionDataStore, the map in front of it and the store behind it. */
function describeStores(store) {
  if (!store) return [];
  const inner = call(store, 'getSessionDataStore');
  const map = call(store, 'getSessionDataMap');
  const own = { role: 'SessionDataStore', className: jettyClassOf(store), settings: storeSettings(store) };
  if (inner && map) {
    return [own, { role: 'SessionDataMap (L2 cache)', className: jettyClassOf(map), settings: [] }, ...describeStores(inner).map((s) => ({ ...s, role: 'behind it' }))];
  }
  return [own];
}

/** The cache/store wiring of the session's context. */
function describeWiring(handler) {
  const cache = call(handler, 'getSessionCache');
  const idManager = call(handler, 'getSessionIdManager');
  const policy = call(cache, 'getEvictionPolicy');
  const flags = ['saveOnCreate', 'saveOnInactiveEviction', 'removeUnloadableSessions', 'flushOnResponseCommit', 'invalidateOnShutdown'];
  return {
    handlerClass: jettyClassOf(handler),
    maxInactiveInterval: call(handler, 'getMaxInactiveInterval'),
    idManagerClass: jettyClassOf(idManager),
    workerName: call(idManager, 'getWorkerName') ?? null,
    cacheClass: jettyClassOf(cache),
    evictionPolicy: policy,
    evictionMeaning: policy === undefined ? null : evictionMeaning(policy),
    cacheSettings: flags.filter((f) => typeof cache?.[`is${f[0].toUpperCase()}${f.slice(1)}`] === 'function').map((f) => [f, String(call(cache, `is${f[0].toUpperCase()}${f.slice(1)}`))]),
    stores: describeStores(call(cache, 'getSessionDataStore')),
  };
}

/**
 * Where the store keeps session `id`: a file in a folder, a table row, a Redis key, or nowhere (a store
 * that keeps nothing). Told apart by the methods each store has.
 */
function whereStored(store, id) {
  if (!store) return { kind: 'none' };
  const inner = call(store, 'getSessionDataStore');
  if (inner && call(store, 'getSessionDataMap')) return { ...whereStored(inner, id), cachedIn: jettyClassOf(call(store, 'getSessionDataMap')) };
  const context = call(store, 'getSessionContext');
  const contextPath = call(context, 'getCanonicalContextPath') ?? '';
  const vhost = call(context, 'getVhost') ?? '';
  if (typeof store.getFileFor === 'function') {
    const settings = store.settings || {};
    return {
      kind: 'file',
      folder: settings.storeDir ?? null,
      file: store.getFileFor(id),
      durability: settings.durability ?? null,
      checkpointPeriodMs: settings.checkpointPeriodMs ?? null,
    };
  }
  if (typeof store.keyOf === 'function') {
    return { kind: 'redis', key: store.keyOf(id), url: showValue(call(store, 'getUrl')) };
  }
  const schema = call(store, 'getSessionTableSchema');
  if (schema) {
    return {
      kind: 'row',
      table: call(schema, 'getSchemaTableName') ?? schema.getTableName(),
      key: [
        [schema.getIdColumn(), id],
        [schema.getContextPathColumn(), contextPath],
        [schema.getVirtualHostColumn(), vhost],
      ],
    };
  }
  return { kind: 'memory', className: jettyClassOf(store) };
}

module.exports = { describeSession, describeWiring, whereStored, jettyClassOf, redact };
