import { expect } from 'chai';
import * as sinon from 'sinon';
import crypto = require('node:crypto');
import { randomBits128, randomHex } from '../../src/util/random-pool';

describe('the random pool', () => {
  afterEach(() => sinon.restore());

  it('draws 128-bit values that never repeat, across many refills of the pool', () => {
    const seen = new Set<bigint>();
    let highBits = 0;
    for (let i = 0; i < 5_000; i++) {
      const v = randomBits128();
      expect(v >= 0n && v < 1n << 128n).to.equal(true);
      seen.add(v);
      if (v >> 127n === 1n) highBits++;
    }
    expect(seen.size).to.equal(5_000);
    expect(highBits, 'values with the top bit set, of 5,000').to.be.within(2_200, 2_800);
  });

  it('gives hex strings of two digits per byte', () => {
    expect(randomHex(6)).to.match(/^[0-9a-f]{12}$/);
    expect(randomHex(1)).to.match(/^[0-9a-f]{2}$/);
    expect(randomHex(6)).to.not.equal(randomHex(6));
  });

  it('refuses a size it cannot draw', () => {
    expect(() => randomHex(0)).to.throw(RangeError, /expected 1 to 256/);
    expect(() => randomHex(1000)).to.throw(RangeError);
  });

  it('fills its buffer from crypto once per 4 KiB, not once per value', () => {
    const fill = sinon.spy(crypto, 'randomFillSync');
    for (let i = 0; i < 1_024; i++) randomBits128();
    expect(fill.callCount, 'fills for 16 KiB of draws').to.be.within(4, 5);
  });
});
