/**
 * The launcher (Jetty's start.jar): modules, ini files, start properties and the run.
 * @module
 */
export * from './errors';
export * from './props';
export * from './module';
export * from './modules';
export * from './base-home';
export * from './start-ini';
export * from './start-args';
export * from './start-configuration';
export * from './base-builder';
export * from './listing';
export * from './xml-runner';
export * from './server-report';
export * from './class-loader';
export { parseJavaProperties } from '../util/java-properties';
export { main, launch, MainEnvironment, Launch } from './main';
