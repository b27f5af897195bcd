/**
 * The layering of src/, read from the code's own imports: each area (a folder directly under src/)
 * imports only from the areas below it, so no two areas import each other, and the session handler's
 * parts do not import the handler back. LAYERS is the one declaration of the order; ARCHITECTURE.md
 * shows the same line (checked here).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../support/corpus';

/**
 * The areas of src/ from the bottom up, as Jetty's jars stack (servlet-api < jetty-server < jetty-servlet
 * < jetty-webapp < jetty-deploy < jetty-start). `session` is part of jetty-server in Jetty; here it sits
 * above the server, which reaches it only through SessionManagerBridge. `(root)` is src/index.ts.
 */
const LAYERS = [
  'util',
  'xml',
  'ioc',
  'servlet-api',
  'server',
  'session',
  'security',
  'servlet',
  'webapp',
  'deploy',
  'metrics',
  'console',
  'start',
  '(root)',
] as const;

const SRC = path.join(repoRoot(), 'src');

interface Import {
  from: string;
  to: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The file a relative specifier names: `x.ts`, or `x/index.ts` for a folder. */
function resolveSpecifier(fromFile: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Every relative import, export-from, require() and import() of every file under src/ (type-only ones too). */
function readImports(): Import[] {
  const imports: Import[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const to = resolveSpecifier(file, ref.fileName);
      if (to === null) throw new Error(`${path.relative(repoRoot(), file)} imports '${ref.fileName}', which names no file`);
      imports.push({ from: file, to, line: text.slice(0, ref.pos).split('\n').length });
    }
  }
  return imports;
}

/** The area of a file: its folder directly under src/, or (root) for src/index.ts. */
function areaOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 1 ? parts[0] : '(root)';
}

function rel(file: string): string {
  return path.relative(repoRoot(), file);
}

/** The strongly connected groups of more than one node (Tarjan), each sorted. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe('The layering of src/', () => {
  const imports = readImports();

  it('declares every area of src/ in its layer order', () => {
    const areas = new Set(sourceFiles(SRC).map(areaOf));
    expect(
      [...areas].filter((a) => !(LAYERS as readonly string[]).includes(a)),
      'areas missing from LAYERS',
    ).to.deep.equal([]);
  });

  it('has no area importing an area above it', () => {
    const rank = (area: string): number => (LAYERS as readonly string[]).indexOf(area);
    const upward = imports
      .filter((i) => rank(areaOf(i.to)) > rank(areaOf(i.from)))
      .map((i) => `${rel(i.from)}:${i.line} imports ${rel(i.to)} (${areaOf(i.from)} is below ${areaOf(i.to)})`);
    expect(upward).to.deep.equal([]);
  });

  it('has no cycle between areas', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) {
      const a = areaOf(i.from);
      const b = areaOf(i.to);
      if (a !== b) (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(b);
    }
    expect(cycles(edges).map((c) => c.join(' <-> '))).to.deep.equal([]);
  });

  it('keeps the session handler out of every import cycle: its parts never import it back', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) (edges.get(rel(i.from)) ?? edges.set(rel(i.from), new Set()).get(rel(i.from))!).add(rel(i.to));
    const handler = path.join('src', 'session', 'session-handler.ts');
    expect(cycles(edges).filter((c) => c.includes(handler))).to.deep.equal([]);
  });

  it('is the order ARCHITECTURE.md shows', () => {
    const architecture = fs.readFileSync(path.join(repoRoot(), 'ARCHITECTURE.md'), 'utf8');
    const shown = LAYERS.filter((l) => l !== '(root)')
      .map((l) => `\`${l}\``)
      .join(' → ');
    expect(architecture).to.include(shown);
  });
});
