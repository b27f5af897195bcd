/**
 * The consistency check between our located element tree and fast-xml-parser's preserveOrder tree.
 * @module
 */
import { XMLParser } from 'fast-xml-parser';
import { SourceLocation } from '../util/errors';
import { XmlSyntaxError } from './xml-syntax-error';
import { XmlDocument, XmlElement } from './xml-node';

const CHECKER = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, trimValues: false,
  processEntities: false, ignoreDeclaration: true, ignorePiTags: true, commentPropName: '#comment', cdataPropName: '#cdata',
});

/** Element names in document pre-order from fast-xml-parser's preserveOrder tree. */
function checkerNames(nodes: unknown[], out: string[]): string[] {
  for (const n of nodes) {
    for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
      if (k === ':@' || k === '#text' || k === '#comment' || k === '#cdata') continue;
      out.push(k);
      if (Array.isArray(v)) checkerNames(v, out);
    }
  }
  return out;
}

function scannerNames(el: XmlElement, out: string[]): string[] {
  out.push(el.qname);
  for (const c of el.children) if (c.kind === 'element') scannerNames(c, out);
  return out;
}

/** The 1-based line and column of a character offset. */
function offsetLocation(text: string, offset: number, file: string): SourceLocation {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { file, line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Consistency check: fast-xml-parser's tree and ours must list the same elements in document
 * pre-order (a disagreement is a parser bug, reported at the first differing element).
 */
export function crossCheck(body: string, doc: XmlDocument, file: string): void {
  let parsed: unknown[];
  try {
    parsed = CHECKER.parse(body) as unknown[];
  } catch (err) {
    // Our scanner and the validator accepted the text but fast-xml-parser's tree builder did not (for
    // example a malformed XML declaration): still a syntax error, and still located. fast-xml-parser
    // gives no position here, so it is reported at the document's first element.
    const msg = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
    const pi = /\bPi Tag\b/i.test(msg) ? body.indexOf('<?') : -1;
    const at = pi >= 0 ? offsetLocation(body, pi, file) : doc.root.location.file === file ? doc.root.location : { file, line: 1, column: 1 };
    throw new XmlSyntaxError(`Cannot parse XML: ${msg}`, at, { cause: err });
  }
  const theirs = checkerNames(parsed, []);
  const ours = scannerNames(doc.root, []);
  if (theirs.length === ours.length && theirs.every((n, i) => n === ours[i])) return;
  let i = 0;
  while (i < ours.length && theirs[i] === ours[i]) i++;
  const at = ((): SourceLocation => {
    let k = 0;
    let found: SourceLocation = doc.root.location;
    const visit = (el: XmlElement): void => {
      if (k++ === i) found = el.location;
      for (const c of el.children) if (c.kind === 'element') visit(c);
    };
    visit(doc.root);
    return found;
  })();
  throw new XmlSyntaxError(`Cannot parse XML consistently: element #${i + 1} is '${ours[i] ?? '(none)'}' here but '${theirs[i] ?? '(none)'}' for fast-xml-parser`, at.file === file ? at : { file, line: 1, column: 1 });
}
