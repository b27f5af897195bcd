/**
 * Tests of the tagged JSON codec for session data.
 * @module
 */
import { expect } from 'chai';
import {
  decodeSessionData,
  decodeValue,
  encodeSessionData,
  encodeValue,
  SESSION_FORMAT_VERSION,
  UnencodableValueError,
} from '../../src/session/session-data-codec';
import { SessionData } from '../../src/session/session-data';

function roundTrip(v: unknown): unknown {
  return decodeValue(JSON.parse(JSON.stringify(encodeValue('attr', v))));
}

describe('session-data-codec', () => {
  it('keeps strings, finite numbers, booleans and null as plain JSON', () => {
    expect(encodeValue('a', 'x')).to.equal('x');
    expect(encodeValue('a', 1.5)).to.equal(1.5);
    expect(encodeValue('a', true)).to.equal(true);
    expect(encodeValue('a', null)).to.equal(null);
    expect(encodeValue('a', { k: [1, 'two'] })).to.deep.equal({ k: [1, 'two'] });
  });

  it('round-trips Date, Map, Set and BigInt', () => {
    const d = roundTrip(new Date(1234567890123)) as Date;
    expect(d).to.be.instanceOf(Date);
    expect(d.getTime()).to.equal(1234567890123);
    const m = roundTrip(
      new Map<unknown, unknown>([
        ['a', 1],
        [2, new Set(['x'])],
      ]),
    ) as Map<unknown, unknown>;
    expect(m).to.be.instanceOf(Map);
    expect(m.get('a')).to.equal(1);
    expect([...(m.get(2) as Set<string>)]).to.deep.equal(['x']);
    expect(roundTrip(12345678901234567890n)).to.equal(12345678901234567890n);
  });

  it('round-trips Buffer, ArrayBuffer and typed arrays', () => {
    const b = roundTrip(Buffer.from('héllo')) as Buffer;
    expect(Buffer.isBuffer(b)).to.equal(true);
    expect(b.toString()).to.equal('héllo');
    const f = roundTrip(new Float64Array([1.5, -2])) as Float64Array;
    expect(f).to.be.instanceOf(Float64Array);
    expect([...f]).to.deep.equal([1.5, -2]);
    const u = roundTrip(new Uint16Array([1, 65535])) as Uint16Array;
    expect([...u]).to.deep.equal([1, 65535]);
    const ab = roundTrip(new Uint8Array([7, 8]).buffer) as ArrayBuffer;
    expect(ab).to.be.instanceOf(ArrayBuffer);
    expect([...new Uint8Array(ab)]).to.deep.equal([7, 8]);
  });

  it('keeps undefined apart from null inside objects and arrays', () => {
    const v = roundTrip({ u: undefined, n: null, arr: [undefined, null] }) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(v, 'u')).to.equal(true);
    expect(v.u).to.equal(undefined);
    expect(v.n).to.equal(null);
    expect(v.arr).to.deep.equal([undefined, null]);
  });

  it('round-trips NaN, the infinities and negative zero', () => {
    expect(Number.isNaN(roundTrip(NaN))).to.equal(true);
    expect(roundTrip(Infinity)).to.equal(Infinity);
    expect(roundTrip(-Infinity)).to.equal(-Infinity);
    expect(Object.is(roundTrip(-0), -0)).to.equal(true);
  });

  it('keeps an object whose own key is "$t" a plain object', () => {
    expect(roundTrip({ $t: 'Date', v: 3 })).to.deep.equal({ $t: 'Date', v: 3 });
  });

  it('rejects a function, naming the attribute and the path', () => {
    expect(() => encodeValue('cart', { items: [() => 1] })).to.throw(UnencodableValueError, /attribute 'cart' at 'cart.items\[0\]': a function/);
  });

  it('rejects a symbol, a class instance and a cycle', () => {
    expect(() => encodeValue('s', Symbol('x'))).to.throw(UnencodableValueError, /symbol/);
    class Cart {
      n = 1;
    }
    expect(() => encodeValue('c', new Cart())).to.throw(UnencodableValueError, /instance of Cart/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => encodeValue('loop', loop)).to.throw(UnencodableValueError, /cycle/);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(roundTrip({ a: shared, b: shared })).to.deep.equal({ a: { x: 1 }, b: { x: 1 } });
  });

  it('round-trips a whole SessionData as a versioned JSON document', () => {
    const d = new SessionData('abc', '_ctx', '0.0.0.0', 1000, 2000, 1500, 60_000);
    d.setLastNode('node0');
    d.setCookieSet(1999);
    d.setAttribute('m', new Map([['k', 1n]]));
    const bytes = encodeSessionData(d);
    const doc = JSON.parse(bytes.toString());
    expect(doc.format).to.equal('pier-session');
    expect(doc.version).to.equal(SESSION_FORMAT_VERSION);
    const back = decodeSessionData(bytes);
    expect(back.toString()).to.equal(d.toString());
    expect(back.getLastNode()).to.equal('node0');
    expect(back.getCookieSet()).to.equal(1999);
    expect((back.getAttribute('m') as Map<string, bigint>).get('k')).to.equal(1n);
  });

  it('rejects empty, truncated, foreign and future-version documents', () => {
    expect(() => decodeSessionData(Buffer.alloc(0))).to.throw(TypeError, /empty/);
    expect(() => decodeSessionData('{"format":"pier-sess')).to.throw(TypeError);
    expect(() => decodeSessionData('{"format":"other"}')).to.throw(TypeError, /format/);
    const d = JSON.parse(encodeSessionData(new SessionData('a', '', '0.0.0.0', 1, 1, 1, -1)).toString());
    d.version = SESSION_FORMAT_VERSION + 1;
    expect(() => decodeSessionData(JSON.stringify(d))).to.throw(TypeError, /version/);
  });
});
