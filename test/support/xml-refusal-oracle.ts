/**
 * fast-xml-parser's validator as an oracle of what Pier's XML scanner must refuse: seeded mutants of real
 * XML files, each either accepted by the validator (skipped) or refused by both, Pier with an
 * XmlSyntaxError. test/xml/fast-xml-parser-oracle.test.ts runs a few hundred mutants in `npm test`,
 * test/reliability/xml-refusal-oracle.test.ts a thousand.
 * @module
 */
import { XMLValidator } from 'fast-xml-parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './corpus';
import { parseXml, XmlSyntaxError } from '../../src/xml';
import { seededRandom } from './seeded-random';
import { mutate } from './xml-mutator';

/** A DOCTYPE, internal subset and quoted literals included. */
export const DOCTYPE = /<!DOCTYPE(?:[^[>"']|"[^"]*"|'[^']*'|\[(?:[^\]"']|"[^"]*"|'[^']*')*\])*>/;

export interface RefusalOutcome {
  /** Mutants the validator refused and Pier refused with an XmlSyntaxError. */
  refusedByBoth: number;
  /** Mutants the validator refused and Pier accepted (`#i [how]`): each is a defect. */
  accepted: string[];
  /** Mutants Pier refused with another error than XmlSyntaxError (`#i [how]: error`): each is a defect. */
  otherErrors: string[];
}

/** Checks `count` mutants (seed `seed`) of `texts` against the validator. */
export function checkMutantRefusals(texts: readonly string[], count: number, seed: number): RefusalOutcome {
  const random = seededRandom(seed);
  const outcome: RefusalOutcome = { refusedByBoth: 0, accepted: [], otherErrors: [] };
  for (let i = 0; i < count; i++) {
    const m = mutate(texts[Math.floor(random() * texts.length)], random);
    const text = m.text.replace(/\r\n?/g, '\n');
    // The validator does not read DOCTYPEs (Pier's DOCTYPE policy has tests of its own): it gets spaces instead.
    if (XMLValidator.validate(text.replace(DOCTYPE, (d) => d.replace(/[^\n]/g, ' '))) === true) continue;
    try {
      parseXml(text, 'mutant.xml', { unknownDtd: 'ignore' });
      outcome.accepted.push(`#${i} [${m.how}]`);
    } catch (err) {
      if (err instanceof XmlSyntaxError) outcome.refusedByBoth++;
      else outcome.otherErrors.push(`#${i} [${m.how}]: ${String(err)}`);
    }
  }
  return outcome;
}
/** The .xml files under `dir`, node_modules and hidden folders left out. */
export function xmlFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) xmlFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.xml')) out.push(p);
  }
  return out;
}

/** The repository's own XML files: etc/, test/fixtures/ and webapps/. */
export function repositoryXmlFiles(): string[] {
  return ['etc', 'test/fixtures', 'webapps'].flatMap((d) => xmlFiles(path.join(repoRoot(), d)));
}

/** The texts of the repository's XML files that hold markup: what the mutants are made from. */
export function repositoryXmlTexts(): string[] {
  return repositoryXmlFiles()
    .map((f) => fs.readFileSync(f, 'utf8'))
    .filter((t) => t.includes('<'));
}
