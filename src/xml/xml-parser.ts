/**
 * Parses XML text, in one pass, into an element tree whose every element, attribute and text run
 * carries its location; the same pass checks well-formedness and applies the DOCTYPE and entity policy
 * (no file or network access, no external entities, bounded expansion and nesting).
 * @module
 */
import { SourceLocation } from '../util/errors';
import { XmlSyntaxError } from './xml-syntax-error';
import { XmlAttribute, XmlChild, XmlDoctype, XmlDocument, XmlElement, XmlText } from './xml-node';
import { CONFIGURE_ELEMENT_ONLY, isConfigureDtd, resolveKnownDtd } from './known-dtds';

/** What to do with a DOCTYPE naming an external DTD that is not in the bundled table. */
export type UnknownDtdPolicy = 'refuse' | 'ignore';

export interface XmlParseOptions {
  /**
   * `refuse` (default): throw a located XmlSyntaxError. `ignore`: parse as if the DOCTYPE had no
   * external DTD and report a warning through `onWarning`. The DTD is never fetched either way.
   */
  readonly unknownDtd?: UnknownDtdPolicy;
  /** Receives warnings (ignored DTDs); default: none are reported. */
  readonly onWarning?: (message: string, location: SourceLocation) => void;
  /** Maximum total number of characters produced by expanding internal entities (default 1,000,000). */
  readonly maxEntityExpansion?: number;
  /**
   * When a known configure DTD is declared, drop whitespace text inside element-only elements and
   * normalise `id` attributes, as Jetty's parser does with the DTD loaded (default true).
   */
  readonly applyDtdWhitespaceRules?: boolean;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** XML 1.0's NameStartChar and NameChar (the Basic Multilingual Plane part). */
const NAME_START_RANGES =
  ':A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_START = new RegExp(`[${NAME_START_RANGES}]`);
// the combining marks (U+0300-U+036F) open the class, so that no character before them reads as their base
const NAME_CHAR = new RegExp(`[\\u0300-\\u036F${NAME_START_RANGES}\\-.0-9\\u00B7\\u203F-\\u2040]`);
/** A character outside XML 1.0's Char production (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const MAX_ENTITY_DEPTH = 16;
/**
 * How deep elements may nest. Real configuration files stay far below it; a hostile file cannot make
 * the interpreter, which walks the tree recursively, run out of stack.
 */
export const MAX_ELEMENT_DEPTH = 100;
/** The XML declaration's pseudo-attributes, in the order XML allows them. */
const XML_DECLARATION =
  /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/y;

interface MutableElement {
  kind: 'element';
  name: string;
  qname: string;
  attributes: XmlAttribute[];
  children: XmlChild[];
  location: SourceLocation;
}

/** A one-pass scanner over normalised text that builds the tree. */
class Scanner {
  private pos = 0;
  private readonly lineStarts: number[] = [0];
  private readonly entities = new Map<string, string>();
  private expanded = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly options: XmlParseOptions,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  locate(offset: number): SourceLocation {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  private fail(detail: string, offset = this.pos): never {
    throw new XmlSyntaxError(detail, this.locate(offset));
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /[ \t\r\n]/.test(this.text[this.pos])) this.pos++;
  }

  private skipPast(marker: string, what: string): number {
    const end = this.text.indexOf(marker, this.pos);
    if (end < 0) this.fail(`Cannot parse ${what}: it is never closed with '${marker}'`);
    const start = this.pos;
    this.pos = end + marker.length;
    return start;
  }

  private readName(what: string): string {
    const start = this.pos;
    if (!NAME_START.test(this.text[this.pos] ?? '')) this.fail(`Cannot parse ${what}: expected a name`);
    while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private readQuoted(what: string): string {
    const q = this.text[this.pos];
    if (q !== '"' && q !== "'") this.fail(`Cannot parse ${what}: expected a quoted string`);
    const end = this.text.indexOf(q, this.pos + 1);
    if (end < 0) this.fail(`Cannot parse ${what}: the quoted string is never closed`);
    const s = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return s;
  }

  /** Resolves `&...;` references in `raw` (found at `offset`), expanding internal entities with limits. */
  private decode(raw: string, offset: number, depth = 0): string {
    if (raw.indexOf('&') < 0) return raw;
    return raw.replace(/&([^;&\s]*);?/g, (m, ref: string, at: number) => {
      const where = depth === 0 ? offset + at : offset;
      if (!m.endsWith(';')) this.fail(`Cannot resolve reference '${m}': a reference must end with ';'`, where);
      if (ref.startsWith('#x') || ref.startsWith('#')) {
        const hex = ref.startsWith('#x');
        const digits = ref.slice(hex ? 2 : 1);
        const cp = hex ? /^[0-9a-fA-F]+$/.test(digits) && parseInt(digits, 16) : /^[0-9]+$/.test(digits) && parseInt(digits, 10);
        if (cp === false || cp <= 0 || cp > 0x10ffff) this.fail(`Cannot resolve character reference '${m}': not a valid code point`, where);
        return String.fromCodePoint(cp);
      }
      if (Object.prototype.hasOwnProperty.call(PREDEFINED, ref)) return PREDEFINED[ref];
      const value = this.entities.get(ref);
      if (value === undefined) this.fail(`Cannot resolve entity '${m}': it is not declared`, where);
      if (depth >= MAX_ENTITY_DEPTH) this.fail(`Cannot expand entity '${m}': entities nest deeper than ${MAX_ENTITY_DEPTH}`, where);
      const out = this.decode(value, where, depth + 1);
      this.expanded += out.length;
      const max = this.options.maxEntityExpansion ?? 1_000_000;
      if (this.expanded > max) {
        this.fail(`Cannot expand entity '${m}': entity expansion exceeds ${max} characters (an entity bomb?)`, where);
      }
      return out;
    });
  }

  parse(): XmlDocument {
    const bad = NOT_XML_CHAR.exec(this.text);
    if (bad) {
      const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      this.fail(`Cannot parse XML: the character U+${code} is not allowed in an XML document`, bad.index);
    }
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (this.startsWith('<?xml') && !NAME_CHAR.test(this.text[this.pos + 5] ?? '')) this.parseXmlDeclaration();
    let doctype: XmlDoctype | undefined;
    let root: XmlElement | undefined;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) break;
      if (this.startsWith('<?')) this.skipProcessingInstruction();
      else if (this.startsWith('<!--')) this.skipPast('-->', 'comment');
      else if (this.startsWith('<!DOCTYPE')) {
        if (doctype || root) this.fail('Cannot parse DOCTYPE: it must come once, before the root element');
        doctype = this.parseDoctype();
      } else if (this.startsWith('<')) {
        if (root) this.fail('Cannot parse document: only one root element is allowed');
        root = this.parseElement(doctype);
      } else this.fail('Cannot parse document: text is not allowed outside the root element');
    }
    if (!root) this.fail('Cannot parse document: there is no root element');
    return { file: this.file, root, doctype };
  }

  /** The XML declaration at the very start: version, then optional encoding and standalone, well-formed. */
  private parseXmlDeclaration(): void {
    const start = this.pos;
    XML_DECLARATION.lastIndex = start;
    if (!XML_DECLARATION.test(this.text)) {
      this.fail('Cannot parse XML declaration: expected <?xml version="1.x" [encoding="..."] [standalone="yes|no"]?>', start);
    }
    this.pos = XML_DECLARATION.lastIndex;
  }

  /** Skips `<?target ...?>`; the target must be a name, and `xml` (any case) only starts a document. */
  private skipProcessingInstruction(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.readName('processing instruction');
    if (target.toLowerCase() === 'xml') {
      this.fail(`Cannot parse processing instruction '${target}': the XML declaration is only allowed at the start of the document`, start);
    }
    if (!this.startsWith('?>') && !/[ \t\n]/.test(this.text[this.pos] ?? '')) {
      this.fail(`Cannot parse processing instruction '${target}': expected whitespace or '?>' after its target`);
    }
    this.skipPast('?>', 'processing instruction');
  }

  private parseDoctype(): XmlDoctype {
    const start = this.pos;
    this.pos += '<!DOCTYPE'.length;
    this.skipSpace();
    const name = this.readName('DOCTYPE');
    this.skipSpace();
    let publicId: string | undefined;
    let systemId: string | undefined;
    if (this.startsWith('PUBLIC')) {
      this.pos += 6;
      this.skipSpace();
      const at = this.pos + 1;
      publicId = this.readQuoted('DOCTYPE public id');
      this.skipSpace();
      const bad = /[^ \na-zA-Z0-9\-'()+,./:=?;!*#@$_%]/.exec(publicId);
      if (bad) this.fail(`Cannot parse DOCTYPE public id "${publicId}": the character '${bad[0]}' is not allowed in a public id`, at + bad.index);
      if (this.text[this.pos] === '"' || this.text[this.pos] === "'") systemId = this.readQuoted('DOCTYPE system id');
    } else if (this.startsWith('SYSTEM')) {
      this.pos += 6;
      this.skipSpace();
      systemId = this.readQuoted('DOCTYPE system id');
    }
    this.skipSpace();
    if (this.text[this.pos] === '[') {
      this.pos++;
      this.parseInternalSubset();
    }
    this.skipSpace();
    if (this.text[this.pos] !== '>') this.fail("Cannot parse DOCTYPE: expected '>'");
    this.pos++;
    const location = this.locate(start);
    const resolved = resolveKnownDtd(publicId, systemId);
    if (resolved === undefined && systemId !== undefined) {
      const what = publicId !== undefined ? `PUBLIC "${publicId}" "${systemId}"` : `SYSTEM "${systemId}"`;
      if ((this.options.unknownDtd ?? 'refuse') === 'refuse') {
        throw new XmlSyntaxError(`Cannot load DTD ${what}: it is not a known Jetty DTD and external DTDs are never fetched`, location);
      }
      this.options.onWarning?.(`Ignored unknown external DTD ${what}: it was not fetched`, location);
    }
    return { name, publicId, systemId, resolved, location };
  }

  private parseInternalSubset(): void {
    for (let guard = 0; guard < 100_000; guard++) {
      this.skipSpace();
      if (this.pos >= this.text.length) this.fail('Cannot parse DOCTYPE: the internal subset is never closed');
      if (this.text[this.pos] === ']') {
        this.pos++;
        return;
      }
      if (this.startsWith('<!--')) {
        this.skipPast('-->', 'comment');
        continue;
      }
      if (this.startsWith('<?')) {
        this.skipProcessingInstruction();
        continue;
      }
      if (this.startsWith('<!ENTITY')) {
        this.parseEntityDecl();
        continue;
      }
      if (this.startsWith('<!')) {
        this.skipDeclaration();
        continue;
      }
      if (this.text[this.pos] === '%') {
        this.fail('Cannot use parameter entity reference: parameter entities are not supported');
      }
      this.fail('Cannot parse DOCTYPE internal subset: unexpected text');
    }
    this.fail('Cannot parse DOCTYPE internal subset: too many declarations');
  }

  private skipDeclaration(): void {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '"' || c === "'") {
        this.readQuoted('declaration');
        continue;
      }
      this.pos++;
      if (c === '>') return;
    }
    this.fail('Cannot parse declaration: it is never closed', start);
  }

  private parseEntityDecl(): void {
    const start = this.pos;
    this.pos += '<!ENTITY'.length;
    this.skipSpace();
    const parameter = this.text[this.pos] === '%';
    if (parameter) {
      this.pos++;
      this.skipSpace();
    }
    const name = this.readName('ENTITY declaration');
    this.skipSpace();
    if (this.startsWith('SYSTEM') || this.startsWith('PUBLIC')) {
      this.fail(`Cannot declare external entity '${name}': external entities are refused (no file or network access)`, start);
    }
    const value = this.readQuoted(`ENTITY '${name}'`);
    this.skipSpace();
    if (this.text[this.pos] !== '>') this.fail(`Cannot parse ENTITY '${name}': expected '>'`);
    this.pos++;
    if (!parameter && !this.entities.has(name)) this.entities.set(name, value);
  }

  private parseElement(doctype: XmlDoctype | undefined): XmlElement {
    const dtdRules = (this.options.applyDtdWhitespaceRules ?? true) && isConfigureDtd(doctype?.resolved);
    const stack: MutableElement[] = [];
    let textStart = -1;
    let textBuf = '';
    const flush = (): void => {
      if (textStart < 0) return;
      const parent = stack[stack.length - 1];
      const last = parent.children[parent.children.length - 1];
      if (last && last.kind === 'text') {
        parent.children[parent.children.length - 1] = { kind: 'text', text: last.text + textBuf, location: last.location };
      } else {
        parent.children.push({ kind: 'text', text: textBuf, location: this.locate(textStart) } as XmlText);
      }
      textStart = -1;
      textBuf = '';
    };
    const addText = (s: string, at: number): void => {
      if (stack.length === 0) return;
      if (textStart < 0) textStart = at;
      textBuf += s;
    };
    let root: XmlElement | undefined;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c !== '<') {
        const end = this.text.indexOf('<', this.pos);
        const stop = end < 0 ? this.text.length : end;
        const raw = this.text.slice(this.pos, stop);
        if (stack.length === 0) {
          if (/\S/.test(raw)) this.fail('Cannot parse document: text is not allowed outside the root element');
        } else {
          const gt = raw.indexOf(']]>');
          if (gt >= 0) this.fail("Cannot parse text: ']]>' is not allowed in character data", this.pos + gt);
          addText(this.decode(raw, this.pos), this.pos);
        }
        this.pos = stop;
        if (stack.length === 0 && root) return root;
        continue;
      }
      if (this.startsWith('<!--')) {
        this.skipPast('-->', 'comment');
        continue;
      }
      if (this.startsWith('<![CDATA[')) {
        if (stack.length === 0) this.fail('Cannot parse CDATA: it must be inside an element');
        const at = this.pos;
        const start = this.skipPast(']]>', 'CDATA section') + 9;
        addText(this.text.slice(start, this.pos - 3), at);
        continue;
      }
      if (this.startsWith('<?')) {
        this.skipProcessingInstruction();
        continue;
      }
      if (this.startsWith('<!')) this.fail('Cannot parse markup declaration: only allowed in the DOCTYPE');
      if (this.startsWith('</')) {
        const at = this.pos;
        this.pos += 2;
        const qname = this.readName('end tag');
        this.skipSpace();
        if (this.text[this.pos] !== '>') this.fail(`Cannot parse end tag '${qname}': expected '>'`);
        this.pos++;
        const open = stack[stack.length - 1];
        if (!open) this.fail(`Cannot close element '${qname}': no element is open`, at);
        if (open.qname !== qname) {
          this.fail(
            `Cannot parse XML: Expected closing tag '${open.qname}' (opened in line ${open.location.line}, col ${open.location.column}) instead of closing tag '${qname}'`,
            at,
          );
        }
        flush();
        const done = stack.pop() as MutableElement;
        this.finishElement(done, dtdRules);
        if (stack.length === 0) {
          root = done;
          return root;
        }
        continue;
      }
      // start tag
      flush();
      const at = this.pos;
      const el = this.parseStartTag();
      if (stack.length > 0) stack[stack.length - 1].children.push(el.element);
      if (el.selfClosing) {
        this.finishElement(el.element, dtdRules);
        if (stack.length === 0) return el.element;
      } else {
        if (stack.length > MAX_ELEMENT_DEPTH) {
          this.fail(`Cannot parse element '${el.element.qname}': elements nest deeper than ${MAX_ELEMENT_DEPTH}`, at);
        }
        stack.push(el.element);
      }
    }
    if (stack.length > 0) {
      const open = stack[stack.length - 1];
      this.fail(
        `Cannot parse element '${open.qname}': it is never closed (document ends first)`,
        open.location.line === 0 ? this.pos : this.offsetOf(open.location),
      );
    }
    this.fail('Cannot parse document: there is no root element');
  }

  private offsetOf(loc: SourceLocation): number {
    return this.lineStarts[loc.line - 1] + loc.column - 1;
  }

  private finishElement(el: MutableElement, dtdRules: boolean): void {
    if (!dtdRules) return;
    if (CONFIGURE_ELEMENT_ONLY.has(el.name)) {
      el.children = el.children.filter((c) => !(c.kind === 'text' && /^[ \t\r\n]*$/.test(c.text)));
    }
    el.attributes = el.attributes.map((a) => (a.name === 'id' ? { ...a, value: a.value.replace(/ +/g, ' ').trim() } : a));
  }

  private parseStartTag(): { element: MutableElement; selfClosing: boolean } {
    const start = this.pos;
    this.pos++;
    const qname = this.readName('start tag');
    const attributes: XmlAttribute[] = [];
    // Names seen in this tag, for the repeated-attribute check: a set keeps a tag with many attributes
    // linear (comparing with every earlier attribute froze a hot deploy for seconds on 60,000).
    const seen = new Set<string>();
    for (;;) {
      const hadSpace = /[ \t\r\n]/.test(this.text[this.pos] ?? '');
      this.skipSpace();
      if (this.pos >= this.text.length) this.fail(`Cannot parse start tag '${qname}': it is never closed`, start);
      if (this.startsWith('/>')) {
        this.pos += 2;
        return { element: this.makeElement(qname, attributes, start), selfClosing: true };
      }
      if (this.text[this.pos] === '>') {
        this.pos++;
        return { element: this.makeElement(qname, attributes, start), selfClosing: false };
      }
      if (!hadSpace) this.fail(`Cannot parse start tag '${qname}': expected whitespace before an attribute`);
      const at = this.pos;
      const aname = this.readName(`attribute of '${qname}'`);
      this.skipSpace();
      if (this.text[this.pos] !== '=') this.fail(`Cannot parse attribute '${aname}': expected '='`);
      this.pos++;
      this.skipSpace();
      const valueAt = this.pos + 1;
      const raw = this.readQuoted(`attribute '${aname}'`);
      if (raw.includes('<')) this.fail(`Cannot parse attribute '${aname}': '<' is not allowed in an attribute value`, valueAt);
      const local = localName(aname);
      if (seen.has(local)) this.fail(`Cannot parse attribute '${aname}': it is repeated`, at);
      const value = this.decode(raw.replace(/[\t\n\r]/g, ' '), valueAt);
      if (aname === 'xmlns' || aname.startsWith('xmlns:')) continue;
      seen.add(local);
      attributes.push({ name: local, value, location: this.locate(at) });
    }
  }

  private makeElement(qname: string, attributes: XmlAttribute[], start: number): MutableElement {
    return { kind: 'element', name: localName(qname), qname, attributes, children: [], location: this.locate(start) };
  }
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i >= 0 ? qname.slice(i + 1) : qname;
}

/**
 * Parses `text` (named `file` in every location) into an XmlDocument. Line ends are normalised to
 * `\n` first, as XML requires. Throws XmlSyntaxError for malformed text, an unknown external DTD
 * (unless `unknownDtd: 'ignore'`), an external entity declaration, an entity bomb, or elements nested
 * deeper than MAX_ELEMENT_DEPTH.
 */
export function parseXml(text: string, file: string, options: XmlParseOptions = {}): XmlDocument {
  return new Scanner(text.replace(/\r\n?/g, '\n'), file, options).parse();
}
