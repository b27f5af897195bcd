/**
 * Pier's storable form of SessionData: a versioned JSON document whose attribute values use a tagged
 * encoding, so Date, Map, Set, BigInt, Buffer, typed arrays, undefined, NaN and -0 survive a round trip.
 * This replaces Jetty's Java serialisation (which Node cannot read) while keeping Jetty's field list.
 *
 * Encoding of a value:
 * - string, boolean, null and finite numbers (except -0) are themselves;
 * - arrays are arrays of encoded values;
 * - plain objects (prototype Object.prototype or null) are objects of encoded values; an object that has
 *   its own `$t` key is wrapped as `{"$t":"Object","v":{...}}`;
 * - everything else is `{"$t": <tag>, "v": <payload>}` with tags `undefined`, `number` ("NaN",
 *   "Infinity", "-Infinity", "-0"), `bigint` (decimal string), `Date` (epoch ms, or null for an
 *   invalid date), `Map` ([[k, v]...]), `Set` ([v...]), `Buffer`, `ArrayBuffer` and each typed array name
 *   (base64 of the bytes).
 *
 * A value that cannot be encoded (function, symbol, class instance, cycle, WeakMap...) is rejected with
 * the path to the offending part.
 * @module
 */
import { SessionData } from './session-data';

/** The `format` field of a stored session document. */
export const SESSION_FORMAT = 'pier-session';
/** The current version of the stored document; readers accept versions up to this one. */
export const SESSION_FORMAT_VERSION = 1;

/** The JSON shape of one stored session (what the file store writes, one document per file). */
export interface StoredSessionDocument {
  format: typeof SESSION_FORMAT;
  version: number;
  id: string;
  contextPath: string;
  vhost: string;
  lastNode: string;
  created: number;
  accessed: number;
  lastAccessed: number;
  cookieSet: number;
  expiry: number;
  maxInactiveMs: number;
  /**
   * When the session was last written (ms), kept by the network stores (Redis, the memcached cache) so that
   * savePeriodSec works and a store reading a cached copy knows the session was saved before; the file
   * store leaves it out (it reads the file's modification time).
   */
  lastSaved?: number;
  attributes: Record<string, unknown>;
}

/** Thrown while encoding: `path` says where in the attribute value the unsupported part sits. */
export class UnencodableValueError extends TypeError {
  constructor(
    readonly attribute: string,
    readonly path: string,
    detail: string,
  ) {
    super(`Cannot encode value of attribute '${attribute}' at '${path}': ${detail}`);
    this.name = 'UnencodableValueError';
  }
}

const TYPED_ARRAYS: Record<string, { new (b: ArrayBuffer): ArrayBufferView; BYTES_PER_ELEMENT: number }> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as never;

function bytesOf(view: ArrayBufferView | ArrayBuffer): string {
  if (view instanceof ArrayBuffer) return Buffer.from(new Uint8Array(view)).toString('base64');
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
}

function tag(t: string, v: unknown): { $t: string; v: unknown } {
  return { $t: t, v };
}

/** Encodes one attribute value; throws UnencodableValueError naming the attribute. */
export function encodeValue(attribute: string, value: unknown): unknown {
  const stack: object[] = [];
  const enc = (v: unknown, path: string): unknown => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'undefined':
        return tag('undefined', null);
      case 'number':
        if (Number.isNaN(v)) return tag('number', 'NaN');
        if (v === Infinity) return tag('number', 'Infinity');
        if (v === -Infinity) return tag('number', '-Infinity');
        if (Object.is(v, -0)) return tag('number', '-0');
        return v;
      case 'bigint':
        return tag('bigint', v.toString());
      case 'function':
        throw new UnencodableValueError(attribute, path, 'a function cannot be stored');
      case 'symbol':
        throw new UnencodableValueError(attribute, path, 'a symbol cannot be stored');
      default:
        break;
    }
    if (v === null) return null;
    const o = v as object;
    if (stack.includes(o)) throw new UnencodableValueError(attribute, path, 'the value contains a cycle');
    stack.push(o);
    try {
      if (Array.isArray(o)) {
        const out: unknown[] = [];
        for (let i = 0; i < o.length; i++) out.push(enc(o[i], `${path}[${i}]`));
        return out;
      }
      if (o instanceof Date) return tag('Date', Number.isNaN(o.getTime()) ? null : o.getTime());
      if (o instanceof Map) {
        let i = 0;
        return tag(
          'Map',
          [...o].map(([k, val]) => {
            const r = [enc(k, `${path}<key ${i}>`), enc(val, `${path}<value ${i}>`)];
            i++;
            return r;
          }),
        );
      }
      if (o instanceof Set) {
        let i = 0;
        return tag(
          'Set',
          [...o].map((val) => enc(val, `${path}<item ${i++}>`)),
        );
      }
      if (Buffer.isBuffer(o)) return tag('Buffer', bytesOf(o));
      if (o instanceof ArrayBuffer) return tag('ArrayBuffer', bytesOf(o));
      if (ArrayBuffer.isView(o)) {
        const name = o.constructor.name;
        if (name in TYPED_ARRAYS && TYPED_ARRAYS[name] === o.constructor) return tag(name, bytesOf(o));
        throw new UnencodableValueError(attribute, path, `a ${name} cannot be stored`);
      }
      const proto = Object.getPrototypeOf(o);
      if (proto !== Object.prototype && proto !== null) {
        const name = (o as { constructor?: { name?: string } }).constructor?.name ?? 'object';
        throw new UnencodableValueError(
          attribute,
          path,
          `an instance of ${name} cannot be stored (only plain objects, arrays, Date, Map, Set, BigInt, Buffer and typed arrays)`,
        );
      }
      if (Object.getOwnPropertySymbols(o).length > 0) throw new UnencodableValueError(attribute, path, 'symbol keys cannot be stored');
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(o)) out[k] = enc((o as Record<string, unknown>)[k], `${path}.${k}`);
      return Object.prototype.hasOwnProperty.call(o, '$t') ? tag('Object', out) : out;
    } finally {
      stack.pop();
    }
  };
  return enc(value, attribute);
}

function fail(detail: string): never {
  throw new TypeError(`Cannot decode stored value: ${detail}`);
}

function fromBase64(v: unknown): Buffer {
  if (typeof v !== 'string') fail('expected a base64 string');
  return Buffer.from(v, 'base64');
}

/** Decodes one value produced by encodeValue; throws TypeError on anything malformed. */
export function decodeValue(v: unknown, depth = 0): unknown {
  if (depth > 1000) fail('nesting too deep');
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map((x) => decodeValue(x, depth + 1));
  if (typeof v !== 'object') fail(`unexpected ${typeof v}`);
  const o = v as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(o, '$t')) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = decodeValue(o[k], depth + 1);
    return out;
  }
  const t = o.$t;
  const p = o.v;
  switch (t) {
    case 'undefined':
      return undefined;
    case 'number':
      if (p === 'NaN') return NaN;
      if (p === 'Infinity') return Infinity;
      if (p === '-Infinity') return -Infinity;
      if (p === '-0') return -0;
      return fail(`bad number '${String(p)}'`);
    case 'bigint':
      if (typeof p !== 'string' || !/^-?\d+$/.test(p)) fail('bad bigint');
      return BigInt(p);
    case 'Date':
      if (p === null) return new Date(NaN);
      if (typeof p !== 'number') fail('bad Date');
      return new Date(p);
    case 'Map':
      if (!Array.isArray(p)) fail('bad Map');
      return new Map(
        p.map((e) => {
          if (!Array.isArray(e) || e.length !== 2) fail('bad Map entry');
          return [decodeValue(e[0], depth + 1), decodeValue(e[1], depth + 1)] as [unknown, unknown];
        }),
      );
    case 'Set':
      if (!Array.isArray(p)) fail('bad Set');
      return new Set(p.map((x) => decodeValue(x, depth + 1)));
    case 'Object': {
      if (typeof p !== 'object' || p === null || Array.isArray(p)) fail('bad Object');
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(p)) out[k] = decodeValue((p as Record<string, unknown>)[k], depth + 1);
      return out;
    }
    case 'Buffer':
      return fromBase64(p);
    case 'ArrayBuffer': {
      const b = fromBase64(p);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    }
    default: {
      if (typeof t === 'string' && t in TYPED_ARRAYS) {
        const ctor = TYPED_ARRAYS[t];
        const b = fromBase64(p);
        if (b.byteLength % ctor.BYTES_PER_ELEMENT !== 0) fail(`bad ${t} length`);
        const copy = new ArrayBuffer(b.byteLength);
        new Uint8Array(copy).set(b);
        return new ctor(copy);
      }
      return fail(`unknown tag '${String(t)}'`);
    }
  }
}

/** Encodes every attribute (the stored documents and the session tool's records hold this); the first unencodable one throws UnencodableValueError naming it. */
export function encodeAttributes(attrs: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of attrs) out[k] = encodeValue(k, v);
  return out;
}

/** Builds the stored document for a SessionData (throws UnencodableValueError for a bad attribute). */
function toDocument(data: SessionData, withLastSaved: boolean): StoredSessionDocument {
  return {
    format: SESSION_FORMAT,
    version: SESSION_FORMAT_VERSION,
    id: data.id,
    contextPath: data.contextPath,
    vhost: data.vhost,
    lastNode: data.lastNode,
    created: data.created,
    accessed: data.accessed,
    lastAccessed: data.lastAccessed,
    cookieSet: data.cookieSet,
    expiry: data.expiry,
    maxInactiveMs: data.maxInactiveMs,
    ...(withLastSaved ? { lastSaved: data.getLastSaved() } : {}),
    attributes: encodeAttributes(data.attributes),
  };
}

/**
 * Serialises a SessionData to the UTF-8 JSON bytes of its stored document; `withLastSaved` adds the
 * `lastSaved` field (the network stores keep it, the file store does not).
 */
export function encodeSessionData(data: SessionData, withLastSaved = false): Buffer {
  return Buffer.from(JSON.stringify(toDocument(data, withLastSaved)), 'utf8');
}

function num(doc: Record<string, unknown>, k: string): number {
  const v = doc[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`field '${k}' is not a number`);
  return v;
}
function str(doc: Record<string, unknown>, k: string): string {
  const v = doc[k];
  if (typeof v !== 'string') fail(`field '${k}' is not a string`);
  return v;
}

/** Rebuilds SessionData from a stored document; throws TypeError when it is not one. */
function fromDocument(raw: unknown): SessionData {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('not a JSON object');
  const doc = raw as Record<string, unknown>;
  if (doc.format !== SESSION_FORMAT) fail(`format is '${String(doc.format)}', expected '${SESSION_FORMAT}'`);
  const version = num(doc, 'version');
  if (version < 1 || version > SESSION_FORMAT_VERSION) fail(`unsupported version ${version}`);
  const data = new SessionData(
    str(doc, 'id'),
    str(doc, 'contextPath'),
    str(doc, 'vhost'),
    num(doc, 'created'),
    num(doc, 'accessed'),
    num(doc, 'lastAccessed'),
    num(doc, 'maxInactiveMs'),
  );
  data.lastNode = str(doc, 'lastNode');
  data.cookieSet = num(doc, 'cookieSet');
  data.expiry = num(doc, 'expiry');
  if (doc.lastSaved !== undefined) data.setLastSaved(num(doc, 'lastSaved'));
  const attrs = doc.attributes;
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) fail('attributes is not an object');
  for (const k of Object.keys(attrs)) data.attributes.set(k, decodeValue((attrs as Record<string, unknown>)[k]));
  data.clean();
  return data;
}

/** Parses the bytes written by encodeSessionData; throws on empty, truncated or malformed input. */
export function decodeSessionData(bytes: Buffer | string): SessionData {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  if (text.length === 0) fail('the stored session is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new TypeError(`Cannot decode stored session: ${(err as Error).message}`, { cause: err });
  }
  return fromDocument(parsed);
}

/** The `format` of the attribute document a table-backed store keeps in its blob column. */
export const ATTRIBUTES_FORMAT = 'pier-session-attributes';

/**
 * The attributes alone, as the UTF-8 JSON document `{"format":"pier-session-attributes","version":1,
 * "attributes":{...}}` (a store whose other fields are columns, such as JDBC's `map`). Throws
 * UnencodableValueError naming the first attribute that cannot be stored.
 */
export function encodeSessionAttributes(data: SessionData): Buffer {
  return Buffer.from(
    JSON.stringify({ format: ATTRIBUTES_FORMAT, version: SESSION_FORMAT_VERSION, attributes: encodeAttributes(data.attributes) }),
    'utf8',
  );
}

/** Puts the attributes of an encodeSessionAttributes document into `data`; throws TypeError when the bytes are not one. */
export function decodeSessionAttributes(bytes: Buffer | string | null | undefined, data: SessionData): void {
  if (bytes === null || bytes === undefined) fail('the attribute column is NULL');
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  if (text.length === 0) fail('the stored attributes are empty');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new TypeError(`Cannot decode stored attributes: ${(err as Error).message}`, { cause: err });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail('not a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== ATTRIBUTES_FORMAT) fail(`format is '${String(d.format)}', expected '${ATTRIBUTES_FORMAT}'`);
  const version = num(d, 'version');
  if (version < 1 || version > SESSION_FORMAT_VERSION) fail(`unsupported version ${version}`);
  const attrs = d.attributes;
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) fail('attributes is not an object');
  for (const k of Object.keys(attrs)) data.attributes.set(k, decodeValue((attrs as Record<string, unknown>)[k]));
}
