/**
 * The docs link to each other after README was split by reader: every relative link in README.md, CONTRIBUTING.md,
 * ARCHITECTURE.md and docs/*.md names a file that exists, and every `#anchor` names a heading of its target.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';

/** GitHub's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces to dashes. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}

function headingsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const m = !inFence && /^#{1,6} (.*)$/.exec(line);
    if (m) anchors.add(anchorOf(m[1]));
  }
  return anchors;
}

function docFiles(root: string): string[] {
  const docs = fs
    .readdirSync(path.join(root, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/${n}`);
  return ['README.md', 'CONTRIBUTING.md', 'ARCHITECTURE.md', ...docs];
}

describe('The docs (README.md and docs/)', () => {
  const root = repoRoot();

  it('link only to files that exist and to headings those files have', () => {
    const broken: string[] = [];
    for (const file of docFiles(root)) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const withoutFences = text.replace(/^```[\s\S]*?^```/gm, '');
      for (const m of withoutFences.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue; // http(s), mailto: not checked here
        const [rel, anchor] = target.split('#');
        const targetFile = rel ? path.resolve(path.dirname(path.join(root, file)), rel) : path.join(root, file);
        if (!fs.existsSync(targetFile)) {
          broken.push(`${file}: ${target} (no such file)`);
          continue;
        }
        if (anchor && targetFile.endsWith('.md') && !headingsOf(fs.readFileSync(targetFile, 'utf8')).has(anchor)) {
          broken.push(`${file}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).to.deep.equal([]);
  });

  it('keep README short: a few screens', () => {
    const lines = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n').length;
    expect(lines, 'README.md lines').to.be.at.most(250);
  });
});
