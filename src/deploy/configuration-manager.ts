/**
 * The source of extra XML properties for every deployed context file (org.eclipse.jetty.deploy.ConfigurationManager).
 * @module
 */

/** Jetty's ConfigurationManager: its properties are visible as `<Property>` in each context XML. */
export interface ConfigurationManager {
  getProperties(): Map<string, string>;
}
