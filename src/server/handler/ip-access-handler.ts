/**
 * Allows or refuses requests by client address and path (org.eclipse.jetty.server.handler.IPAccessHandler,
 * etc/jetty-ipaccess.xml): a refused request gets 403.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import { matchesPathSpec, parsePathSpec, type PathSpec } from '../http/path-spec';
import type { Request } from '../request';
import { HandlerWrapper } from './handler-wrapper';

interface Entry {
  readonly octets: ([number, number] | null)[] | null;
  readonly path: PathSpec | null;
  readonly text: string;
}

/**
 * Parses Jetty's `ip[/path]` or `ip|path` entries: each IPv4 octet may be `n`, `n-m`, `n-` or `-m`, and
 * missing trailing octets match anything; an empty address matches any client.
 */
export function parseAccessEntry(entry: string): Entry {
  const text = entry.trim();
  let cut = text.indexOf('|');
  if (cut < 0) cut = text.indexOf('/');
  const addr = cut < 0 ? text : text.slice(0, cut);
  const p = cut < 0 ? '' : text.slice(cut + (text[cut] === '|' ? 1 : 0));
  let octets: Entry['octets'] = null;
  if (addr) {
    const parts = addr.split('.');
    if (parts.length > 4) throw new TypeError(`Cannot parse IP access entry '${entry}': too many octets`);
    octets = [0, 1, 2, 3].map((i) => {
      const part = parts[i];
      if (part === undefined || part === '') return parts.length < 4 && i >= parts.length ? null : [0, 255];
      const m = /^(\d*)(-?)(\d*)$/.exec(part);
      if (!m) throw new TypeError(`Cannot parse IP access entry '${entry}': bad octet '${part}'`);
      const lo = m[1] === '' ? 0 : Number(m[1]);
      const hi = m[2] ? (m[3] === '' ? 255 : Number(m[3])) : lo;
      return [lo, hi] as [number, number];
    });
  }
  return { octets, path: p ? accessPathSpec(p) : null, text };
}

/** A path spec as the old Jetty PathMap read it; `/*.html` means `*.html`, anything else unparseable is exact. */
function accessPathSpec(p: string): PathSpec {
  const spec = p.startsWith('/*.') ? p.slice(1) : p;
  try {
    return parsePathSpec(spec);
  } catch {
    return { spec, group: 'EXACT', key: spec };
  }
}

function matchAddr(e: Entry, addr: string): boolean {
  if (!e.octets) return true;
  const parts = addr.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => Number.isNaN(n))) return false;
  return e.octets.every((o, i) => o === null || (parts[i] >= o[0] && parts[i] <= o[1]));
}
function matchPath(e: Entry, path: string): boolean {
  return e.path === null || matchesPathSpec(e.path, path);
}

/** Jetty's IPAccessHandler: `white`, `black` (String[] of entries), `whiteListByPath` (false). */
@JettyClass('org.eclipse.jetty.server.handler.IPAccessHandler', {
  ctors: [
    [],
    [
      { name: 'white', type: 'String[]' },
      { name: 'black', type: 'String[]' },
    ],
  ],
})
export class IPAccessHandler extends HandlerWrapper {
  private _white: Entry[] = [];
  private _black: Entry[] = [];
  private _whiteListByPath = false;

  constructor(white?: string[], black?: string[]) {
    super();
    if (white) this.setWhite(white);
    if (black) this.setBlack(black);
  }

  @Expose('String[]') setWhite(entries: string[]): void {
    this._white = entries.filter((e) => e.trim()).map(parseAccessEntry);
  }
  @Expose('String') addWhite(entry: string): void {
    this._white.push(parseAccessEntry(entry));
  }
  @Expose('String[]') setBlack(entries: string[]): void {
    this._black = entries.filter((e) => e.trim()).map(parseAccessEntry);
  }
  @Expose('String') addBlack(entry: string): void {
    this._black.push(parseAccessEntry(entry));
  }
  @Expose('boolean') setWhiteListByPath(b: boolean): void {
    this._whiteListByPath = b;
  }
  @Expose() isWhiteListByPath(): boolean {
    return this._whiteListByPath;
  }

  /** True when the client at `addr` may request `path`. */
  isAddrUriAllowed(addr: string, path: string): boolean {
    if (this._white.length > 0) {
      const candidates = this._whiteListByPath ? this._white.filter((e) => matchPath(e, path)) : this._white;
      const ok = candidates.some((e) => matchAddr(e, addr) && matchPath(e, path));
      if (this._whiteListByPath ? candidates.length > 0 && !ok : !ok) return false;
    }
    return !this._black.some((e) => matchAddr(e, addr) && matchPath(e, path));
  }

  override async handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const path = baseRequest.getPathInContextRoot() ?? target;
    if (!this.isAddrUriAllowed(request.getRemoteAddr(), path)) {
      baseRequest.setHandled(true);
      response.sendError(403);
      return;
    }
    await super.handle(target, baseRequest, request, response);
  }
}
