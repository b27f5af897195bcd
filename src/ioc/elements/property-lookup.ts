/**
 * The shared algorithm of `<Property>`, `<SystemProperty>` and `<Env>`: name, deprecated names, default, id.
 * @module
 */
import { XmlElement } from '../../xml';
import { Interpreter } from '../interpreter';
import { Val, toJavaString, val } from '../java-value';

/**
 * Evaluates every field eagerly (as Jetty does), then: the value of `name`; else the first set
 * deprecated name (with a warning); else the default (which may be null). Registers `id`.
 */
export function lookupProperty(
  el: XmlElement,
  scope: unknown,
  cx: Interpreter,
  kind: string,
  source: (name: string) => string | undefined,
  deprecatedOnlyIfUnset: boolean,
): Val {
  const f = cx.fields(el, ['id', 'name', 'default'], ['deprecated']);
  const name = cx.fieldString(f.get('name'), scope);
  if (name === undefined) throw cx.error(el, `Cannot read <${kind}>: it must have attribute 'name' or element <Name>`);
  const deprecated = f
    .list('deprecated')
    .map((d) => cx.within(d, () => cx.value(d, scope)))
    .map((v) => (v.value === null ? undefined : toJavaString(v)))
    .filter((x): x is string => x !== undefined);
  const defField = f.get('default');
  let def: string | null = null;
  if (defField?.attr !== undefined) def = defField.attr;
  else if (defField?.element) {
    const dv = cx.within(defField.element, () => cx.value(defField.element as XmlElement, scope));
    def = dv.value === null || dv.value === undefined ? null : toJavaString(dv);
  }
  let value = source(name);
  if (value === undefined || !deprecatedOnlyIfUnset) {
    let fromDeprecated: string | undefined;
    for (const d of deprecated) {
      const w = source(d);
      if (w === undefined) continue;
      cx.warn(
        el,
        value === undefined ? `${kind} '${d}' is deprecated, use '${name}' instead` : `${kind} '${d}' is deprecated, value from '${name}' used`,
      );
      fromDeprecated ??= w;
      if (deprecatedOnlyIfUnset) break;
    }
    value ??= fromDeprecated;
  }
  const result = value ?? def;
  cx.registerId(cx.fieldString(f.get('id'), scope), result);
  for (let i = f.next; i < el.children.length; i++) {
    const c = el.children[i];
    if (c.kind === 'element') throw cx.error(c, `Cannot use <${c.name}> inside <${kind}>: only Id, Name, Deprecated and Default are allowed`);
  }
  return val(result);
}
