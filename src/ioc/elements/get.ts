/**
 * `<Get name="x" [class] [id]>statements</Get>`: reads a getter (getX, then isX) or a public field.
 * @module
 */
import { XmlElement } from '../../xml';
import { ElementHandler, Interpreter } from '../interpreter';
import { Val, val } from '../java-value';
import { Executable, classOf, className, fieldNamed, methodExecutables } from '../invoker';
import { classField, invokeBest } from './support';

/**
 * As the file's Jetty version does it (./xml-dialect). Both: `name="class"` yields the class, then
 * `getX()`, then the public field; `Id`/`Name`/`Class` may be elements. Jetty 10 also tries `isX()`
 * before the field and registers the id on every path; Jetty 9.4 tries no `isX()` and registers the id
 * only when a getter (or `class`) answered, not when the field did.
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
    const jetty10 = cx.dialect === '10';
    let result: Val | undefined;
    let fromField = false;
    if (name.toLowerCase() === 'class') result = val(cls);
    const cap = name.charAt(0).toUpperCase() + name.slice(1);
    for (const prefix of jetty10 ? ['get', 'is'] : ['get']) {
      if (result) break;
      // Java's getMethod finds a static getter too, and invoking it on an instance works (Log.getRootLogger)
      const getter = (statics: boolean): Executable[] =>
        methodExecutables(cls, statics ? cls : target, `${prefix}${cap}`, statics).filter((e) => e.params.length === 0);
      let execs = getter(isStatic);
      if (execs.length === 0 && !isStatic) execs = getter(true);
      if (execs.length > 0) result = invokeBest(cx, el, execs, [], `call ${className(cls)}.${prefix}${cap}`);
    }
    if (!result) {
      const field = fieldNamed(cls, name, isStatic) ?? (isStatic ? undefined : fieldNamed(cls, name, true));
      if (field) {
        result = val(((field.isStatic ? cls : target) as Record<string, unknown>)[field.name]);
        fromField = true;
      }
    }
    if (!result) {
      const is = methodExecutables(cls, target, `is${cap}`, isStatic).some((e) => e.params.length === 0);
      throw cx.error(
        el,
        jetty10 || !is
          ? `Cannot get '${name}' from ${className(cls)}: no ${isStatic ? 'static ' : ''}method get${cap}() or is${cap}() and no public field '${name}'`
          : `Cannot get '${name}' from ${className(cls)}: no ${isStatic ? 'static ' : ''}method get${cap}() and no public field '${name}'; ` +
              `the DOCTYPE names a Jetty 9 DTD, and Jetty 9.4 does not try is${cap}() (Jetty 10 does: declare configure_10_0.dtd, or use <Call name="is${cap}"/>)`,
      );
    }
    if (jetty10 || !fromField) cx.registerId(cx.fieldString(f.get('id'), scope), result.value);
    cx.statements(el, result.value, f.next);
    return result;
  },
};
