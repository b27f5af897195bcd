/**
 * A filter mapping (org.eclipse.jetty.servlet.FilterMapping): url-patterns and/or servlet names, and the
 * dispatcher types it applies to (REQUEST by default).
 * @module
 */
import { Expose, ExposeField, JettyClass } from '../ioc/metadata';
import { parseDispatcherType, type DispatcherType } from '../servlet-api/dispatcher-type';
import { matchesPathSpec, parsePathSpec, type PathSpec } from '../server/http/path-spec';

/** Jetty's FilterMapping: `filterName`, `pathSpecs`, `servletNames`, `dispatches`/`dispatcherTypes`. */
@JettyClass('org.eclipse.jetty.servlet.FilterMapping')
export class FilterMapping {
  @ExposeField('int') static readonly DEFAULT = 0;
  @ExposeField('int') static readonly REQUEST = 1;
  @ExposeField('int') static readonly FORWARD = 2;
  @ExposeField('int') static readonly INCLUDE = 4;
  @ExposeField('int') static readonly ERROR = 8;
  @ExposeField('int') static readonly ASYNC = 16;
  @ExposeField('int') static readonly ALL = 31;

  private _filterName: string | null = null;
  private _pathSpecs: PathSpec[] = [];
  private _servletNames: string[] = [];
  private _dispatches = new Set<DispatcherType>();

  @Expose('String') setFilterName(name: string): void {
    this._filterName = name;
  }
  @Expose() getFilterName(): string | null {
    return this._filterName;
  }
  @Expose('String[]') setPathSpecs(specs: string[]): void {
    this._pathSpecs = specs.map(parsePathSpec);
  }
  @Expose('String') setPathSpec(spec: string): void {
    this._pathSpecs = [parsePathSpec(spec)];
  }
  @Expose() getPathSpecs(): string[] {
    return this._pathSpecs.map((p) => p.spec);
  }
  @Expose('String[]') setServletNames(names: string[]): void {
    this._servletNames = [...names];
  }
  @Expose('String') setServletName(name: string): void {
    this._servletNames = [name];
  }
  @Expose() getServletNames(): string[] {
    return [...this._servletNames];
  }

  /** Jetty's int bit set (REQUEST=1, FORWARD=2, INCLUDE=4, ERROR=8, ASYNC=16). */
  @Expose('int') setDispatches(bits: number): void {
    const out = new Set<DispatcherType>();
    if (bits & 1) out.add('REQUEST');
    if (bits & 2) out.add('FORWARD');
    if (bits & 4) out.add('INCLUDE');
    if (bits & 8) out.add('ERROR');
    if (bits & 16) out.add('ASYNC');
    this._dispatches = out;
  }
  @Expose('java.util.EnumSet') setDispatcherTypes(types: Iterable<DispatcherType | string> | null): void {
    this._dispatches = new Set([...(types ?? [])].map((t) => parseDispatcherType(String(t))));
  }
  getDispatcherTypes(): DispatcherType[] {
    return [...this._dispatches];
  }

  /** True for this dispatcher type (REQUEST when none was set). */
  appliesTo(type: DispatcherType): boolean {
    return this._dispatches.size === 0 ? type === 'REQUEST' : this._dispatches.has(type);
  }
  /** True when a path spec matches `pathInContext`. */
  matchesPath(pathInContext: string): boolean {
    return this._pathSpecs.some((p) => matchesPathSpec(p, pathInContext));
  }
  /** True when the servlet name is listed (or `*` is). */
  matchesServlet(servletName: string | null): boolean {
    return servletName !== null && (this._servletNames.includes(servletName) || this._servletNames.includes('*'));
  }
  hasPathSpecs(): boolean {
    return this._pathSpecs.length > 0;
  }

  toString(): string {
    return `[${this.getPathSpecs().join(',')}]/[${this._servletNames.join(',')}]/[${[...this._dispatches].join(',')}]=>${this._filterName}`;
  }
}
