/**
 * The classes of jetty-server that Jetty XML may name: the server, its connectors and connection factories, handlers, request logs, and the settings that exist only for XML compatibility (placeholders).
 * Importing this module declares each of them (their `@JettyClass` decorators run). The launcher loads
 * it through src/start/class-loader.ts, which stops the start naming the file and the cause of any
 * failure; every file of the area that declares a class is listed here (test/start/class-loader.test.ts
 * checks it).
 * @module
 */
import './server';
import './server-connector';
import './http-configuration';
import './http-connection-factory';
import './ssl-connection-factory';
import './ssl/ssl-context-factory';
import './forwarded-request-customizer';
import './secure-request-customizer';
import './resource';
import './home-base-warning';
import './handler/abstract-handler';
import './handler/handler-wrapper';
import './handler/scoped-handler';
import './handler/handler-collection';
import './handler/handler-list';
import './handler/context-handler';
import './handler/context-handler-context';
import './handler/context-handler-collection';
import './handler/default-handler';
import './handler/error-handler';
import './handler/request-log-handler';
import './handler/statistics-handler';
import './handler/gzip/gzip-handler';
import './handler/thread-limit-handler';
import './handler/ip-access-handler';
import './handler/resource-handler';
import './requestlog/request-log-writer';
import './requestlog/ncsa-request-log';
import './requestlog/custom-request-log';
import './http/http-compliance';
import './http/cookie-compliance';
import './http/multi-part-form-data-compliance';
import './http/uri-compliance';
import './placeholders/queued-thread-pool';
import './placeholders/scheduled-executor-scheduler';
import './placeholders/array-byte-buffer-pool';
import './placeholders/selector-manager';
import './placeholders/connection-statistics';
import './placeholders/connection-limit';
import './placeholders/low-resource-monitor';
