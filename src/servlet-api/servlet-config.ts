/**
 * What a servlet gets at init (javax.servlet.ServletConfig).
 * @module
 */
import type { ServletContext } from './servlet-context';

export interface ServletConfig {
  getServletName(): string;
  getServletContext(): ServletContext;
  getInitParameter(name: string): string | null;
  getInitParameterNames(): string[];
}
