/**
 * A servlet mapping (org.eclipse.jetty.servlet.ServletMapping): url-patterns → a servlet name.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';

/** Jetty's ServletMapping: `pathSpecs` (or `pathSpec`), `servletName`, `default` (from webdefault.xml). */
@JettyClass('org.eclipse.jetty.servlet.ServletMapping')
export class ServletMapping {
  private _pathSpecs: string[] = [];
  private _servletName: string | null = null;
  private _default = false;

  @Expose('String[]') setPathSpecs(specs: string[]): void {
    this._pathSpecs = [...specs];
  }
  @Expose() getPathSpecs(): string[] {
    return [...this._pathSpecs];
  }
  @Expose('String') setPathSpec(spec: string): void {
    this._pathSpecs = [spec];
  }
  @Expose('String') setServletName(name: string): void {
    this._servletName = name;
  }
  @Expose() getServletName(): string | null {
    return this._servletName;
  }
  /** A mapping from the defaults descriptor, which web.xml mappings override. */
  @Expose('boolean') setDefault(b: boolean): void {
    this._default = b;
  }
  @Expose() isDefault(): boolean {
    return this._default;
  }
  toString(): string {
    return `[${this._pathSpecs.join(',')}]=>${this._servletName}`;
  }
}
