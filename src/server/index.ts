/**
 * The server area's doorway (Jetty's jetty-server module): Server, connectors, Request/Response, handlers,
 * request logs, and the stand-ins for Jetty settings that do not apply on Node. Importing it registers
 * every class with the XML class registry.
 * @module
 */
export * from './handler';
export * from './errors';
export * from './not-applicable';
export * from './server';
export * from './server-connector';
export * from './connector';
export * from './connection-factory';
export * from './http-configuration';
export * from './http-connection-factory';
export * from './forwarded-request-customizer';
export * from './secure-request-customizer';
export * from './request';
export * from './response';
export * from './request-log';
export { REQUEST_START_CHANNEL, REQUEST_END_CHANNEL, type RequestStartMessage, type RequestEndMessage } from './request-events';
export * from './resource';
export * from './session-manager-bridge';
export * from './shutdown-hook';
export * from './uri-path';
export * from './http/path-spec';
export * from './handler/abstract-handler';
export * from './handler/handler-wrapper';
export * from './handler/scoped-handler';
export * from './handler/handler-collection';
export * from './handler/handler-list';
export * from './handler/context-handler';
export * from './handler/context-handler-context';
export * from './handler/context-handler-collection';
export * from './handler/default-handler';
export * from './handler/error-handler';
export * from './handler/request-log-handler';
export * from './handler/statistics-handler';
export * from './requestlog/ncsa-request-log';
export * from './requestlog/custom-request-log';
export * from './requestlog/request-log-writer';
export * from './requestlog/java-date-format';
export * from './http/java-enum';
export * from './http/http-compliance';
export * from './http/cookie-compliance';
export * from './http/multi-part-form-data-compliance';
export * from './placeholders/queued-thread-pool';
export * from './placeholders/scheduled-executor-scheduler';
export * from './placeholders/array-byte-buffer-pool';
export * from './placeholders/selector-manager';
export * from './placeholders/connection-statistics';
export * from './http/uri-compliance';
export * from './handler/gzip/gzip-handler';
export * from './placeholders/connection-limit';
export * from './placeholders/low-resource-monitor';
export * from './handler/thread-limit-handler';
export * from './handler/ip-access-handler';
export * from './url-encoded';
export * from './request-body';
