/**
 * The request events metrics attach to without touching the request path: `node:diagnostics_channel`
 * channels published by Server when an exchange starts and when it has ended.
 * @module
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { Request } from './request';
import type { Response } from './response';

/** Published when the server starts an exchange, before any handler runs. */
export const REQUEST_START_CHANNEL = 'pier.server.request.start';
/** Published when the exchange has ended: response complete (or the connection closed) and request logs written. */
export const REQUEST_END_CHANNEL = 'pier.server.request.end';

/** The message of `pier.server.request.start`. */
export interface RequestStartMessage {
  readonly request: Request;
  readonly response: Response;
  readonly method: string;
  /** The request URI as received (path and path parameters, no query). */
  readonly uri: string;
}

/** The message of `pier.server.request.end`. */
export interface RequestEndMessage extends RequestStartMessage {
  /** The status sent (or set, when the connection was closed before it could be sent). */
  readonly status: number;
  /** Milliseconds from the start event (or, for a subscriber that came later, from the request's arrival). */
  readonly durationMs: number;
}

export const requestStartChannel = diagnosticsChannel.channel(REQUEST_START_CHANNEL);
export const requestEndChannel = diagnosticsChannel.channel(REQUEST_END_CHANNEL);

/** When each exchange started, kept only while someone listens to the events. */
const startTimes = new WeakMap<Request, number>();

/**
 * Records the start of an exchange and publishes `pier.server.request.start`. The server calls this
 * only when one of the two channels has subscribers, so a server nobody observes pays two property reads.
 */
export function publishRequestStart(request: Request, response: Response): void {
  startTimes.set(request, performance.now());
  if (requestStartChannel.hasSubscribers) {
    const message: RequestStartMessage = { request, response, method: request.getMethod(), uri: request.getRequestURI() };
    requestStartChannel.publish(message);
  }
}

/** Publishes `pier.server.request.end` (the server calls this only when the channel has subscribers). */
export function publishRequestEnd(request: Request, response: Response): void {
  const started = startTimes.get(request);
  startTimes.delete(request);
  const durationMs = started !== undefined ? performance.now() - started : Date.now() - request.getTimeStamp();
  const message: RequestEndMessage = {
    request,
    response,
    method: request.getMethod(),
    uri: request.getRequestURI(),
    status: response.getStatus(),
    durationMs,
  };
  requestEndChannel.publish(message);
}
