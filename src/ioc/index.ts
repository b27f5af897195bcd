/**
 * Semantics of Jetty's `<Configure>` XML: reflection metadata, the class registry and the interpreter.
 * @module
 */
export * from './metadata';
export { ClassRegistry, JETTY_INTERFACES } from './class-registry';
export { XmlConfiguration, XmlConfigurationOptions, setJettyStandardIdsAndProperties } from './xml-configuration';
export { XmlConfigurationError, UnknownClassError } from './errors';
export { declareOptionalBackend, OptionalBackend, OptionalBackendError } from './optional-backends';
export { SystemProperties } from './system-properties';
export { iocLog, IocLogLevel } from './logger';
export { Val, VALUE_OF, makeJavaArray, javaArrayType, toJavaString } from './java-value';
export * from './java';
