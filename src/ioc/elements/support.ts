/**
 * Helpers shared by element handlers: class lookup with located errors, argument evaluation, deprecation warnings.
 * @module
 */
import { SourceLocation } from '../../util/errors';
import { XmlElement } from '../../xml';
import { Interpreter, Field } from '../interpreter';
import { ArgVal, Executable, InvocationTargetError, describeSignatures, invoke, selectExecutable } from '../invoker';
import { UnknownClassError } from '../errors';
import { OptionalBackendError } from '../optional-backends';
import { Val } from '../java-value';

/** Resolves a class name from the registry; an unknown name becomes a located error with suggestions. */
export function resolveClass(cx: Interpreter, el: XmlElement, name: string, location: SourceLocation): Function {
  try {
    return cx.registry.resolve(name);
  } catch (e) {
    if (e instanceof UnknownClassError || e instanceof OptionalBackendError) throw cx.error(el, e.message, e, location);
    throw e;
  }
}

/** The class named by a `class` field (attribute or element), resolved; undefined when absent. */
export function classField(cx: Interpreter, el: XmlElement, f: Field | undefined, scope: unknown): Function | undefined {
  const name = cx.fieldString(f, scope);
  if (name === undefined || !f) return undefined;
  return resolveClass(cx, el, name, f.location);
}

export { evaluateArgs } from './arg';

/** Picks and invokes the best executable, or throws a located "no match" error listing candidates. */
export function invokeBest(cx: Interpreter, el: XmlElement, candidates: Executable[], args: ArgVal[], what: string, hidden?: string): Val {
  const chosen = selectExecutable(candidates, args, cx.registry);
  if (!chosen) {
    const given = args.map((a) => `${a.name ? `${a.name}=` : ''}${describeArg(a.v)}`).join(', ');
    throw cx.error(
      el,
      `Cannot ${what}(${given}): ${
        candidates.length === 0
          ? (hidden ?? 'no such method or constructor is exposed')
          : `no overload accepts these arguments. Found ${describeSignatures(candidates)}`
      }`,
    );
  }
  if (chosen.exec.deprecated !== undefined) cx.warn(el, `Deprecated ${chosen.exec.name}: ${chosen.exec.deprecated}`);
  try {
    const value = invoke(chosen.exec, chosen.args);
    return chosen.exec.returns !== undefined && value !== null && value !== undefined ? { value, jtype: chosen.exec.returns } : { value };
  } catch (e) {
    if (e instanceof InvocationTargetError) throw cx.error(el, e.describe(what), e.cause);
    throw e;
  }
}

function describeArg(v: Val): string {
  if (v.value === null || v.value === undefined) return 'null';
  if (typeof v.value === 'string' && v.jtype === undefined) return `String '${v.value}'`;
  return v.jtype ?? (typeof v.value === 'object' ? ((v.value as object).constructor?.name ?? 'Object') : typeof v.value);
}
