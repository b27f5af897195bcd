/**
 * Base class for HTTP servlets (javax.servlet.http.HttpServlet): service() dispatches on the method to
 * doGet/doPost/...; unimplemented methods answer 405; HEAD runs doGet without sending the body.
 * @module
 */
import type { HttpServletRequest } from './http-servlet-request';
import type { HttpServletResponse } from './http-servlet-response';
import type { Servlet } from './servlet';
import type { ServletConfig } from './servlet-config';
import type { ServletContext } from './servlet-context';

/**
 * What service() returns when the do-method finished synchronously: one settled promise for every such
 * request, which the container recognises to go on at once instead of reacting to it.
 */
export const SERVICE_FINISHED: Promise<void> = Promise.resolve();
const RESOLVED = SERVICE_FINISHED;

type Handler = (req: HttpServletRequest, res: HttpServletResponse) => void | Promise<void>;

export abstract class HttpServlet implements Servlet {
  private _config: ServletConfig | null = null;

  /** Keeps the config, then calls the no-argument init hook. */
  init(config: ServletConfig): void | Promise<void> {
    this._config = config;
    return this.initServlet();
  }

  /** Override for initialisation work (Java's no-argument init()). */
  protected initServlet(): void | Promise<void> {
    /* nothing */
  }

  getServletConfig(): ServletConfig | null {
    return this._config;
  }
  getServletContext(): ServletContext | null {
    return this._config?.getServletContext() ?? null;
  }
  getServletName(): string | null {
    return this._config?.getServletName() ?? null;
  }
  getInitParameter(name: string): string | null {
    return this._config?.getInitParameter(name) ?? null;
  }
  getServletInfo(): string {
    return '';
  }
  log(message: string, error?: unknown): void {
    this.getServletContext()?.log(message, error);
  }

  /**
   * Dispatches on the method. Returns the doXxx method's own promise (or a settled one when it finished
   * synchronously) instead of wrapping it in an async frame: a servlet costs no extra await per request.
   */
  service(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    let result: void | Promise<void> = undefined;
    try {
      switch (req.getMethod()) {
        case 'GET':
          result = this.doGet(req, res);
          break;
        case 'HEAD':
          result = this.doHead(req, res);
          break;
        case 'POST':
          result = this.doPost(req, res);
          break;
        case 'PUT':
          result = this.doPut(req, res);
          break;
        case 'DELETE':
          result = this.doDelete(req, res);
          break;
        case 'OPTIONS':
          result = this.doOptions(req, res);
          break;
        case 'TRACE':
          result = this.doTrace(req, res);
          break;
        default:
          res.sendError(501, `Method ${req.getMethod()} is not implemented by this servlet`);
      }
    } catch (err) {
      return Promise.reject(err);
    }
    return result === undefined ? RESOLVED : Promise.resolve(result);
  }

  protected doGet(req: HttpServletRequest, res: HttpServletResponse): void | Promise<void> {
    this.notAllowed(req, res);
  }
  protected doPost(req: HttpServletRequest, res: HttpServletResponse): void | Promise<void> {
    this.notAllowed(req, res);
  }
  protected doPut(req: HttpServletRequest, res: HttpServletResponse): void | Promise<void> {
    this.notAllowed(req, res);
  }
  protected doDelete(req: HttpServletRequest, res: HttpServletResponse): void | Promise<void> {
    this.notAllowed(req, res);
  }

  /** HEAD is GET whose body the container does not send (the Content-Length is kept). */
  protected doHead(req: HttpServletRequest, res: HttpServletResponse): void | Promise<void> {
    return this.doGet(req, res);
  }

  /** Answers Allow with the methods this servlet answers: the ones it overrides, and OPTIONS. */
  protected doOptions(_req: HttpServletRequest, res: HttpServletResponse): void | Promise<void> {
    res.setHeader('Allow', this.allowedMethods().join(', '));
  }

  protected doTrace(req: HttpServletRequest, res: HttpServletResponse): void | Promise<void> {
    this.notAllowed(req, res);
  }

  destroy(): void | Promise<void> {
    /* nothing */
  }

  private allowedMethods(): string[] {
    const own = (name: string): boolean =>
      (this as unknown as Record<string, Handler>)[name] !== (HttpServlet.prototype as unknown as Record<string, Handler>)[name];
    const out: string[] = [];
    if (own('doGet')) out.push('GET', 'HEAD');
    if (own('doPost')) out.push('POST');
    if (own('doPut')) out.push('PUT');
    if (own('doDelete')) out.push('DELETE');
    // doTrace refuses TRACE (405) unless a servlet implements it: only then is it advertised
    if (own('doTrace')) out.push('TRACE');
    out.push('OPTIONS');
    return out;
  }

  private notAllowed(req: HttpServletRequest, res: HttpServletResponse): void {
    const protocol = req.getProtocol();
    const msg = `HTTP method ${req.getMethod()} is not supported by this URL`;
    res.sendError(protocol.endsWith('1.1') ? 405 : 400, msg);
  }
}
