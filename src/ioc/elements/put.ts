/**
 * `<Put name="key" [type]>value</Put>`: puts an entry into the Map in scope.
 * @module
 */
import { XmlElement, getAttribute } from '../../xml';
import { ElementHandler, Interpreter } from '../interpreter';
import { NULL, Val, describeType } from '../java-value';

/** The scope must be a JS Map (java.util.Map shims, Properties and test maps all are). */
export const putHandler: ElementHandler = {
  statement: true,
  value: false,
  evaluate(el: XmlElement, scope: unknown, cx: Interpreter): Val {
    const name = getAttribute(el, 'name');
    if (name === undefined) throw cx.error(el, "Cannot put an entry: attribute 'name' is required");
    if (!(scope instanceof Map)) {
      throw cx.error(el, `Cannot put '${name}': the object in scope is not a Map (it is ${describeType({ value: scope })})`);
    }
    const v = cx.value(el, scope);
    scope.set(name, v.value);
    return NULL;
  },
};
