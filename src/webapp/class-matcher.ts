/**
 * The server/system class patterns of a web app (Jetty 9.4's org.eclipse.jetty.webapp.ClasspathPattern,
 * Jetty 10's ClassMatcher), kept so that Jetty's jetty-web.xml files apply unchanged. Node has no class
 * loader hierarchy to protect, so the patterns are recorded and shown, never enforced.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';

@JettyClass('org.eclipse.jetty.webapp.ClassMatcher', {
  aliases: ['org.eclipse.jetty.webapp.ClasspathPattern'],
  ctors: [[], ['String[]']],
})
export class ClassMatcher {
  private readonly _patterns: string[];

  /** `patterns` is used as the live backing list, so a web app can hand out a view of its own list. */
  constructor(patterns?: string[]) {
    this._patterns = patterns ?? [];
  }

  /** Adds patterns; a leading `-` marks an exclusion, as in Jetty. Returns true when one was new. */
  @Expose('String')
  @Expose({ type: 'String[]' }, { varargs: true })
  add(...patterns: (string | string[])[]): boolean {
    let added = false;
    for (const p of patterns.flat()) {
      if (typeof p === 'string' && p.length > 0 && !this._patterns.includes(p)) {
        this._patterns.push(p);
        added = true;
      }
    }
    return added;
  }

  /** Jetty 10: adds inclusion patterns. */
  @Expose('String[]')
  include(patterns: string[]): void {
    this.add(...patterns);
  }

  /** Jetty 10: adds exclusion patterns (stored with a leading `-`). */
  @Expose('String[]')
  exclude(patterns: string[]): void {
    this.add(...patterns.map((p) => (p.startsWith('-') ? p : `-${p}`)));
  }

  @Expose('String')
  remove(pattern: string): boolean {
    const i = this._patterns.indexOf(pattern);
    if (i < 0) return false;
    this._patterns.splice(i, 1);
    return true;
  }

  @Expose()
  getPatterns(): string[] {
    return [...this._patterns];
  }

  @Expose()
  size(): number {
    return this._patterns.length;
  }

  toString(): string {
    return this._patterns.join(',');
  }
}
