/**
 * The servlet contract (javax.servlet.Servlet); any method may return a promise.
 * @module
 */
import type { HttpServletRequest } from './http-servlet-request';
import type { HttpServletResponse } from './http-servlet-response';
import type { ServletConfig } from './servlet-config';

export interface Servlet {
  init(config: ServletConfig): void | Promise<void>;
  service(request: HttpServletRequest, response: HttpServletResponse): void | Promise<void>;
  destroy(): void | Promise<void>;
  getServletConfig?(): ServletConfig | null;
  getServletInfo?(): string;
}
