/**
 * Pier: a servlet-style web container for Node.js, configured and run the way Eclipse Jetty is.
 * Every implemented Jetty class is exported by its simple name; importing this module also registers
 * them all in the default ClassRegistry, so XML can reach them.
 * @module
 */
import 'reflect-metadata';
import { loadJettyClasses } from './start/class-loader';

// Errors and the lifecycle every component follows
export * from './util/errors';
export * from './util/component/life-cycle';
export * from './util/component/abstract-life-cycle';
export * from './util/component/container';
export * from './util/component/container-life-cycle';
// Logging with Jetty's logger names and jetty-logging.properties
export * from './util/log';
// Jetty XML: syntax (located element tree) and semantics (XmlConfiguration, ClassRegistry)
export * from './xml';
export * from './ioc';
// The servlet API, the server with its connectors and handlers, and jetty-servlet
export * from './server';
export * from './servlet-api';
export * from './servlet';
// Sessions (Jetty 9.4), the file store, and the legacy HashSessionManager (Jetty 9.3)
export * from './session';
export * from './session/stores/file';
export * from './session/legacy';
// Web apps, the deployer, dev mode, and the launcher
export * from './webapp';
export * from './deploy';
export * from './deploy/dev';
export * as start from './start';

// Every area's registration module, from the launcher's one list (CLASS_AREAS): importing the exports above
// declares their classes, and these also declare the optional backends (the JDBC, memcached and Redis stores,
// loaded only when XML names one of their classes), so XML applied from code reaches what bin/start reaches.
loadJettyClasses();
