/**
 * The descriptors of one web app (defaults, web.xml, overrides) and their merge into the effective
 * configuration, following Jetty's precedence (org.eclipse.jetty.webapp.MetaData).
 * @module
 */
import { SourceLocation } from '../util/errors';
import {
  CookieConfigDescriptor,
  DispatcherType,
  ErrorPageDescriptor,
  FilterDescriptor,
  FilterMappingDescriptor,
  ListenerDescriptor,
  ServletDescriptor,
  WebDescriptor,
} from './descriptor/web-descriptor';
import type { LoginConfigDescriptor, SecurityConstraintDescriptor, SecurityRoleDescriptor } from './descriptor/security-constraint';
import { DescriptorError } from './errors';

/** A servlet after merging: later descriptors add init params and replace class and load-on-startup. */
export interface EffectiveServlet {
  name: string;
  className: string | null;
  initParams: Map<string, string>;
  loadOnStartup: number | null;
  asyncSupported: boolean;
  enabled: boolean;
  location: SourceLocation;
}

export interface EffectiveServletMapping {
  servletName: string;
  pathSpec: string;
  /** From the defaults descriptor (another descriptor may take the path over). */
  fromDefaults: boolean;
  location: SourceLocation;
}

export interface EffectiveFilter {
  name: string;
  className: string | null;
  initParams: Map<string, string>;
  asyncSupported: boolean;
  location: SourceLocation;
}

export interface EffectiveFilterMapping {
  filterName: string;
  urlPatterns: string[];
  servletNames: string[];
  dispatchers: DispatcherType[];
  location: SourceLocation;
}

export interface EffectiveSessionConfig {
  timeoutMinutes: number | null;
  cookieConfig: CookieConfigDescriptor;
  trackingModes: ('COOKIE' | 'URL' | 'SSL')[] | null;
}

/** What the descriptors of an app say, merged. */
export interface EffectiveWebApp {
  displayName: string | null;
  contextParams: Map<string, string>;
  servlets: EffectiveServlet[];
  servletMappings: EffectiveServletMapping[];
  filters: EffectiveFilter[];
  filterMappings: EffectiveFilterMapping[];
  listeners: ListenerDescriptor[];
  welcomeFiles: string[] | null;
  /** Key: the status code as a string, an exception type, or `org.eclipse.jetty.server.error_page.global`. */
  errorPages: Map<string, ErrorPageDescriptor>;
  sessionConfig: EffectiveSessionConfig | null;
  mimeMappings: Map<string, string>;
  /** Every descriptor's `<security-constraint>`s, in descriptor order. */
  securityConstraints: SecurityConstraintDescriptor[];
  /** The last descriptor's `<login-config>`, or null. */
  loginConfig: LoginConfigDescriptor | null;
  /** Every descriptor's `<security-role>`s. */
  securityRoles: SecurityRoleDescriptor[];
  /** The location of a `<deny-uncovered-http-methods/>` in any descriptor, or null. */
  denyUncoveredHttpMethods: SourceLocation | null;
}

/** The key Jetty's ErrorPageErrorHandler uses for an error page without code or exception type. */
export const GLOBAL_ERROR_PAGE = 'org.eclipse.jetty.server.error_page.global';

/**
 * Jetty's MetaData, reduced to descriptors: `webDefaults` (webdefault.xml), `webXml` (WEB-INF/web.xml)
 * and `overrides` (override descriptors), resolved in that order. Rules (as Jetty's
 * StandardDescriptorProcessor): a servlet or filter declared again is merged (init params added,
 * class/load-on-startup replaced); a path mapped by the defaults is taken over by a later descriptor,
 * two non-default mappings of one path are an error; the first welcome-file-list after the defaults
 * replaces the defaults' list; context params, error pages, mime mappings and session settings: later wins.
 */
export class MetaData {
  webDefaults: WebDescriptor | null = null;
  webXml: WebDescriptor | null = null;
  readonly overrides: WebDescriptor[] = [];

  setDefaults(d: WebDescriptor | null): void {
    this.webDefaults = d;
  }
  setWebXml(d: WebDescriptor | null): void {
    this.webXml = d;
  }
  addOverride(d: WebDescriptor): void {
    this.overrides.push(d);
  }

  /** Merges the descriptors; throws DescriptorError (with the location) on conflicting mappings. */
  resolve(): EffectiveWebApp {
    const out: EffectiveWebApp = {
      displayName: null,
      contextParams: new Map(),
      servlets: [],
      servletMappings: [],
      filters: [],
      filterMappings: [],
      listeners: [],
      welcomeFiles: null,
      errorPages: new Map(),
      sessionConfig: null,
      mimeMappings: new Map(),
      securityConstraints: [],
      loginConfig: null,
      securityRoles: [],
      denyUncoveredHttpMethods: null,
    };
    const ordered: [WebDescriptor, boolean][] = [];
    if (this.webDefaults) ordered.push([this.webDefaults, true]);
    if (this.webXml) ordered.push([this.webXml, false]);
    for (const o of this.overrides) ordered.push([o, false]);
    let welcomeFromDefaults = true;
    for (const [d, isDefaults] of ordered) {
      if (d.displayName !== null) out.displayName = d.displayName;
      for (const [k, v] of d.contextParams) out.contextParams.set(k, v);
      for (const s of d.servlets) mergeServlet(out.servlets, s);
      for (const m of d.servletMappings)
        for (const p of m.urlPatterns) addServletMapping(out.servletMappings, m.servletName, p, isDefaults, m.location);
      for (const f of d.filters) mergeFilter(out.filters, f);
      for (const fm of d.filterMappings) out.filterMappings.push(copyFilterMapping(fm));
      for (const l of d.listeners) {
        if (!out.listeners.some((x) => x.className === l.className)) out.listeners.push(l);
      }
      if (d.welcomeFiles !== null) {
        if (!isDefaults && welcomeFromDefaults) {
          out.welcomeFiles = [];
          welcomeFromDefaults = false;
        }
        out.welcomeFiles = [...(out.welcomeFiles ?? []), ...d.welcomeFiles.filter((w) => !(out.welcomeFiles ?? []).includes(w))];
      }
      for (const e of d.errorPages) out.errorPages.set(errorPageKey(e), e);
      if (d.sessionConfig) {
        const sc = out.sessionConfig ?? { timeoutMinutes: null, cookieConfig: {}, trackingModes: null };
        if (d.sessionConfig.timeoutMinutes !== null) sc.timeoutMinutes = d.sessionConfig.timeoutMinutes;
        sc.cookieConfig = { ...sc.cookieConfig, ...d.sessionConfig.cookieConfig };
        if (d.sessionConfig.trackingModes) sc.trackingModes = [...d.sessionConfig.trackingModes];
        out.sessionConfig = sc;
      }
      for (const [k, v] of d.mimeMappings) out.mimeMappings.set(k, v);
      out.securityConstraints.push(...d.securityConstraints);
      if (d.loginConfig !== null) out.loginConfig = d.loginConfig;
      out.securityRoles.push(...d.securityRoles);
      out.denyUncoveredHttpMethods ??= d.denyUncoveredHttpMethods;
    }
    for (const m of out.servletMappings) {
      if (!out.servlets.some((s) => s.name === m.servletName)) {
        throw new DescriptorError(`Cannot map '${m.pathSpec}' to servlet '${m.servletName}': no servlet has that name`, m.location);
      }
    }
    for (const fm of out.filterMappings) {
      if (!out.filters.some((f) => f.name === fm.filterName)) {
        throw new DescriptorError(`Cannot map filter '${fm.filterName}': no filter has that name`, fm.location);
      }
    }
    return out;
  }
}

function errorPageKey(e: ErrorPageDescriptor): string {
  if (e.errorCode !== null) return String(e.errorCode);
  if (e.exceptionType) return e.exceptionType;
  return GLOBAL_ERROR_PAGE;
}

function mergeServlet(list: EffectiveServlet[], s: ServletDescriptor): void {
  const existing = list.find((x) => x.name === s.name);
  if (!existing) {
    list.push({ ...s, initParams: new Map(s.initParams) });
    return;
  }
  if (s.className) existing.className = s.className;
  for (const [k, v] of s.initParams) existing.initParams.set(k, v);
  if (s.loadOnStartup !== null) existing.loadOnStartup = s.loadOnStartup;
  existing.asyncSupported = s.asyncSupported || existing.asyncSupported;
  existing.enabled = s.enabled;
  existing.location = s.location;
}

function mergeFilter(list: EffectiveFilter[], f: FilterDescriptor): void {
  const existing = list.find((x) => x.name === f.name);
  if (!existing) {
    list.push({ ...f, initParams: new Map(f.initParams) });
    return;
  }
  if (f.className) existing.className = f.className;
  for (const [k, v] of f.initParams) existing.initParams.set(k, v);
  existing.asyncSupported = f.asyncSupported || existing.asyncSupported;
}

function copyFilterMapping(fm: FilterMappingDescriptor): EffectiveFilterMapping {
  return {
    filterName: fm.filterName,
    urlPatterns: [...fm.urlPatterns],
    servletNames: [...fm.servletNames],
    dispatchers: [...fm.dispatchers],
    location: fm.location,
  };
}

function addServletMapping(
  list: EffectiveServletMapping[],
  servletName: string,
  pathSpec: string,
  fromDefaults: boolean,
  location: SourceLocation,
): void {
  const i = list.findIndex((m) => m.pathSpec === pathSpec);
  if (i >= 0) {
    const prev = list[i];
    if (prev.fromDefaults && !fromDefaults) {
      list.splice(i, 1);
    } else if (prev.servletName === servletName) return;
    else if (!fromDefaults || !prev.fromDefaults) {
      throw new DescriptorError(
        `Cannot map '${pathSpec}' to servlet '${servletName}': it is already mapped to servlet '${prev.servletName}' at ${prev.location.file}:${prev.location.line}:${prev.location.column}`,
        location,
      );
    } else list.splice(i, 1);
  }
  list.push({ servletName, pathSpec, fromDefaults, location });
}
