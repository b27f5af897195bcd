/**
 * The session console (module `pier-console`): its servlet, declared in etc/pier-console/WEB-INF/web.xml,
 * and the SessionConsole behind it.
 * @module
 */
export { PierConsoleServlet, CONSOLE_SERVER_ATTRIBUTE, PAGE_SIZE } from './pier-console-servlet';
export { ConsoleConfigError } from './errors';
export { PierConsoleRealm, CONSOLE_REALM_PROPERTY } from './pier-console-realm';
export { SessionConsole, type ConsoleContext, type ConsolePage, type ConsoleSessionRow } from './session-console';
