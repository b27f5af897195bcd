/**
 * `<Map [id] [class]><Entry><Item>k</Item><Item>v</Item></Entry>*</Map>`: builds a JS Map (java.util.HashMap).
 * @module
 */
import { XmlElement, getAttribute } from '../../xml';
import { ElementHandler, Interpreter } from '../interpreter';
import { Val, val } from '../java-value';
import { JavaHashMap } from '../java/java-util';
import { classField } from './support';

/** The id is registered before the entries are filled; an Entry needs two Items (the last one is the value). */
export const mapHandler: ElementHandler = {
  statement: true,
  value: true,
  evaluate(el: XmlElement, scope: unknown, cx: Interpreter): Val {
    const f = cx.fields(el, ['id', 'class']);
    const cls = classField(cx, el, f.get('class'), scope);
    const map = cls ? new (cls as new () => Map<unknown, unknown>)() : new JavaHashMap();
    if (!(map instanceof Map)) throw cx.error(el, 'Cannot create the map: the class is not a Map');
    cx.registerId(cx.fieldString(f.get('id'), scope), map);
    for (let i = f.next; i < el.children.length; i++) {
      const entry = el.children[i];
      if (entry.kind !== 'element') continue;
      cx.within(entry, () => {
        if (entry.name !== 'Entry') throw cx.error(entry, `Cannot use <${entry.name}> inside <Map>: only <Entry> elements are allowed`);
        const items = entry.children.filter((c): c is XmlElement => c.kind === 'element');
        for (const it of items) if (it.name !== 'Item') throw cx.error(it, `Cannot use <${it.name}> in <Entry>: not an Item`);
        if (items.length < 2) throw cx.error(entry, 'Cannot build map entry: missing Item in Entry (a key and a value are needed)');
        let key: unknown = null;
        let value: unknown = null;
        items.forEach((it, idx) =>
          cx.within(it, () => {
            const v = cx.value(it, scope).value;
            cx.registerId(getAttribute(it, 'id'), v);
            if (idx === 0) key = v;
            else value = v;
          }),
        );
        map.set(key, value);
      });
    }
    return val(map);
  },
};
