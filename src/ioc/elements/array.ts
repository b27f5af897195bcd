/**
 * `<Array [type] [id] [item]>Item*</Array>`: builds a typed Java array (a JS array tagged with its element type).
 * @module
 */
import { XmlElement, getAttribute } from '../../xml';
import { ElementHandler, Interpreter } from '../interpreter';
import { Val, makeJavaArray, val } from '../java-value';
import { convertReflective, isPrimitive, normaliseType, primitiveTypeName } from '../coercion';
import { resolveClass } from './support';

const PRIMITIVES: Record<string, string> = {
  Integer: 'int',
  Long: 'long',
  Short: 'short',
  Byte: 'byte',
  Double: 'double',
  Float: 'float',
  Character: 'char',
  Boolean: 'boolean',
};

/** Resolves an array element type name: primitives, boxed, String, URL, InetAddress, or a registered class/interface. */
function arrayElementType(cx: Interpreter, el: XmlElement, type: string | undefined, location = el.location): string {
  if (type === undefined) return 'Object';
  const p = primitiveTypeName(type);
  if (p) return /^[a-z]/.test(type) ? PRIMITIVES[p] : p;
  if (type.toLowerCase() === 'string' || type === 'java.lang.String') return 'String';
  const n = normaliseType(type);
  if (n !== type || ['URL', 'URI', 'InetAddress', 'Object', 'File', 'Path', 'Map', 'List', 'Set'].includes(type)) return n;
  if (cx.registry.isKnownType(type)) return type;
  resolveClass(cx, el, type, location);
  return type;
}

/** Items are not converted to the element type (use `<Item type>`), exactly as in Jetty; null in a primitive array is 0. */
export const arrayHandler: ElementHandler = {
  statement: true,
  value: true,
  evaluate(el: XmlElement, scope: unknown, cx: Interpreter): Val {
    const f = cx.fields(el, ['id', 'type'], ['item']);
    const typeField = f.get('type');
    const elemType = arrayElementType(cx, el, cx.fieldString(typeField, scope), typeField?.location);
    const items: unknown[] = [];
    for (const item of f.list('item')) {
      cx.within(item, () => {
        const v = cx.value(item, scope);
        cx.registerId(getAttribute(item, 'id'), v.value);
        if (isPrimitive(elemType) && (v.value === null || v.value === undefined)) {
          if (elemType === 'boolean') throw cx.error(item, 'Cannot store null in a boolean[] array: argument type mismatch');
          items.push(0);
          return;
        }
        const c = convertReflective(elemType, v, cx.registry);
        if (!c.ok) {
          throw cx.error(item, `Cannot store the item in an array of ${elemType}: argument type mismatch (give the <Item> a type="${elemType}")`);
        }
        items.push(c.value);
      });
    }
    for (let i = f.next; i < el.children.length; i++) {
      const c = el.children[i];
      if (c.kind === 'element') throw cx.error(c, `Cannot use <${c.name}> inside <Array>: only <Item> elements are allowed`);
    }
    const arr = makeJavaArray(elemType, items);
    cx.registerId(cx.fieldString(f.get('id'), scope), arr);
    return val(arr);
  },
};
