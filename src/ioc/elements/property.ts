/**
 * `<Property name="p" [deprecated] [default] [id]/>`: a configuration property of this XmlConfiguration.
 * @module
 */
import { ElementHandler } from '../interpreter';
import { lookupProperty } from './property-lookup';

/** Reads the XmlConfiguration's properties map (exact, case-sensitive keys). */
export const propertyHandler: ElementHandler = {
  statement: true,
  value: true,
  evaluate: (el, scope, cx) => lookupProperty(el, scope, cx, 'Property', (n) => cx.properties.get(n), false),
};
