/**
 * The session console's realm check (org.pier.console.PierConsoleRealm): etc/pier-console.xml passes
 * `pier.console.realm` through it before the console's HashLoginService gets it, so that a console
 * without a realm fails while its XML is applied, with a message that names the property, the module
 * that declares it and how to set it, instead of a login service's generic complaint at start.
 * @module
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Expose, JettyClass } from '../ioc/metadata';
import { ConsoleConfigError } from './errors';

/** The property etc/pier-console.xml reads the realm file from. */
export const CONSOLE_REALM_PROPERTY = 'pier.console.realm';

/** Where the property is declared, for the messages. */
const DECLARED = `property '${CONSOLE_REALM_PROPERTY}' (module pier-console, modules/pier-console.mod)`;
/** The lines a realm file holds. */
const REALM_LINES = '"user: password,role" lines (the role of pier.console.role, pier-admin by default)';
/** Where an operator sets the property. */
const WHERE_TO_SET = 'in start.d/pier-console.ini (bin/start --add-to-start=pier-console writes one), start.ini or on the command line';

@JettyClass('org.pier.console.PierConsoleRealm')
export class PierConsoleRealm {
  /**
   * The realm file the console's login service reads, unchanged: a path or a `file:` URL that names a
   * readable file. An unset property or a file that cannot be read throws: the console never runs
   * without a login.
   */
  @Expose('String') static check(realm: string | null): string {
    if (realm === null || realm.trim() === '') {
      throw new ConsoleConfigError(
        `Cannot protect the session console: ${DECLARED} is not set: set it to a realm file of ${REALM_LINES} ${WHERE_TO_SET}`,
      );
    }
    let file = realm;
    try {
      if (realm.startsWith('file:')) file = fileURLToPath(realm);
      fs.accessSync(file, fs.constants.R_OK);
      if (!fs.statSync(file).isFile()) throw new Error('it is a folder');
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (err as Error).message;
      throw new ConsoleConfigError(
        `Cannot protect the session console: the realm file '${file}' of ${DECLARED} cannot be read: ${why}: create it with ${REALM_LINES}, or set the property ${WHERE_TO_SET}`,
      );
    }
    return realm;
  }
}
