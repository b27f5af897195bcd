/**
 * The model of one `web.xml`-style descriptor (org.eclipse.jetty.webapp.WebDescriptor) and its parser:
 * servlets, filters, listeners, mappings, context params, welcome files, error pages, session config,
 * mime mappings. Parsing only reads; applying is StandardDescriptorProcessor's job.
 * @module
 */
import * as fs from 'node:fs';
import { SourceLocation } from '../../util/errors';
import { DescriptorError } from '../errors';
import { DescriptorNode, parseDescriptorXml } from './descriptor-xml';
import {
  type LoginConfigDescriptor,
  type SecurityConstraintDescriptor,
  type SecurityRoleDescriptor,
  readLoginConfig,
  readSecurityConstraint,
  readSecurityRole,
} from './security-constraint';

export interface ServletDescriptor {
  readonly name: string;
  readonly className: string | null;
  readonly initParams: Map<string, string>;
  /** `<load-on-startup>`: a number (empty element = 0) or null when absent. */
  readonly loadOnStartup: number | null;
  readonly asyncSupported: boolean;
  readonly enabled: boolean;
  readonly location: SourceLocation;
}

export interface ServletMappingDescriptor {
  readonly servletName: string;
  readonly urlPatterns: string[];
  readonly location: SourceLocation;
}

export interface FilterDescriptor {
  readonly name: string;
  readonly className: string | null;
  readonly initParams: Map<string, string>;
  readonly asyncSupported: boolean;
  readonly location: SourceLocation;
}

export type DispatcherType = 'REQUEST' | 'FORWARD' | 'INCLUDE' | 'ERROR' | 'ASYNC';

export interface FilterMappingDescriptor {
  readonly filterName: string;
  readonly urlPatterns: string[];
  readonly servletNames: string[];
  /** Empty means the default (REQUEST only). */
  readonly dispatchers: DispatcherType[];
  readonly location: SourceLocation;
}

export interface ListenerDescriptor {
  readonly className: string;
  readonly location: SourceLocation;
}

export interface ErrorPageDescriptor {
  /** An HTTP status, or null for an exception-type page or the global (default) page. */
  readonly errorCode: number | null;
  readonly exceptionType: string | null;
  /** The path inside the app (`<location>`), starting with `/`. */
  readonly page: string;
  readonly location: SourceLocation;
}

export interface CookieConfigDescriptor {
  name?: string;
  domain?: string;
  path?: string;
  comment?: string;
  httpOnly?: boolean;
  secure?: boolean;
  maxAge?: number;
}

export interface SessionConfigDescriptor {
  /** `<session-timeout>` in minutes (a value <= 0 means never). */
  timeoutMinutes: number | null;
  cookieConfig: CookieConfigDescriptor;
  /** `<tracking-mode>` values, or null when none are given. */
  trackingModes: ('COOKIE' | 'URL' | 'SSL')[] | null;
  readonly location: SourceLocation;
}

/** Everything one descriptor declares, in document order. */
export interface WebDescriptor {
  readonly file: string;
  readonly version: string | null;
  readonly metadataComplete: boolean;
  displayName: string | null;
  distributable: boolean;
  readonly contextParams: Map<string, string>;
  readonly servlets: ServletDescriptor[];
  readonly servletMappings: ServletMappingDescriptor[];
  readonly filters: FilterDescriptor[];
  readonly filterMappings: FilterMappingDescriptor[];
  readonly listeners: ListenerDescriptor[];
  /** null when the descriptor has no `<welcome-file-list>`. */
  welcomeFiles: string[] | null;
  readonly errorPages: ErrorPageDescriptor[];
  sessionConfig: SessionConfigDescriptor | null;
  readonly mimeMappings: Map<string, string>;
  /** `<security-constraint>`s (enforced by the context's ConstraintSecurityHandler). */
  readonly securityConstraints: SecurityConstraintDescriptor[];
  /** `<login-config>`, or null. */
  loginConfig: LoginConfigDescriptor | null;
  /** `<security-role>`s. */
  readonly securityRoles: SecurityRoleDescriptor[];
  /** Where `<deny-uncovered-http-methods/>` is, or null. */
  denyUncoveredHttpMethods: SourceLocation | null;
}

const DISPATCHERS: readonly DispatcherType[] = ['REQUEST', 'FORWARD', 'INCLUDE', 'ERROR', 'ASYNC'];

function fail(detail: string, node: DescriptorNode, cause?: unknown): never {
  throw new DescriptorError(detail, node.location, cause === undefined ? undefined : { cause });
}

function child(node: DescriptorNode, name: string): DescriptorNode | undefined {
  return node.children.find((c) => c.name === name);
}

function childText(node: DescriptorNode, name: string): string | null {
  const c = child(node, name);
  return c ? c.text.trim() : null;
}

function required(node: DescriptorNode, name: string): string {
  const value = childText(node, name);
  if (value === null || value === '') fail(`Cannot read <${node.name}>: <${name}> is missing`, node);
  return value!;
}

function integer(text: string, node: DescriptorNode, what: string): number {
  if (!/^[+-]?\d+$/.test(text)) fail(`Cannot read <${what}> '${text}': not an integer`, node);
  return parseInt(text, 10);
}

function bool(text: string, node: DescriptorNode): boolean {
  const t = text.toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return fail(`Cannot read <${node.name}> '${text}': expected true or false`, node);
}

function initParams(node: DescriptorNode): Map<string, string> {
  const params = new Map<string, string>();
  for (const p of node.children.filter((c) => c.name === 'init-param')) {
    params.set(required(p, 'param-name'), childText(p, 'param-value') ?? '');
  }
  return params;
}

function urlPatterns(node: DescriptorNode): string[] {
  return node.children
    .filter((c) => c.name === 'url-pattern')
    .map((c) => {
      const p = c.text.trim();
      if (!isValidUrlPattern(p)) fail(`Cannot map url-pattern '${p}': not a valid servlet pattern`, c);
      return p;
    });
}

/** True for the servlet spec's pattern forms: exact `/a/b`, prefix `/a/*`, extension `*.ext`, default `/`, root ``. */
export function isValidUrlPattern(p: string): boolean {
  if (p === '' || p === '/' || p === '/*') return true;
  if (p.startsWith('*.')) return p.length > 2 && !p.slice(2).includes('/') && !p.slice(2).includes('*');
  if (!p.startsWith('/')) return false;
  const star = p.indexOf('*');
  return star < 0 || (star === p.length - 1 && p.endsWith('/*'));
}

function readServlet(n: DescriptorNode): ServletDescriptor {
  const los = child(n, 'load-on-startup');
  let loadOnStartup: number | null = null;
  if (los) {
    const t = los.text.trim();
    loadOnStartup = t === '' ? 0 : integer(t, los, 'load-on-startup');
  }
  const className = childText(n, 'servlet-class');
  if (className === null && child(n, 'jsp-file')) {
    fail(`Cannot declare servlet '${childText(n, 'servlet-name')}': <jsp-file> is not supported (no JSP in Pier)`, n);
  }
  const async = childText(n, 'async-supported');
  const enabled = childText(n, 'enabled');
  return {
    name: required(n, 'servlet-name'),
    className,
    initParams: initParams(n),
    loadOnStartup,
    asyncSupported: async ? bool(async, child(n, 'async-supported')!) : false,
    enabled: enabled ? bool(enabled, child(n, 'enabled')!) : true,
    location: n.location,
  };
}

function readFilterMapping(n: DescriptorNode): FilterMappingDescriptor {
  const dispatchers = n.children
    .filter((c) => c.name === 'dispatcher')
    .map((c) => {
      const d = c.text.trim().toUpperCase() as DispatcherType;
      if (!DISPATCHERS.includes(d)) fail(`Cannot map dispatcher '${c.text.trim()}': expected one of ${DISPATCHERS.join(', ')}`, c);
      return d;
    });
  const mapping = {
    filterName: required(n, 'filter-name'),
    urlPatterns: urlPatterns(n),
    servletNames: n.children.filter((c) => c.name === 'servlet-name').map((c) => c.text.trim()),
    dispatchers,
    location: n.location,
  };
  if (mapping.urlPatterns.length === 0 && mapping.servletNames.length === 0) {
    fail(`Cannot map filter '${mapping.filterName}': no <url-pattern> or <servlet-name>`, n);
  }
  return mapping;
}

function readErrorPage(n: DescriptorNode): ErrorPageDescriptor {
  const code = childText(n, 'error-code');
  const page = required(n, 'location');
  if (!page.startsWith('/')) fail(`Cannot declare error page '${page}': the location must start with '/'`, n);
  const errorCode = code === null ? null : integer(code, child(n, 'error-code')!, 'error-code');
  return { errorCode, exceptionType: childText(n, 'exception-type'), page, location: n.location };
}

function readSessionConfig(n: DescriptorNode, previous: SessionConfigDescriptor | null): SessionConfigDescriptor {
  const config: SessionConfigDescriptor = previous ?? { timeoutMinutes: null, cookieConfig: {}, trackingModes: null, location: n.location };
  const timeout = child(n, 'session-timeout');
  if (timeout) config.timeoutMinutes = integer(timeout.text.trim(), timeout, 'session-timeout');
  const cookie = child(n, 'cookie-config');
  if (cookie) {
    const c = config.cookieConfig;
    for (const e of cookie.children) {
      const t = e.text.trim();
      switch (e.name) {
        case 'name':
          c.name = t;
          break;
        case 'domain':
          c.domain = t;
          break;
        case 'path':
          c.path = t;
          break;
        case 'comment':
          c.comment = t;
          break;
        case 'http-only':
          c.httpOnly = bool(t, e);
          break;
        case 'secure':
          c.secure = bool(t, e);
          break;
        case 'max-age':
          c.maxAge = integer(t, e, 'max-age');
          break;
        default:
          fail(`Cannot read <cookie-config>: unknown element <${e.name}>`, e);
      }
    }
  }
  const modes = n.children.filter((c) => c.name === 'tracking-mode');
  if (modes.length > 0) {
    config.trackingModes = modes.map((m) => {
      const t = m.text.trim().toUpperCase();
      if (t !== 'COOKIE' && t !== 'URL' && t !== 'SSL') fail(`Cannot read <tracking-mode> '${m.text.trim()}': expected COOKIE, URL or SSL`, m);
      return t as 'COOKIE' | 'URL' | 'SSL';
    });
  }
  return config;
}

/** Reads a descriptor from its parsed root element. */
export function readWebDescriptor(root: DescriptorNode, file: string): WebDescriptor {
  if (root.name !== 'web-app' && root.name !== 'web-fragment') {
    fail(`Cannot read descriptor '${file}': the root element is <${root.name}>, expected <web-app>`, root);
  }
  const d: WebDescriptor = {
    file,
    version: root.attributes.version ?? null,
    metadataComplete: (root.attributes['metadata-complete'] ?? '').toLowerCase() === 'true',
    displayName: null,
    distributable: false,
    contextParams: new Map(),
    servlets: [],
    servletMappings: [],
    filters: [],
    filterMappings: [],
    listeners: [],
    welcomeFiles: null,
    errorPages: [],
    sessionConfig: null,
    mimeMappings: new Map(),
    securityConstraints: [],
    loginConfig: null,
    securityRoles: [],
    denyUncoveredHttpMethods: null,
  };
  for (const n of root.children) {
    switch (n.name) {
      case 'display-name':
        d.displayName = n.text.trim();
        break;
      case 'distributable':
        d.distributable = true;
        break;
      case 'context-param':
        d.contextParams.set(required(n, 'param-name'), childText(n, 'param-value') ?? '');
        break;
      case 'servlet':
        d.servlets.push(readServlet(n));
        break;
      case 'servlet-mapping': {
        const patterns = urlPatterns(n);
        if (patterns.length === 0) fail(`Cannot map servlet '${childText(n, 'servlet-name')}': no <url-pattern>`, n);
        d.servletMappings.push({ servletName: required(n, 'servlet-name'), urlPatterns: patterns, location: n.location });
        break;
      }
      case 'filter': {
        const async = childText(n, 'async-supported');
        d.filters.push({
          name: required(n, 'filter-name'),
          className: childText(n, 'filter-class'),
          initParams: initParams(n),
          asyncSupported: async ? bool(async, child(n, 'async-supported')!) : false,
          location: n.location,
        });
        break;
      }
      case 'filter-mapping':
        d.filterMappings.push(readFilterMapping(n));
        break;
      case 'listener':
        d.listeners.push({ className: required(n, 'listener-class'), location: n.location });
        break;
      case 'welcome-file-list':
        d.welcomeFiles = [...(d.welcomeFiles ?? []), ...n.children.filter((c) => c.name === 'welcome-file').map((c) => c.text.trim())];
        break;
      case 'error-page':
        d.errorPages.push(readErrorPage(n));
        break;
      case 'session-config':
        d.sessionConfig = readSessionConfig(n, d.sessionConfig);
        break;
      case 'mime-mapping': {
        const ext = required(n, 'extension').replace(/^\./, '').toLowerCase();
        d.mimeMappings.set(ext, required(n, 'mime-type'));
        break;
      }
      case 'security-constraint':
        d.securityConstraints.push(readSecurityConstraint(n));
        break;
      case 'deny-uncovered-http-methods':
        d.denyUncoveredHttpMethods = n.location;
        break;
      case 'login-config':
        d.loginConfig = readLoginConfig(n);
        break;
      case 'security-role':
        d.securityRoles.push(readSecurityRole(n));
        break;
      default:
        break; // description, icon, ... are tolerated and ignored
    }
  }
  return d;
}

/** Parses a descriptor file; errors carry its file:line:column. */
export function parseWebDescriptor(file: string): WebDescriptor {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new DescriptorError(`Cannot read descriptor '${file}': ${(err as Error).message}`, undefined, { cause: err });
  }
  return readWebDescriptor(parseDescriptorXml(text, file), file);
}
