/**
 * A small base for Java enums that Jetty XML reaches with `<Call class="..." name="valueOf">`.
 * @module
 */

/** One constant of a Java-style enum. */
export class JavaEnum {
  constructor(
    private readonly _name: string,
    private readonly _ordinal: number,
  ) {}
  name(): string {
    return this._name;
  }
  ordinal(): number {
    return this._ordinal;
  }
  toString(): string {
    return this._name;
  }
}

/** Finds a constant by name, or throws a message listing the valid names. */
export function enumValueOf<T extends JavaEnum>(enumName: string, values: readonly T[], name: string): T {
  const found = values.find((v) => v.name() === String(name).trim());
  if (!found) {
    throw new RangeError(`Cannot find ${enumName} '${name}': expected one of ${values.map((v) => v.name()).join(', ')}`);
  }
  return found;
}
