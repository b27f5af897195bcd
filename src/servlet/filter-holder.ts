/**
 * Holds one filter (org.eclipse.jetty.servlet.FilterHolder): class or instance, init parameters; the
 * filter is created and initialised when the ServletHandler starts.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import { ServletException } from '../servlet-api/errors';
import type { Filter } from '../servlet-api/filter';
import type { FilterConfig } from '../servlet-api/filter-config';
import { Holder } from './holder';

/**
 * Jetty's FilterHolder: `context.addFilter(MyFilter, '/*', ['REQUEST'])`, web.xml `<filter>`, or XML
 * `<New class="org.eclipse.jetty.servlet.FilterHolder">` with `name`, `className`, `initParameter`s.
 */
@JettyClass('org.eclipse.jetty.servlet.FilterHolder', {
  ctors: [[], [{ name: 'filter', type: 'java.lang.Class' }], [{ name: 'filter', type: 'javax.servlet.Filter' }]],
})
export class FilterHolder extends Holder<Filter> {
  private _filter: Filter | null = null;

  constructor(source?: unknown) {
    super('filter');
    if (source !== undefined && source !== null) this.setSource(source);
  }

  @Expose('javax.servlet.Filter') setFilter(filter: Filter): void {
    this.setInstance(filter);
  }
  /** The started filter, or null before start. */
  getFilter(): Filter | null {
    return this._filter;
  }
  getFilterConfig(): FilterConfig {
    return this.config('getFilterName') as unknown as FilterConfig;
  }

  /** Creates and initialises the filter (the ServletHandler calls this at start). */
  async initialize(): Promise<void> {
    if (this._filter) return;
    const filter = await this.createInstance();
    if (typeof filter.doFilter !== 'function') {
      throw new ServletException(`Cannot use '${this._name}' as a filter: it has no doFilter() method`);
    }
    if (typeof filter.init === 'function') await filter.init(this.getFilterConfig());
    this._filter = filter;
  }

  protected override async doStop(): Promise<void> {
    const f = this._filter;
    this._filter = null;
    if (f && typeof f.destroy === 'function') await f.destroy();
  }

  dumpSelf(): string {
    return `${this._name}@${this.getClassName() ?? '?'}==${this.getClassName() ?? '?'},inst=${this._filter !== null},async=${this._asyncSupported}`;
  }
}
