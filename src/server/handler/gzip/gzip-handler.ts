/**
 * Compresses responses with gzip when the client accepts it (org.eclipse.jetty.server.handler.gzip.GzipHandler),
 * as etc/jetty-gzip.xml inserts it: by method, path, MIME type, user agent and minimum size.
 * @module
 */
import * as zlib from 'node:zlib';
import { Expose, JettyClass } from '../../../ioc/metadata';
import type { HttpServletRequest } from '../../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../../servlet-api/http-servlet-response';
import { matchesPathSpec, parsePathSpec, type PathSpec } from '../../http/path-spec';
import { reportNotApplicable } from '../../not-applicable';
import type { Request } from '../../request';
import type { Response } from '../../response';
import { HandlerWrapper } from '../handler-wrapper';

/** Jetty 9.4's default excluded MIME types (already compressed formats and event streams). */
const DEFAULT_EXCLUDED_MIME = [
  'application/compress',
  'application/zip',
  'application/gzip',
  'application/bzip2',
  'application/brotli',
  'application/x-xz',
  'application/x-rar-compressed',
  'text/event-stream',
];

type PathMatcher = (path: string) => boolean;

function pathMatcher(spec: string): PathMatcher {
  if (spec.startsWith('^')) {
    const re = new RegExp(spec);
    return (p) => re.test(p);
  }
  const ps: PathSpec = parsePathSpec(spec);
  return (p) => matchesPathSpec(ps, p);
}

/**
 * Jetty's GzipHandler. Settings: `minGzipSize` (2048; smaller complete responses are sent as they are),
 * `compressionLevel` (-1 = zlib's default), `syncFlush`, `includedMethods`/`excludedMethods`
 * (`includedMethodList`/`excludedMethodList` CSV; GET by default), `includedPaths`/`excludedPaths` (servlet
 * path specs or `^regex`, against the path in the server), `includedMimeTypes`/`excludedMimeTypes` (images,
 * audio, video other than SVG, and compressed formats are excluded by default), `excludedAgentPatterns`.
 * Accepted and reported as not applicable: `checkGzExists`, `inflateBufferSize` (> 0), `deflaterPoolCapacity`.
 */
@JettyClass('org.eclipse.jetty.server.handler.gzip.GzipHandler')
export class GzipHandler extends HandlerWrapper {
  private _minGzipSize = 2048;
  private _compressionLevel = -1;
  private _syncFlush = false;
  private _includedMethods = new Set(['GET']);
  private _excludedMethods = new Set<string>();
  private _includedPaths: { spec: string; match: PathMatcher }[] = [];
  private _excludedPaths: { spec: string; match: PathMatcher }[] = [];
  private _includedMime = new Set<string>();
  private _excludedMime = new Set(DEFAULT_EXCLUDED_MIME);
  private _excludedAgents: RegExp[] = [];

  @Expose('int') setMinGzipSize(n: number): void {
    this._minGzipSize = n;
  }
  @Expose() getMinGzipSize(): number {
    return this._minGzipSize;
  }
  @Expose('int') setCompressionLevel(n: number): void {
    this._compressionLevel = n;
  }
  @Expose() getCompressionLevel(): number {
    return this._compressionLevel;
  }
  @Expose('boolean') setSyncFlush(b: boolean): void {
    this._syncFlush = b;
  }
  @Expose() isSyncFlush(): boolean {
    return this._syncFlush;
  }
  @Expose('boolean') setCheckGzExists(b: boolean): void {
    if (b) reportNotApplicable('GzipHandler', 'checkGzExists', b);
  }
  @Expose('int') setInflateBufferSize(n: number): void {
    if (n > 0) reportNotApplicable('GzipHandler', 'inflateBufferSize', n);
  }
  @Expose('int') setDeflaterPoolCapacity(n: number): void {
    if (n !== -1) reportNotApplicable('GzipHandler', 'deflaterPoolCapacity', n);
  }

  @Expose('String[]') setIncludedMethods(methods: string[]): void {
    this._includedMethods = new Set(clean(methods).map((m) => m.toUpperCase()));
  }
  @Expose('String[]') addIncludedMethods(methods: string[]): void {
    for (const m of clean(methods)) this._includedMethods.add(m.toUpperCase());
  }
  @Expose() getIncludedMethods(): string[] {
    return [...this._includedMethods];
  }
  @Expose('String') setIncludedMethodList(csv: string): void {
    this.setIncludedMethods(splitCsv(csv));
  }
  @Expose('String[]') setExcludedMethods(methods: string[]): void {
    this._excludedMethods = new Set(clean(methods).map((m) => m.toUpperCase()));
  }
  @Expose('String[]') addExcludedMethods(methods: string[]): void {
    for (const m of clean(methods)) this._excludedMethods.add(m.toUpperCase());
  }
  @Expose() getExcludedMethods(): string[] {
    return [...this._excludedMethods];
  }
  @Expose('String') setExcludedMethodList(csv: string): void {
    this.setExcludedMethods(splitCsv(csv));
  }

  @Expose('String[]') setIncludedPaths(specs: string[]): void {
    this._includedPaths = clean(specs).map((s) => ({ spec: s, match: pathMatcher(s) }));
  }
  @Expose('String[]') addIncludedPaths(specs: string[]): void {
    this._includedPaths.push(...clean(specs).map((s) => ({ spec: s, match: pathMatcher(s) })));
  }
  @Expose() getIncludedPaths(): string[] {
    return this._includedPaths.map((p) => p.spec);
  }
  @Expose('String[]') setExcludedPaths(specs: string[]): void {
    this._excludedPaths = clean(specs).map((s) => ({ spec: s, match: pathMatcher(s) }));
  }
  @Expose('String[]') addExcludedPaths(specs: string[]): void {
    this._excludedPaths.push(...clean(specs).map((s) => ({ spec: s, match: pathMatcher(s) })));
  }
  @Expose() getExcludedPaths(): string[] {
    return this._excludedPaths.map((p) => p.spec);
  }

  @Expose('String[]') setIncludedMimeTypes(types: string[]): void {
    this._includedMime = new Set(clean(types).map((t) => t.toLowerCase()));
  }
  @Expose('String[]') addIncludedMimeTypes(types: string[]): void {
    for (const t of clean(types)) this._includedMime.add(t.toLowerCase());
  }
  @Expose() getIncludedMimeTypes(): string[] {
    return [...this._includedMime];
  }
  @Expose('String') setIncludedMimeTypesList(csv: string): void {
    this.setIncludedMimeTypes(splitCsv(csv));
  }
  @Expose('String[]') setExcludedMimeTypes(types: string[]): void {
    this._excludedMime = new Set(clean(types).map((t) => t.toLowerCase()));
  }
  @Expose('String[]') addExcludedMimeTypes(types: string[]): void {
    for (const t of clean(types)) this._excludedMime.add(t.toLowerCase());
  }
  @Expose() getExcludedMimeTypes(): string[] {
    return [...this._excludedMime];
  }
  @Expose('String') setExcludedMimeTypesList(csv: string): void {
    this.setExcludedMimeTypes(splitCsv(csv));
  }

  @Expose('String[]') setExcludedAgentPatterns(patterns: string[]): void {
    this._excludedAgents = clean(patterns).map((p) => new RegExp(`^(?:${p})$`));
  }
  @Expose('String[]') addExcludedAgentPatterns(patterns: string[]): void {
    this._excludedAgents.push(...clean(patterns).map((p) => new RegExp(`^(?:${p})$`)));
  }
  @Expose() getExcludedAgentPatterns(): string[] {
    return this._excludedAgents.map((r) => r.source.slice(4, -2));
  }

  /** True when responses of this MIME type may be compressed. */
  isMimeTypeGzipable(mimeType: string): boolean {
    const t = mimeType.toLowerCase();
    if (this._includedMime.size > 0) return this._includedMime.has(t);
    if (this._excludedMime.has(t)) return false;
    if (t === 'image/svg+xml') return true;
    return !(t.startsWith('image/') || t.startsWith('audio/') || t.startsWith('video/'));
  }

  private pathAllowed(path: string): boolean {
    if (this._includedPaths.length > 0 && !this._includedPaths.some((p) => p.match(path))) return false;
    return !this._excludedPaths.some((p) => p.match(path));
  }

  override async handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const method = request.getMethod();
    const path = baseRequest.getPathInContextRoot() ?? target;
    const eligible = this._includedMethods.has(method) && !this._excludedMethods.has(method) && this.pathAllowed(path);
    if (eligible) {
      const accepts = acceptsGzip(request.getHeader('accept-encoding'));
      const inm = baseRequest.getRawRequest().headers['if-none-match'];
      if (typeof inm === 'string' && inm.includes('--gzip"')) baseRequest.getRawRequest().headers['if-none-match'] = inm.replace(/--gzip"/g, '"');
      const agent = request.getHeader('user-agent');
      const agentOk = agent === null || !this._excludedAgents.some((r) => r.test(agent));
      const res = baseRequest.getResponse();
      res.addOutputInterceptor((r) => this.encoderFor(r, accepts && agentOk));
    }
    await super.handle(target, baseRequest, request, response);
  }

  /** Decides at commit time whether to compress this response, and sets the headers if so. */
  private encoderFor(res: Response, clientAccepts: boolean): zlib.Gzip | null {
    const status = res.getStatus();
    if (status !== 200) return null;
    const type = (res.getContentType() ?? '').split(';')[0].trim();
    if (type && !this.isMimeTypeGzipable(type)) return null;
    if (res.containsHeader('Content-Encoding')) return null;
    const vary = res.getHeader('Vary');
    if (!vary || !/accept-encoding/i.test(vary)) res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (!clientAccepts) return null;
    const len = res.getHeader('Content-Length');
    if (len !== null && Number(len) < this._minGzipSize) return null;
    res.setHeader('Content-Length', null);
    res.setHeader('Content-Encoding', 'gzip');
    const etag = res.getHeader('ETag');
    if (etag) res.setHeader('ETag', etag.endsWith('"') ? `${etag.slice(0, -1)}--gzip"` : etag);
    const level = this._compressionLevel >= 0 && this._compressionLevel <= 9 ? this._compressionLevel : zlib.constants.Z_DEFAULT_COMPRESSION;
    return zlib.createGzip({ level, flush: this._syncFlush ? zlib.constants.Z_SYNC_FLUSH : zlib.constants.Z_NO_FLUSH });
  }

  override dumpSelf(): string {
    return `GzipHandler@${this.getState()}{min=${this._minGzipSize},methods=${[...this._includedMethods].join('|')}}`;
  }
}

/** True when Accept-Encoding allows gzip (`gzip` or `*` with a q above 0). */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (name !== 'gzip' && name !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

function clean(list: string[] | null | undefined): string[] {
  return (list ?? []).map((s) => String(s).trim()).filter(Boolean);
}
function splitCsv(csv: string | null): string[] {
  return (csv ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
