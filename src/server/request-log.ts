/**
 * The request log contracts (org.eclipse.jetty.server.RequestLog and RequestLog.Writer): one line per
 * completed request.
 * @module
 */
import type { Request } from './request';
import type { Response } from './response';

export interface RequestLog {
  /** Called once the response is complete. */
  log(request: Request, response: Response): void;
}

/** Where log lines go (org.eclipse.jetty.server.RequestLog$Writer). */
export interface RequestLogWriterContract {
  write(line: string): void;
}

export function isRequestLog(o: unknown): o is RequestLog {
  return typeof o === 'object' && o !== null && typeof (o as RequestLog).log === 'function';
}
