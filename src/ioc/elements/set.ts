/**
 * `<Set name="x" [type] [class] [id] [property]>value</Set>`: calls a setter or assigns a public field.
 * @module
 */
import { XmlElement, getAttribute, findAttribute } from '../../xml';
import { ElementHandler, Interpreter } from '../interpreter';
import { NULL, Val, val } from '../java-value';
import { classOf, className, fieldNamed, methodsNamed, setProperty } from '../invoker';
import { resolveClass } from './support';

/**
 * Jetty 9.4 semantics plus the 10.x `id` (registers the value set) and `property` (a guard: an unset
 * property makes the Set a no-op; with no content the property's value is used).
 */
export const setHandler: ElementHandler = {
  statement: true,
  value: false,
  evaluate(el: XmlElement, scope: unknown, cx: Interpreter): Val {
    const name = getAttribute(el, 'name');
    if (name === undefined) throw cx.error(el, "Cannot set a property: attribute 'name' is required");
    const clsName = getAttribute(el, 'class');
    const isStatic = clsName !== undefined;
    const cls = isStatic ? resolveClass(cx, el, clsName, findAttribute(el, 'class')!.location) : classOf(scope);
    const property = getAttribute(el, 'property');
    let v: Val;
    if (property !== undefined) {
      const pv = cx.properties.get(property);
      if (pv === undefined) {
        if (cls) {
          const setter = `set${name.charAt(0).toUpperCase()}${name.slice(1)}`;
          if (methodsNamed(cls, setter, isStatic).length === 0 && !fieldNamed(cls, name, isStatic)) {
            throw cx.error(el, `Cannot set '${name}' on ${className(cls)}: no method '${setter}' and no field '${name}'`);
          }
        }
        return NULL;
      }
      v = el.children.length === 0 ? val(pv) : cx.value(el, scope);
    } else {
      v = cx.value(el, scope);
    }
    if (!cls) throw cx.error(el, `Cannot set '${name}': there is no object in scope (null)`);
    try {
      const out = setProperty(cls, isStatic ? cls : scope, isStatic, name, v, cx.registry);
      if (out.deprecated !== undefined) cx.warn(el, `Deprecated ${className(cls)}.${out.via}: ${out.deprecated}`);
      cx.registerId(getAttribute(el, 'id'), out.value);
      return val(out.value);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      if (e instanceof TypeError || e instanceof RangeError) throw cx.valueError(el, `Cannot set '${name}' on ${className(cls)}: ${detail}`, e);
      throw e;
    }
  },
};
