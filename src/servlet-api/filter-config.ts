/**
 * What a filter gets at init (javax.servlet.FilterConfig).
 * @module
 */
import type { ServletContext } from './servlet-context';

export interface FilterConfig {
  getFilterName(): string;
  getServletContext(): ServletContext;
  getInitParameter(name: string): string | null;
  getInitParameterNames(): string[];
}
