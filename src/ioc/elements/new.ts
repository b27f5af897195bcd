/**
 * `<New class="C" [id] [arg]>Arg* statements</New>`: constructs an object and configures it.
 * @module
 */
import { XmlElement } from '../../xml';
import { ElementHandler, Interpreter } from '../interpreter';
import { Val } from '../java-value';
import { classField, evaluateArgs, invokeBest } from './support';
import { constructObject } from './construct';

/** Args are evaluated in the enclosing scope; the id is registered before nested statements run. */
export const newHandler: ElementHandler = {
  statement: true,
  value: true,
  evaluate(el: XmlElement, scope: unknown, cx: Interpreter): Val {
    const f = cx.fields(el, ['id', 'class', 'name'], ['arg']);
    const cls = classField(cx, el, f.get('class'), scope);
    if (!cls) throw cx.error(el, "Cannot create an object: attribute 'class' is required");
    const args = evaluateArgs(cx, f.list('arg'), scope);
    const obj = constructObject(cx, el, cls, args, invokeBest);
    cx.registerId(cx.fieldString(f.get('id'), scope), obj.value);
    cx.initializeDefaults(obj.value);
    cx.statements(el, obj.value, f.next);
    return obj;
  },
};
