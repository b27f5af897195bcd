/**
 * `<Get name="x" [class] [id]>statements</Get>`: reads a getter (getX, then isX) or a public field.
 * @module
 */
import { XmlElement } from '../../xml';
import { ElementHandler, Interpreter } from '../interpreter';
import { Val, val } from '../java-value';
import { classOf, className, fieldNamed, methodExecutables } from '../invoker';
import { classField, invokeBest } from './support';

/**
 * Jetty 10.x semantics (a superset of 9.4): `getX()`, then `isX()`, then the field; `name="class"`
 * yields the class; the id is registered on every path; `Id`/`Name`/`Class` may be elements.
 */
export const getHandler: ElementHandler = {
  statement: true,
  value: true,
  evaluate(el: XmlElement, scope: unknown, cx: Interpreter): Val {
    const f = cx.fields(el, ['id', 'name', 'class']);
    const name = cx.fieldString(f.get('name'), scope);
    if (name === undefined) throw cx.error(el, "Cannot get a property: attribute 'name' is required");
    const staticCls = classField(cx, el, f.get('class'), scope);
    const cls = staticCls ?? classOf(scope);
    if (!cls) throw cx.error(el, `Cannot get '${name}': there is no object in scope (null)`);
    const target = staticCls ? staticCls : scope;
    const isStatic = staticCls !== undefined;
    let result: Val | undefined;
    if (name.toLowerCase() === 'class') result = val(cls);
    const cap = name.charAt(0).toUpperCase() + name.slice(1);
    for (const prefix of ['get', 'is']) {
      if (result) break;
      const execs = methodExecutables(cls, target, `${prefix}${cap}`, isStatic).filter((e) => e.params.length === 0);
      if (execs.length > 0) result = invokeBest(cx, el, execs, [], `call ${className(cls)}.${prefix}${cap}`);
    }
    if (!result) {
      const field = fieldNamed(cls, name, isStatic) ?? (isStatic ? undefined : fieldNamed(cls, name, true));
      if (field) result = val(((field.isStatic ? cls : target) as Record<string, unknown>)[field.name]);
    }
    if (!result) {
      throw cx.error(
        el,
        `Cannot get '${name}' from ${className(cls)}: no ${isStatic ? 'static ' : ''}method get${cap}() or is${cap}() and no public field '${name}'`,
      );
    }
    cx.registerId(cx.fieldString(f.get('id'), scope), result.value);
    cx.statements(el, result.value, f.next);
    return result;
  },
};
