/**
 * The classes of the session console that XML may name: the realm check etc/pier-console.xml applies to
 * `pier.console.realm`. Importing this module declares them (their `@JettyClass` decorators run); the
 * launcher loads it through src/start/class-loader.ts, and test/start/class-loader.test.ts checks the list.
 * @module
 */
import './pier-console-realm';
