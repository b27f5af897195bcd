/**
 * The java.* shims XML can name (importing this module registers them with @JettyClass).
 * @module
 */
export * from './java-io-net';
export * from './java-lang';
export * from './java-util';
export * from './java-time';
export * from './java-io-print-stream';
