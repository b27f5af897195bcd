import { expect } from 'chai';
import { convertForTypeAttribute, parsePrimitive } from '../../src/ioc/coercion';
import { csvSplit, javaTrim } from '../../src/ioc/interpreter';
import { makeJavaArray, toJavaString, val } from '../../src/ioc/java-value';

describe('coercion', () => {
  it('parses Java integer literals strictly (sign allowed, no hex, no spaces) within range', () => {
    expect(parsePrimitive('Integer', '-12').value).to.equal(-12);
    expect(() => parsePrimitive('Integer', '0x10')).to.throw(RangeError, "Cannot convert '0x10' to Integer");
    expect(() => parsePrimitive('Integer', ' 1')).to.throw(RangeError);
    expect(() => parsePrimitive('Integer', '2147483648')).to.throw(RangeError);
    expect(() => parsePrimitive('Byte', '128')).to.throw(RangeError);
    expect(parsePrimitive('Long', '2147483648').value).to.equal(2147483648);
  });

  it('parses Java floating literals, including suffixes, exponents, NaN and Infinity', () => {
    expect(parsePrimitive('Double', '1e3').value).to.equal(1000);
    expect(parsePrimitive('Double', '1.5f').value).to.equal(1.5);
    expect(parsePrimitive('Double', '-Infinity').value).to.equal(-Infinity);
    expect(Number.isNaN(parsePrimitive('Double', 'NaN').value)).to.equal(true);
    expect(() => parsePrimitive('Double', 'abc')).to.throw(RangeError);
  });

  it('takes the first character for char and "true" in any case for boolean', () => {
    expect(parsePrimitive('Character', 'xyz')).to.deep.equal({ value: 'x', jtype: 'Character' });
    expect(parsePrimitive('Boolean', 'TrUe').value).to.equal(true);
    expect(parsePrimitive('Boolean', 'yes').value).to.equal(false);
  });

  it('converts for type= names: String in any case, java.lang names, TYPE names', () => {
    expect(convertForTypeAttribute('STRING', val(5, 'Integer')).value).to.equal('5');
    expect(convertForTypeAttribute('java.lang.Long', val('7'))).to.deep.equal({ value: 7, jtype: 'Long' });
    expect(convertForTypeAttribute('java.lang.Integer.TYPE', val('7'))).to.deep.equal({ value: 7, jtype: 'Integer' });
    expect(convertForTypeAttribute('String', val(null)).value).to.equal('');
    expect(convertForTypeAttribute('int', val(null)).value).to.equal(null);
  });

  it('converts File and Path to a path string, and arrays to List and Set', () => {
    expect(convertForTypeAttribute('java.io.File', val(' /tmp/x ')).value).to.equal('/tmp/x');
    expect(convertForTypeAttribute('Set', val(makeJavaArray('Object', [1, 1]))).value).to.deep.equal(new Set([1]));
    expect(convertForTypeAttribute('ArrayList', val(makeJavaArray('Object', [1, 1]))).value).to.deep.equal([1, 1]);
  });

  it('formats values the way Java string conversion does', () => {
    expect(toJavaString(val(1, 'Double'))).to.equal('1.0');
    expect(toJavaString(val(-1, 'Integer'))).to.equal('-1');
    expect(toJavaString(val(null))).to.equal('null');
  });
});

describe('csvSplit and javaTrim', () => {
  it('splits like Jetty StringUtil.csvSplit', () => {
    expect(csvSplit('a, b ,"c,d",,x y')).to.deep.equal(['a', 'b', 'c,d', '', 'x y']);
    expect(csvSplit('a,b,')).to.deep.equal(['a', 'b']);
    expect(csvSplit('"a\\"b"')).to.deep.equal(['a"b']);
    expect(csvSplit('')).to.deep.equal([]);
  });

  it('trims characters up to U+0020 only', () => {
    expect(javaTrim('\t\n x \u00a0')).to.equal('x \u00a0');
  });
});
