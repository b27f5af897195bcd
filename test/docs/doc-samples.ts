/**
 * Reads the code samples out of README.md and docs/*.md: every fenced block, its language tag, file and
 * line, and the `<!-- sample: ... -->` directive written just before it (the rules are in CONTRIBUTING.md,
 * "Samples in the docs"). A block without a tag is an error: each says how it is checked.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** How a sample is checked, by its language tag. */
export type SampleKind = 'shell' | 'transcript' | 'code' | 'xml' | 'ini' | 'properties' | 'shown';

const KINDS: Record<string, SampleKind> = {
  sh: 'shell',
  bash: 'shell',
  // `$ command` lines, each followed by the output it prints
  console: 'transcript',
  ts: 'code',
  js: 'code',
  xml: 'xml',
  ini: 'ini',
  properties: 'properties',
  // shown to the reader as they are (a form, a stored record, a folder layout): never run, so each
  // carries a not-run directive with its reason
  html: 'shown',
  json: 'shown',
  text: 'shown',
};

export interface DocSample {
  /** `docs/operators.md:273`: the line of the opening fence. */
  readonly where: string;
  readonly file: string;
  readonly line: number;
  readonly lang: string;
  readonly kind: SampleKind;
  readonly text: string;
  /** The reason given by `<!-- sample: not-run (reason) -->`, when the block is not run. */
  readonly notRun?: string;
}

const FENCE = /^(\s*)```(\S*)\s*$/;
const DIRECTIVE = /^<!--\s*sample:\s*(.*?)\s*-->$/;

/** The samples of one markdown file, in order. Unknown tags and malformed directives throw. */
export function samplesOf(file: string, shownAs: string): DocSample[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: DocSample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    if (end >= lines.length) throw new Error(`${shownAs}:${i + 1}: the code block is never closed`);
    const lang = open[2];
    if (lang === '')
      throw new Error(
        `${shownAs}:${i + 1}: a code block without a language tag: tag it 'console' for '$ command' lines with their output, 'sh' for commands, or 'text' (with <!-- sample: not-run (reason) --> before it) for text that is not run`,
      );
    const kind = KINDS[lang];
    if (kind === undefined) throw new Error(`${shownAs}:${i + 1}: unknown sample language '${lang}' (known: ${Object.keys(KINDS).join(', ')})`);
    const text = lines
      .slice(i + 1, end)
      .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
      .join('\n');
    const directive = DIRECTIVE.exec((lines[i - 1] ?? '').trim());
    let notRun: string | undefined;
    if (directive) {
      const m = /^not-run \((.+)\)$/.exec(directive[1]);
      if (!m) throw new Error(`${shownAs}:${i}: cannot read '${lines[i - 1].trim()}': expected <!-- sample: not-run (reason) -->`);
      notRun = m[1];
    }
    if (kind === 'shown' && notRun === undefined)
      throw new Error(`${shownAs}:${i + 1}: a '${lang}' block is never run: put <!-- sample: not-run (reason) --> on the line before it`);
    out.push({ where: `${shownAs}:${i + 1}`, file, line: i + 1, lang, kind, text, ...(notRun === undefined ? {} : { notRun }) });
    i = end;
  }
  return out;
}

/** README.md and every docs/*.md of the repository at `root`. */
export function docSamples(root: string): DocSample[] {
  const files = [
    'README.md',
    ...fs
      .readdirSync(path.join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ];
  return files.flatMap((rel) => samplesOf(path.join(root, rel), rel));
}
