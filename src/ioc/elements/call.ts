/**
 * `<Call name="m" [class] [id] [arg]>Arg* statements</Call>`: invokes a method (static with `class`).
 * @module
 */
import { XmlElement } from '../../xml';
import { ElementHandler, Interpreter, javaTrim } from '../interpreter';
import { Val, describeType, val } from '../java-value';
import { getClassSpec } from '../metadata';
import { classOf, className, jdkMethodNames, methodExecutables } from '../invoker';
import { classField, evaluateArgs, invokeBest } from './support';

/** Overloads are ordered by Jetty's comparator; arguments are matched by Java's reflective rules (no string parsing). */
export const callHandler: ElementHandler = {
  statement: true,
  value: true,
  evaluate(el: XmlElement, scope: unknown, cx: Interpreter): Val {
    const f = cx.fields(el, ['id', 'name', 'class'], ['arg']);
    const staticCls = classField(cx, el, f.get('class'), scope);
    const name = cx.fieldString(f.get('name'), scope);
    if (name === undefined) throw cx.error(el, "Cannot call a method: attribute 'name' is required");
    if (javaTrim(name) === '') throw cx.error(el, 'Cannot call a method: the method name is blank');
    const argScope = staticCls ? null : scope;
    const args = evaluateArgs(cx, f.list('arg'), argScope);
    let result: Val;
    if (staticCls) {
      const execs = methodExecutables(staticCls, staticCls, name, true);
      const jsMethod = typeof (staticCls as unknown as Record<string, unknown>)[name] === 'function';
      result = invokeBest(
        cx,
        el,
        execs,
        args,
        `call static ${className(staticCls)}.${name}`,
        jsMethod ? `the static method exists but is not exposed to XML (it needs @Expose on ${className(staticCls)})` : undefined,
      );
    } else {
      const cls = classOf(scope);
      if (!cls) throw cx.error(el, `Cannot call '${name}': there is no object in scope (null)`);
      const execs = methodExecutables(cls, scope, name, false);
      const declaresAny = getClassSpec(cls) !== undefined;
      const jsMethod = declaresAny && typeof (scope as Record<string, unknown>)[name] === 'function';
      result = invokeBest(
        cx,
        el,
        execs,
        args,
        `call ${className(cls)}.${name}`,
        jsMethod
          ? `the method exists but is not exposed to XML (it needs @Expose on ${className(cls)})`
          : declaresAny
            ? undefined
            : `${describeType(val(scope))} has no such method in Pier (its Java methods here are ${jdkMethodNames(scope)})`,
      );
    }
    if (result.value instanceof Promise) {
      result.value.catch(() => undefined);
      throw cx.error(el, `Cannot call '${name}': it is asynchronous (returns a Promise), which XML configuration cannot wait for`);
    }
    const value = result.value === undefined ? null : result.value;
    cx.registerId(cx.fieldString(f.get('id'), scope), value);
    cx.statements(el, value, f.next);
    return val(value);
  },
};
