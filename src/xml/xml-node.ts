/**
 * The element tree produced by the XML parser: elements, attributes and text, each with its location.
 * @module
 */
import { SourceLocation } from '../util/errors';

/** One attribute, in document order, with the location of its name. */
export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
  readonly location: SourceLocation;
}

/** A run of character data (adjacent text, CDATA and entity references merged into one). */
export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
  readonly location: SourceLocation;
}

/** An element: its local name, ordered attributes, ordered children and the location of its start tag. */
export interface XmlElement {
  readonly kind: 'element';
  /** The local name (any namespace prefix removed). */
  readonly name: string;
  /** The name as written, prefix included. */
  readonly qname: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlChild[];
  readonly location: SourceLocation;
}

export type XmlChild = XmlElement | XmlText;

/** The DOCTYPE of a document and how it was resolved. */
export interface XmlDoctype {
  readonly name: string;
  readonly publicId?: string;
  readonly systemId?: string;
  /** The bundled DTD this DOCTYPE resolves to (e.g. `configure_9_3.dtd`), if it is a known one. */
  readonly resolved?: string;
  readonly location: SourceLocation;
}

/** A parsed document. */
export interface XmlDocument {
  readonly file: string;
  readonly root: XmlElement;
  readonly doctype?: XmlDoctype;
}

/** The value of the attribute `name`, or undefined. */
export function getAttribute(el: XmlElement, name: string): string | undefined {
  for (const a of el.attributes) if (a.name === name) return a.value;
  return undefined;
}

/** The attribute record `name`, or undefined. */
export function findAttribute(el: XmlElement, name: string): XmlAttribute | undefined {
  for (const a of el.attributes) if (a.name === name) return a;
  return undefined;
}

/** The element children of `el`, in order. */
export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element');
}

/** True for a text child made only of XML whitespace. */
export function isBlankText(c: XmlChild): c is XmlText {
  return c.kind === 'text' && /^[ \t\r\n]*$/.test(c.text);
}

/** The concatenated text children of `el` (not descending into child elements). */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
}
