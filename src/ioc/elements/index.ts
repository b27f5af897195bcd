/**
 * The tag → handler table of the interpreter (adding a tag is adding a file and a row here).
 * @module
 */
import { ElementHandler } from '../interpreter';
import { setHandler } from './set';
import { getHandler } from './get';
import { putHandler } from './put';
import { callHandler } from './call';
import { newHandler } from './new';
import { refHandler } from './ref';
import { arrayHandler } from './array';
import { mapHandler } from './map';
import { propertyHandler } from './property';
import { systemPropertyHandler } from './system-property';
import { envHandler } from './env';

/** Every element XML may use as a statement or a value. `Arg`, `Item`, `Entry` and the field elements are read by their parents. */
export const ELEMENT_HANDLERS: ReadonlyMap<string, ElementHandler> = new Map<string, ElementHandler>([
  ['Set', setHandler],
  ['Get', getHandler],
  ['Put', putHandler],
  ['Call', callHandler],
  ['New', newHandler],
  ['Ref', refHandler],
  ['Array', arrayHandler],
  ['Map', mapHandler],
  ['Property', propertyHandler],
  ['SystemProperty', systemPropertyHandler],
  ['Env', envHandler],
]);
