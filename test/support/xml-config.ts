/**
 * Builds XmlConfigurations from inline XML for tests.
 * @module
 */
import { XmlConfiguration, XmlConfigurationOptions } from '../../src/ioc/xml-configuration';

export const DOCTYPE_9_3 = '<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">';

/** An XmlConfiguration of `body` wrapped as `<Configure ...attrs>body</Configure>`, named `test.xml`. */
export function xmlConfig(body: string, options: XmlConfigurationOptions & { attrs?: string; doctype?: boolean } = {}): XmlConfiguration {
  const text = `<?xml version="1.0"?>\n${options.doctype === false ? '' : `${DOCTYPE_9_3}\n`}<Configure${options.attrs ? ` ${options.attrs}` : ''}>\n${body}\n</Configure>\n`;
  return XmlConfiguration.fromString(text, 'test.xml', options);
}

/** Runs `fn` and returns the error it throws (fails if it does not throw). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, none was thrown');
}
