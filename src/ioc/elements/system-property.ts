/**
 * `<SystemProperty name="p" [deprecated] [default] [id]/>`: a process-wide system property (SystemProperties).
 * @module
 */
import { ElementHandler } from '../interpreter';
import { SystemProperties } from '../system-properties';
import { lookupProperty } from './property-lookup';

/** Reads SystemProperties (filled by `bin/start -Dx=y`, seeded with user.dir, java.io.tmpdir...). */
export const systemPropertyHandler: ElementHandler = {
  statement: true,
  value: true,
  evaluate: (el, scope, cx) => lookupProperty(el, scope, cx, 'SystemProperty', (n) => SystemProperties.get(n), false),
};
