/**
 * Reads descriptor XML (web.xml, webdefault.xml, override descriptors) into a small located tree,
 * using the shared XML parser from `src/xml` so every error carries file:line:column.
 * @module
 */
import { SourceLocation, formatLocation } from '../../util/errors';
import { parseXml, XmlElement, XmlSyntaxError } from '../../xml';
import { DescriptorError } from '../errors';

/** One element of a descriptor, with where it was written. */
export interface DescriptorNode {
  /** The local name (namespace prefix removed). */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: DescriptorNode[];
  /** The concatenated character data directly inside the element (untrimmed). */
  readonly text: string;
  readonly location: SourceLocation;
}

function toNode(el: XmlElement): DescriptorNode {
  const attributes: Record<string, string> = {};
  for (const a of el.attributes) attributes[a.name.slice(a.name.indexOf(':') + 1)] = a.value;
  return {
    name: el.name,
    attributes,
    children: el.children.filter((c): c is XmlElement => c.kind === 'element').map(toNode),
    text: el.children.map((c) => (c.kind === 'text' ? c.text : '')).join(''),
    location: el.location,
  };
}

/** Parses the text of a descriptor; `file` names it in locations. Throws DescriptorError (cause: XmlSyntaxError). */
export function parseDescriptorXml(text: string, file: string): DescriptorNode {
  try {
    // Descriptors name Sun/Java EE DTDs and schemas we do not bundle; they are never fetched.
    return toNode(parseXml(text, file, { unknownDtd: 'ignore' }).root);
  } catch (err) {
    if (err instanceof XmlSyntaxError) {
      const detail = err.message.slice(formatLocation(err.location).length + 2);
      throw new DescriptorError(`Cannot parse descriptor: ${detail.replace(/^Cannot parse XML: /, '')}`, err.location, { cause: err });
    }
    throw err;
  }
}
