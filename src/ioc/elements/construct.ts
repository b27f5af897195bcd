/**
 * Constructor selection shared by `<New>` and `<Configure class>`: abstract classes refused, value classes via VALUE_OF.
 * @module
 */
import { XmlElement } from '../../xml';
import { Interpreter } from '../interpreter';
import { Val, VALUE_OF } from '../java-value';
import { ArgVal, Executable, className, constructorExecutables } from '../invoker';
import { getClassSpec } from '../metadata';

type InvokeBest = (cx: Interpreter, el: XmlElement, c: Executable[], a: ArgVal[], what: string) => Val;

/** Builds an instance of `cls` from evaluated arguments, choosing among its declared constructors. */
export function constructObject(cx: Interpreter, el: XmlElement, cls: Function, args: ArgVal[], invokeBest: InvokeBest): Val {
  const spec = getClassSpec(cls);
  if (spec?.abstract && spec.target === cls) {
    throw cx.error(el, `Cannot create ${className(cls)}: it is an interface or abstract class`);
  }
  const factory = (cls as unknown as Record<symbol, ((...a: unknown[]) => Val) | undefined>)[VALUE_OF];
  let jtypeOut: Val['jtype'];
  const create = (a: unknown[]): unknown => {
    if (factory) {
      const r = factory.apply(cls, a);
      jtypeOut = r.jtype;
      return r.value;
    }
    return new (cls as new (...x: unknown[]) => unknown)(...a);
  };
  const r = invokeBest(cx, el, constructorExecutables(cls, create), args, `construct ${className(cls)}`);
  return jtypeOut ? { value: r.value, jtype: jtypeOut } : r;
}
