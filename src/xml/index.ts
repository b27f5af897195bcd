/**
 * XML syntax: text to a located element tree (no semantics; `src/ioc` interprets `<Configure>` trees).
 * @module
 */
export * from './xml-node';
export * from './xml-syntax-error';
export * from './xml-parser';
export { resolveKnownDtd, isConfigureDtd } from './known-dtds';
