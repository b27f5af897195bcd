/**
 * The table of DTDs the parser knows without any network or file access (Jetty's XmlParser redirects).
 * @module
 */

/**
 * Redirects by public id, system id, or the last path segment of the system id (Jetty's resolution
 * order). The value names the DTD the document declares; nothing is ever fetched.
 */
const BY_PUBLIC_ID: ReadonlyMap<string, string> = new Map([
  ['-//Jetty//Configure//EN', 'configure_9_3.dtd'],
  ['-//Mort Bay Consulting//DTD Configure//EN', 'configure_9_3.dtd'],
  ['-//Sun Microsystems, Inc.//DTD Web Application 2.2//EN', 'web-app_2_2.dtd'],
  ['-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN', 'web-app_2_3.dtd'],
]);

const BY_SYSTEM_ID: ReadonlyMap<string, string> = new Map([
  ['http://jetty.mortbay.org/configure.dtd', 'configure_9_3.dtd'],
  ['http://jetty.eclipse.org/configure.dtd', 'configure_9_3.dtd'],
  ['https://jetty.eclipse.org/configure.dtd', 'configure_9_3.dtd'],
  ['http://www.eclipse.org/jetty/configure.dtd', 'configure_9_3.dtd'],
  ['https://www.eclipse.org/jetty/configure.dtd', 'configure_9_3.dtd'],
  ['http://java.sun.com/j2ee/dtds/web-app_2_2.dtd', 'web-app_2_2.dtd'],
  ['http://java.sun.com/dtd/web-app_2_3.dtd', 'web-app_2_3.dtd'],
]);

const BY_LAST_SEGMENT: ReadonlyMap<string, string> = new Map([
  ['configure.dtd', 'configure_9_0.dtd'],
  ['configure_1_0.dtd', 'configure_6_0.dtd'],
  ['configure_1_1.dtd', 'configure_6_0.dtd'],
  ['configure_1_2.dtd', 'configure_6_0.dtd'],
  ['configure_1_3.dtd', 'configure_6_0.dtd'],
  ['configure_6_0.dtd', 'configure_6_0.dtd'],
  ['configure_7_6.dtd', 'configure_7_6.dtd'],
  ['configure_9_0.dtd', 'configure_9_0.dtd'],
  ['configure_9_3.dtd', 'configure_9_3.dtd'],
  ['configure_10_0.dtd', 'configure_10_0.dtd'],
  ['web-app_2_2.dtd', 'web-app_2_2.dtd'],
  ['web-app_2_3.dtd', 'web-app_2_3.dtd'],
]);

/** Resolves a DOCTYPE's ids to a known DTD name, or undefined when it is unknown. */
export function resolveKnownDtd(publicId: string | undefined, systemId: string | undefined): string | undefined {
  if (publicId !== undefined && BY_PUBLIC_ID.has(publicId)) return BY_PUBLIC_ID.get(publicId);
  if (systemId !== undefined) {
    if (BY_SYSTEM_ID.has(systemId)) return BY_SYSTEM_ID.get(systemId);
    const last = systemId.slice(systemId.lastIndexOf('/') + 1);
    if (BY_LAST_SEGMENT.has(last)) return BY_LAST_SEGMENT.get(last);
  }
  return undefined;
}

/** True when the resolved DTD is one of Jetty's `configure*.dtd` grammars. */
export function isConfigureDtd(resolved: string | undefined): boolean {
  return resolved !== undefined && resolved.startsWith('configure');
}

/**
 * Elements whose content model in the configure DTDs has no `#PCDATA`: with such a DTD loaded, a
 * SAX parser reports whitespace inside them as ignorable, and Jetty's tree drops it.
 */
export const CONFIGURE_ELEMENT_ONLY: ReadonlySet<string> = new Set([
  'Configure',
  'Get',
  'Ref',
  'New',
  'Call',
  'Array',
  'Map',
  'Entry',
  'Property',
  'SystemProperty',
  'Env',
]);
