/**
 * fast-xml-parser as a differential oracle for Pier's XML scanner: on every XML file of the repository
 * (and of the Jetty corpus when it is there) both build the same elements, attributes and text, and on
 * seeded mutants of them Pier refuses everything fast-xml-parser's validator refuses (test/support/xml-refusal-oracle.ts). fast-xml-parser is
 * a development dependency: Pier parses with its own scanner alone (see CONTRIBUTING.md, "Dependencies, and why each is here").
 * @module
 */
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseXml, XmlElement, XmlSyntaxError } from '../../src/xml';
import { corpusRoot, repoRoot, requireCorpus } from '../support/corpus';
import { checkMutantRefusals, repositoryXmlFiles, repositoryXmlTexts, xmlFiles } from '../support/xml-refusal-oracle';

const ORACLE = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** An element as both parsers can describe it: name, attributes and text, then the children. */
interface Shape {
  name: string;
  attributes: string[];
  text: string;
  children: Shape[];
}

function pierShape(el: XmlElement): Shape {
  return {
    name: el.qname,
    attributes: el.attributes.map((a) => `${a.name}=${a.value}`),
    text: el.children.map((c) => (c.kind === 'text' ? c.text : '')).join(''),
    children: el.children.filter((c): c is XmlElement => c.kind === 'element').map(pierShape),
  };
}

/** The same from fast-xml-parser's preserveOrder tree, with XML's attribute-value normalisation applied. */
function oracleShapes(nodes: unknown[]): Shape[] {
  const out: Shape[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (name === undefined || name === '#text') continue;
    const content = node[name] as Record<string, unknown>[];
    const attrs = Object.entries((node[':@'] ?? {}) as Record<string, string>)
      .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
      .map(([k, v]) => `${k.slice(k.indexOf(':') + 1)}=${v.replace(/[\t\n]/g, ' ')}`);
    out.push({
      name,
      attributes: attrs,
      text: content.map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join(''),
      children: oracleShapes(content),
    });
  }
  return out;
}

/** The files on which the two parsers build different trees, with the first difference. */
function disagreements(files: string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    let ours: Shape;
    try {
      ours = pierShape(parseXml(text, file, { unknownDtd: 'ignore', applyDtdWhitespaceRules: false }).root);
    } catch (err) {
      if (err instanceof XmlSyntaxError) continue;
      throw err;
    }
    const theirs = oracleShapes(ORACLE.parse(text) as unknown[]);
    const a = JSON.stringify(ours);
    const b = JSON.stringify(theirs[0]);
    if (theirs.length !== 1 || a !== b) {
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      out.push(
        `${path.relative(repoRoot(), file)}: Pier …${a.slice(Math.max(0, i - 40), i + 40)}… fast-xml-parser …${(b ?? '').slice(Math.max(0, i - 40), i + 40)}…`,
      );
    }
  }
  return out;
}

describe("Pier's XML scanner against fast-xml-parser", () => {
  it('builds the same elements, attributes and text as fast-xml-parser for every XML file of the repository', () => {
    const files = repositoryXmlFiles();
    expect(files.length).to.be.greaterThan(30);
    expect(disagreements(files)).to.deep.equal([]);
  });

  it('builds the same elements, attributes and text as fast-xml-parser for every XML file of the Jetty corpus', function () {
    requireCorpus(this);
    expect(disagreements(xmlFiles(corpusRoot()))).to.deep.equal([]);
  });

  it("refuses each of 250 seeded mutants of the repository's XML that fast-xml-parser's validator refuses (1,000 in the reliability suite)", () => {
    const outcome = checkMutantRefusals(repositoryXmlTexts(), 250, 12);
    expect(outcome.refusedByBoth, 'mutants both refuse').to.be.greaterThan(75);
    expect(outcome.accepted).to.deep.equal([]);
    expect(outcome.otherErrors).to.deep.equal([]);
  });
});
