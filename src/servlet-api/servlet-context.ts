/**
 * The ServletContext contract (javax.servlet.ServletContext): one per web app or servlet context.
 * @module
 */
export interface ServletContext {
  getContextPath(): string;
  getServletContextName(): string | null;
  getAttribute(name: string): unknown;
  getAttributeNames(): string[];
  setAttribute(name: string, value: unknown): void;
  removeAttribute(name: string): void;
  getInitParameter(name: string): string | null;
  getInitParameterNames(): string[];
  setInitParameter(name: string, value: string): boolean;
  /** The file system path of a resource inside the app, or null when there is none. */
  getRealPath(path: string): string | null;
  getMimeType(file: string): string | null;
  log(message: string, error?: unknown): void;
  /** A RequestDispatcher for a path in this context (starting with '/'), or null (servlet contexts only). */
  getRequestDispatcher?(path: string): unknown;
  /** A RequestDispatcher for a servlet by name, or null. */
  getNamedDispatcher?(name: string): unknown;
}
