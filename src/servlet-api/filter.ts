/**
 * The filter contract (javax.servlet.Filter); any method may return a promise.
 * @module
 */
import type { FilterChain } from './filter-chain';
import type { FilterConfig } from './filter-config';
import type { HttpServletRequest } from './http-servlet-request';
import type { HttpServletResponse } from './http-servlet-response';

export interface Filter {
  init?(config: FilterConfig): void | Promise<void>;
  doFilter(request: HttpServletRequest, response: HttpServletResponse, chain: FilterChain): void | Promise<void>;
  destroy?(): void | Promise<void>;
}
