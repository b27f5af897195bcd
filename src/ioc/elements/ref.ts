/**
 * `<Ref refid="x">statements</Ref>` (also `id=` / `<Id>`): continues configuring an object from the id map.
 * @module
 */
import { XmlElement, getAttribute, findAttribute } from '../../xml';
import { ElementHandler, Interpreter } from '../interpreter';
import { Val, val } from '../java-value';

/**
 * `refid` first, then `id` (9.4 order). A missing id is an error when the Ref has a body; an empty
 * Ref with a missing id evaluates to null (as in Jetty).
 */
export const refHandler: ElementHandler = {
  statement: true,
  value: true,
  evaluate(el: XmlElement, scope: unknown, cx: Interpreter): Val {
    const f = cx.fields(el, ['id']);
    const refid = getAttribute(el, 'refid') ?? cx.fieldString(f.get('id'), scope);
    if (refid === undefined) throw cx.error(el, "Cannot resolve <Ref>: attribute 'refid' is required");
    const hasBody = el.children.some((c) => !(c.kind === 'element' && c.name === 'Id'));
    if (!cx.idMap.has(refid)) {
      if (hasBody) {
        const known = [...cx.idMap.keys()].sort();
        throw cx.error(
          el,
          `Cannot find object for refid '${refid}': no such id (known ids: ${known.length > 0 ? known.join(', ') : 'none'})`,
          undefined,
          findAttribute(el, 'refid')?.location ?? el.location,
        );
      }
      return val(null);
    }
    const obj = cx.idMap.get(refid);
    cx.statements(el, obj, f.next);
    return val(obj);
  },
};
