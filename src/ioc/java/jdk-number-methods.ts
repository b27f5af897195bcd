/**
 * The methods of java.lang.Number's boxes (Integer, Long, Double...) and of java.lang.Boolean, for the JS
 * numbers and booleans that stand for them in XML. Narrowing follows Java: `intValue()` of a whole number
 * keeps its low 32 bits (as `(int)` of a long does), of a fraction truncates toward zero and saturates,
 * NaN gives 0.
 * @module
 */
import { JdkMethod, jdk } from './jdk-method';
import { javaCompare, javaEquals, numberHashCode } from './java-object';

/** Java's narrowing of a number to a signed integer of `bits` bits. */
export function narrow(n: number, bits: 8 | 16 | 32 | 64): number {
  if (Number.isNaN(n)) return 0;
  const max = 2 ** (bits - 1);
  if (!Number.isInteger(n)) {
    const t = Math.trunc(n);
    const wide = bits === 64 ? Math.max(-max, Math.min(max - 1, t)) : Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, t));
    return bits === 64 || bits === 32 ? wide : narrow(wide, bits);
  }
  if (!Number.isSafeInteger(n)) return bits === 64 ? Math.max(-max, Math.min(max - 1, n)) : Number(BigInt.asIntN(bits, BigInt(n)));
  return Number(BigInt.asIntN(bits, BigInt(n)));
}

export const NUMBER_METHODS: readonly JdkMethod[] = [
  jdk('intValue', [], (n: number) => narrow(n, 32), 'Integer'),
  jdk('longValue', [], (n: number) => narrow(n, 64), 'Long'),
  jdk('shortValue', [], (n: number) => narrow(n, 16), 'Short'),
  jdk('byteValue', [], (n: number) => narrow(n, 8), 'Byte'),
  jdk('doubleValue', [], (n: number) => n, 'Double'),
  jdk('floatValue', [], (n: number) => Math.fround(n), 'Float'),
  jdk('isNaN', [], (n: number) => Number.isNaN(n), 'Boolean'),
  jdk('isInfinite', [], (n: number) => n === Infinity || n === -Infinity, 'Boolean'),
  jdk('compareTo', ['number'], (n: number, [o]: [number]) => javaCompare(n, o), 'Integer'),
  jdk('equals', ['Object'], (n: number, [o]: [unknown]) => javaEquals(n, o), 'Boolean'),
  jdk('hashCode', [], (n: number) => numberHashCode(n), 'Integer'),
];

export const BOOLEAN_METHODS: readonly JdkMethod[] = [
  jdk('booleanValue', [], (b: boolean) => b, 'Boolean'),
  jdk('compareTo', ['Boolean'], (b: boolean, [o]: [boolean]) => javaCompare(b, o), 'Integer'),
  jdk('equals', ['Object'], (b: boolean, [o]: [unknown]) => javaEquals(b, o), 'Boolean'),
  jdk('hashCode', [], (b: boolean) => (b ? 1231 : 1237), 'Integer'),
];
