/**
 * The HttpSession contract a servlet sees (javax.servlet.http.HttpSession). Implemented by
 * org.eclipse.jetty.server.session.Session; synchronous, because the container loads the session
 * before the servlet runs and stores it after.
 * @module
 */
import type { ServletContext } from './servlet-context';

export interface HttpSession {
  getId(): string;
  getCreationTime(): number;
  getLastAccessedTime(): number;
  getServletContext(): ServletContext;
  setMaxInactiveInterval(seconds: number): void;
  getMaxInactiveInterval(): number;
  getAttribute(name: string): unknown;
  getAttributeNames(): string[];
  setAttribute(name: string, value: unknown): void;
  removeAttribute(name: string): void;
  invalidate(): void;
  isNew(): boolean;
}
