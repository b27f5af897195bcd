/**
 * Servlet url-pattern matching (org.eclipse.jetty.http.pathmap.ServletPathSpec): exact `/a/b`, prefix
 * `/a/*`, suffix `*.ext`, default `/` and root `""`, with the servletPath/pathInfo split each kind gives.
 * @module
 */

export type PathSpecGroup = 'ROOT' | 'EXACT' | 'PREFIX_GLOB' | 'SUFFIX_GLOB' | 'DEFAULT';

/** A parsed url-pattern. */
export interface PathSpec {
  readonly spec: string;
  readonly group: PathSpecGroup;
  /** EXACT: the path; PREFIX_GLOB: the prefix without `/*`; SUFFIX_GLOB: the extension with the dot. */
  readonly key: string;
}

/** Parses a servlet url-pattern; throws on one the servlet spec does not allow. */
export function parsePathSpec(spec: string): PathSpec {
  const s = spec.trim();
  if (s === '') return { spec: s, group: 'ROOT', key: '' };
  if (s === '/') return { spec: s, group: 'DEFAULT', key: '/' };
  if (s === '/*') return { spec: s, group: 'PREFIX_GLOB', key: '' };
  if (s.startsWith('*.')) {
    if (s.includes('/')) throw new TypeError(`Cannot parse servlet path spec '${spec}': a suffix spec cannot contain '/'`);
    return { spec: s, group: 'SUFFIX_GLOB', key: s.slice(1) };
  }
  if (!s.startsWith('/')) throw new TypeError(`Cannot parse servlet path spec '${spec}': it must start with '/' or '*.'`);
  if (s.endsWith('/*')) {
    const prefix = s.slice(0, -2);
    if (prefix.includes('*')) throw new TypeError(`Cannot parse servlet path spec '${spec}': '*' is only allowed at the end`);
    return { spec: s, group: 'PREFIX_GLOB', key: prefix };
  }
  if (s.includes('*')) throw new TypeError(`Cannot parse servlet path spec '${spec}': '*' is only allowed as '/*' or '*.ext'`);
  return { spec: s, group: 'EXACT', key: s };
}

/** True when `path` (in context) matches the spec. */
export function matchesPathSpec(ps: PathSpec, path: string): boolean {
  switch (ps.group) {
    case 'ROOT':
      return path === '/';
    case 'EXACT':
      return path === ps.key;
    case 'PREFIX_GLOB':
      return ps.key === '' || path === ps.key || path.startsWith(`${ps.key}/`);
    case 'SUFFIX_GLOB':
      return path.slice(path.lastIndexOf('/') + 1).endsWith(ps.key);
    case 'DEFAULT':
      return true;
    default:
      return false;
  }
}

/** The servletPath and pathInfo a match of `ps` on `path` gives. */
export function splitPath(ps: PathSpec, path: string): { servletPath: string; pathInfo: string | null } {
  return { servletPath: servletPathOf(ps, path), pathInfo: pathInfoOf(ps, path) };
}

/** The servletPath a match of `ps` on `path` gives (splitPath's first half, without an object per request). */
export function servletPathOf(ps: PathSpec, path: string): string {
  return ps.group === 'ROOT' || ps.group === 'PREFIX_GLOB' ? ps.key : path;
}

/** The pathInfo a match of `ps` on `path` gives (splitPath's second half). */
export function pathInfoOf(ps: PathSpec, path: string): string | null {
  if (ps.group === 'ROOT') return '/';
  if (ps.group !== 'PREFIX_GLOB') return null;
  if (ps.key === '') return path;
  return path.length > ps.key.length ? path.slice(ps.key.length) : null;
}

/** A table of path specs → values, matched in the servlet spec's order; built once, matched per request. */
export class PathMappings<T> {
  private readonly _exact = new Map<string, { ps: PathSpec; value: T }>();
  private _prefixes: { ps: PathSpec; value: T }[] = [];
  private readonly _suffixes = new Map<string, { ps: PathSpec; value: T }>();
  private _default: { ps: PathSpec; value: T } | null = null;
  private _root: { ps: PathSpec; value: T } | null = null;

  /** Adds a mapping; a later mapping of the same spec replaces the earlier one. */
  put(spec: string, value: T): void {
    const ps = parsePathSpec(spec);
    const entry = { ps, value };
    switch (ps.group) {
      case 'ROOT':
        this._root = entry;
        break;
      case 'EXACT':
        this._exact.set(ps.key, entry);
        break;
      case 'PREFIX_GLOB':
        this._prefixes = this._prefixes.filter((p) => p.ps.key !== ps.key);
        this._prefixes.push(entry);
        this._prefixes.sort((a, b) => b.ps.key.length - a.ps.key.length);
        break;
      case 'SUFFIX_GLOB':
        this._suffixes.set(ps.key, entry);
        break;
      case 'DEFAULT':
        this._default = entry;
        break;
      default:
        break;
    }
  }

  /** The best match for `path`: exact (and root), then longest prefix, then suffix, then default. */
  match(path: string): { ps: PathSpec; value: T } | null {
    if (path === '/' && this._root) return this._root;
    const exact = this._exact.get(path);
    if (exact) return exact;
    for (const p of this._prefixes) if (matchesPathSpec(p.ps, path)) return p;
    const slash = path.lastIndexOf('/');
    const last = path.slice(slash + 1);
    let dot = last.indexOf('.');
    while (dot >= 0) {
      const s = this._suffixes.get(last.slice(dot));
      if (s) return s;
      dot = last.indexOf('.', dot + 1);
    }
    return this._default;
  }

  /** The value mapped to exactly this spec. */
  get(spec: string): T | undefined {
    const ps = parsePathSpec(spec);
    switch (ps.group) {
      case 'ROOT':
        return this._root?.value;
      case 'EXACT':
        return this._exact.get(ps.key)?.value;
      case 'PREFIX_GLOB':
        return this._prefixes.find((p) => p.ps.key === ps.key)?.value;
      case 'SUFFIX_GLOB':
        return this._suffixes.get(ps.key)?.value;
      case 'DEFAULT':
        return this._default?.value;
      default:
        return undefined;
    }
  }
}
