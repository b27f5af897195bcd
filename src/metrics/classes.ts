/**
 * The classes of the metrics module that XML may name: the MetricsConnector etc/pier-metrics.xml adds to
 * the Server. Importing this module declares them (their `@JettyClass` decorators run); the launcher
 * loads it through src/start/class-loader.ts, and test/start/class-loader.test.ts checks the list.
 * @module
 */
import './metrics-connector';
