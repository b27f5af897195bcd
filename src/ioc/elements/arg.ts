/**
 * `<Arg [type] [name]>value</Arg>`: evaluates the arguments of `Call`, `New` and `Configure`.
 * @module
 */
import { XmlElement, getAttribute } from '../../xml';
import { Interpreter } from '../interpreter';
import { ArgVal } from '../invoker';

/**
 * Evaluates Arg elements (or CSV `arg=` items) in the given scope, left to right and once, into
 * positional or named (`name=`) argument values. Arg is never a statement: an Arg after a statement
 * is an error reported by the statement loop.
 */
export function evaluateArgs(cx: Interpreter, args: XmlElement[], scope: unknown): ArgVal[] {
  return args.map((a) => cx.within(a, () => ({ v: cx.value(a, scope), name: getAttribute(a, 'name') })));
}
