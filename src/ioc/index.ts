/**
 * Semantics of Jetty's `<Configure>` XML: reflection metadata, the class registry and the interpreter.
 * @module
 */
export * from './metadata';
