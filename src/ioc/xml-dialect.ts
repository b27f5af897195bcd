/**
 * Which Jetty's `XmlConfiguration` a file is read as, from the DTD its DOCTYPE names. Jetty 9.4 and 10
 * agree on almost everything; where they differ, Pier follows the version the file declares:
 * `configure_10_0.dtd` (as the system id, beside 9's public id) is Jetty 10, every older configure DTD (`configure_9_3.dtd`, `9_0`, `7_6`, `6_0`,
 * the undated `configure.dtd` and the public id `-//Jetty//Configure//EN` alone) is Jetty 9.4. A file
 * without a DOCTYPE is read as Jetty 10, whose rules accept every file 9.4's accept.
 * @module
 */
import { XmlDocument } from '../xml';

export type JettyXmlDialect = '9.4' | '10';

export function dialectOf(document: XmlDocument): JettyXmlDialect {
  const doctype = document.doctype;
  if (doctype?.resolved === undefined) return '10';
  // Jetty 10's files keep 9's public id and name the new grammar in their system id.
  if (doctype.resolved === 'configure_10_0.dtd' || doctype.systemId?.endsWith('/configure_10_0.dtd')) return '10';
  return '9.4';
}
