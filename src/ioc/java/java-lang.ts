/**
 * Shims for java.lang classes the Jetty XML corpus reaches: System, String, Object and the boxed numbers.
 * @module
 */
import { Expose, JettyClass } from '../metadata';
import { SystemProperties } from '../system-properties';
import { BoxedName, VALUE_OF, VALUE_TYPE, toJavaString, val, Val } from '../java-value';
import { parsePrimitive } from '../coercion';
import { JavaPrintStream, captureProcessStream } from './java-io-print-stream';

/** java.lang.System: properties come from SystemProperties, the environment from process.env. */
@JettyClass('java.lang.System', { ctors: [] })
export class JavaSystem {
  @Expose('String') static getProperty(name: string, def?: string): string | null {
    return SystemProperties.get(name) ?? def ?? null;
  }
  @Expose('String', 'String') static setProperty(name: string, value: string): string | null {
    return SystemProperties.set(name, value) ?? null;
  }
  @Expose('String') static clearProperty(name: string): string | null {
    return SystemProperties.clear(name) ?? null;
  }
  @Expose('String') static getenv(name: string): string | null {
    return process.env[name] ?? null;
  }
  @Expose() static currentTimeMillis(): number {
    return Date.now();
  }
  /** Everything the process writes to stdout from now on goes to `out` (the console-capture module). */
  @Expose('java.io.PrintStream') static setOut(out: JavaPrintStream | null): void {
    captureProcessStream('out', out);
  }
  /** Everything the process writes to stderr (the log included) from now on goes to `err`. */
  @Expose('java.io.PrintStream') static setErr(err: JavaPrintStream | null): void {
    captureProcessStream('err', err);
  }
  @Expose() static lineSeparator(): string {
    return SystemProperties.get('line.separator') ?? '\n';
  }
}
// getProperty(String, String) is a second overload of the same static method
Expose('String', 'String')(JavaSystem, 'getProperty', Object.getOwnPropertyDescriptor(JavaSystem, 'getProperty') as PropertyDescriptor);

/** java.lang.Object: `<New class="java.lang.Object"/>` makes a plain object. */
@JettyClass('java.lang.Object')
export class JavaObject {}

/** java.lang.String: `<New class="java.lang.String">` yields a JS string. */
@JettyClass('java.lang.String', { ctors: [[], [{ name: 'original', type: 'String' }]] })
export class JavaString {
  static [VALUE_OF](s?: string): Val {
    return val(s ?? '');
  }
}

function boxedClass(name: BoxedName, primitive: string) {
  @JettyClass(`java.lang.${name}`, { ctors: [[{ name: 'value', type: primitive }], [{ name: 's', type: 'String' }]] })
  class Boxed {
    static [VALUE_TYPE] = name;
    static [VALUE_OF](v: unknown): Val {
      return typeof v === 'string' ? parsePrimitive(name, v) : val(v, name);
    }
  }
  return Boxed;
}

export const JavaInteger = boxedClass('Integer', 'int');
export const JavaLong = boxedClass('Long', 'long');
export const JavaShort = boxedClass('Short', 'short');
export const JavaByte = boxedClass('Byte', 'byte');
export const JavaDouble = boxedClass('Double', 'double');
export const JavaFloat = boxedClass('Float', 'float');
export const JavaBoolean = boxedClass('Boolean', 'boolean');

/** Adds an exposed static method to a shim class (for names that clash with Function's own members). */
function staticMethod(target: Function, name: string, types: string[], fn: (...a: never[]) => unknown): void {
  Object.defineProperty(target, name, { value: fn, configurable: true, writable: true });
  Expose(...types)(target as object, name, Object.getOwnPropertyDescriptor(target, name) as PropertyDescriptor);
}

staticMethod(JavaString, 'valueOf', ['Object'], (o: unknown) => toJavaString(o));
for (const [cls, name, parse] of [
  [JavaInteger, 'Integer', 'parseInt'],
  [JavaLong, 'Long', 'parseLong'],
  [JavaShort, 'Short', 'parseShort'],
  [JavaByte, 'Byte', 'parseByte'],
  [JavaDouble, 'Double', 'parseDouble'],
  [JavaFloat, 'Float', 'parseFloat'],
  [JavaBoolean, 'Boolean', 'parseBoolean'],
] as const) {
  staticMethod(cls, 'valueOf', ['String'], (s: string) => parsePrimitive(name, s).value);
  staticMethod(cls, parse, ['String'], (s: string) => parsePrimitive(name, s).value);
}

/** java.lang.StringBuilder (and StringBuffer): a mutable string, appended to with Java's `String.valueOf` of each value. */
@JettyClass('java.lang.StringBuilder', {
  aliases: ['java.lang.StringBuffer'],
  implements: ['java.lang.CharSequence'],
  ctors: [[], [{ name: 'capacity', type: 'int' }], [{ name: 'str', type: 'String' }]],
})
export class JavaStringBuilder {
  private text: string;
  constructor(init?: string | number) {
    this.text = typeof init === 'string' ? init : '';
  }
  @Expose('Object') append(v: unknown): this {
    this.text += toJavaString(v);
    return this;
  }
  @Expose('int', 'Object') insert(offset: number, v: unknown): this {
    this.checkIndex(offset, this.text.length);
    this.text = this.text.slice(0, offset) + toJavaString(v) + this.text.slice(offset);
    return this;
  }
  @Expose('int', 'int') delete(start: number, end: number): this {
    this.checkIndex(start, this.text.length);
    if (start > end) throw new RangeError(`Cannot delete from ${start} to ${end}: start is after end (StringIndexOutOfBoundsException)`);
    this.text = this.text.slice(0, start) + this.text.slice(Math.min(end, this.text.length));
    return this;
  }
  @Expose('int') deleteCharAt(index: number): this {
    this.checkIndex(index, this.text.length - 1);
    return this.delete(index, index + 1);
  }
  @Expose() reverse(): this {
    this.text = [...this.text].reverse().join('');
    return this;
  }
  @Expose('int') setLength(n: number): void {
    if (n < 0) throw new RangeError(`Cannot set the length to ${n}: it is negative (StringIndexOutOfBoundsException)`);
    this.text = n <= this.text.length ? this.text.slice(0, n) : this.text.padEnd(n, '\0');
  }
  @Expose() length(): number {
    return this.text.length;
  }
  @Expose('int') charAt(index: number): string {
    this.checkIndex(index, this.text.length - 1);
    return this.text.charAt(index);
  }
  @Expose('String') indexOf(s: string): number {
    return this.text.indexOf(s);
  }
  toString(): string {
    return this.text;
  }
  private checkIndex(i: number, max: number): void {
    if (i < 0 || i > max) throw new RangeError(`Cannot use index ${i}: the length is ${this.text.length} (StringIndexOutOfBoundsException)`);
  }
}
