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

/**
 * Consistency check: fast-xml-parser's tree and ours must list the same elements in document
 * pre-order (a disagreement is a parser bug, reported at the first differing element).
 */
export function crossCheck(body: string, doc: XmlDocument, file: string): void {
  const theirs = checkerNames(CHECKER.parse(body) as unknown[], []);
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
