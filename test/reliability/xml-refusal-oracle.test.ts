/**
 * Pier's XML scanner refuses every one of 1,000 seeded mutants of the repository's XML that
 * fast-xml-parser's validator refuses (`npm test` runs the first 250 of the same sequence).
 * @module
 */
import { expect } from 'chai';
import { checkMutantRefusals, repositoryXmlTexts } from '../support/xml-refusal-oracle';

describe("Pier's XML scanner against fast-xml-parser's validator", () => {
  it("refuses, with an XmlSyntaxError, each of 1,000 seeded mutants of the repository's XML that the validator refuses", () => {
    const outcome = checkMutantRefusals(repositoryXmlTexts(), 1000, 12);
    expect(outcome.refusedByBoth, 'mutants both refuse').to.be.greaterThan(300);
    expect(outcome.accepted).to.deep.equal([]);
    expect(outcome.otherErrors).to.deep.equal([]);
  });
});
