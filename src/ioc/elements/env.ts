/**
 * `<Env name="VAR" [deprecated] [default] [id]/>`: an environment variable.
 * @module
 */
import { ElementHandler } from '../interpreter';
import { lookupProperty } from './property-lookup';

/** Deprecated names are consulted only when the variable is unset; the first one set wins. */
export const envHandler: ElementHandler = {
  statement: true,
  value: true,
  evaluate: (el, scope, cx) => lookupProperty(el, scope, cx, 'Env', (n) => process.env[n], true),
};
