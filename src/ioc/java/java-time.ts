/**
 * Shims for java.util.TimeZone and java.util.concurrent.TimeUnit, as Jetty's request-log and rate-limit XML use them.
 * @module
 */
import { Expose, JettyClass } from '../metadata';

/** java.util.TimeZone: an IANA or `GMT`/`UTC`/`GMT+hh:mm` id (validated through Intl; unknown ids become GMT, as in Java). */
@JettyClass('java.util.TimeZone', { ctors: [] })
export class JavaTimeZone {
  private constructor(private readonly id: string) {}
  @Expose('String') static getTimeZone(id: string): JavaTimeZone {
    if (/^(GMT|UTC)([+-]\d{1,2}(:?\d{2})?)?$/.test(id)) return new JavaTimeZone(id);
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: id });
      return new JavaTimeZone(id);
    } catch {
      return new JavaTimeZone('GMT');
    }
  }
  @Expose() getID(): string {
    return this.id;
  }
  toString(): string {
    return this.id;
  }
}

const UNIT_MS: Record<string, number> = {
  NANOSECONDS: 1e-6,
  MICROSECONDS: 1e-3,
  MILLISECONDS: 1,
  SECONDS: 1000,
  MINUTES: 60000,
  HOURS: 3600000,
  DAYS: 86400000,
};

/** java.util.concurrent.TimeUnit: `valueOf("SECONDS")` and the `toMillis`/`toSeconds` conversions. */
@JettyClass('java.util.concurrent.TimeUnit', { ctors: [] })
export class JavaTimeUnit {
  private constructor(readonly name: string) {}
  @Expose() toString(): string {
    return this.name;
  }
  @Expose('long') toMillis(d: number): number {
    return Math.trunc(d * UNIT_MS[this.name]);
  }
  @Expose('long') toSeconds(d: number): number {
    return Math.trunc((d * UNIT_MS[this.name]) / 1000);
  }
}
Object.defineProperty(JavaTimeUnit, 'valueOf', {
  configurable: true,
  writable: true,
  value: (name: string): JavaTimeUnit => {
    if (!(name in UNIT_MS)) throw new RangeError(`Cannot convert '${name}' to TimeUnit: expected one of ${Object.keys(UNIT_MS).join(', ')}`);
    return new (JavaTimeUnit as unknown as new (n: string) => JavaTimeUnit)(name);
  },
});
Expose('String')(JavaTimeUnit as object, 'valueOf', Object.getOwnPropertyDescriptor(JavaTimeUnit, 'valueOf') as PropertyDescriptor);
