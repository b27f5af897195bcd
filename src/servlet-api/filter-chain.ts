/**
 * The rest of a filter chain (javax.servlet.FilterChain); awaiting doFilter runs the remaining filters
 * and the servlet.
 * @module
 */
import type { HttpServletRequest } from './http-servlet-request';
import type { HttpServletResponse } from './http-servlet-response';

export interface FilterChain {
  doFilter(request: HttpServletRequest, response: HttpServletResponse): Promise<void>;
}
