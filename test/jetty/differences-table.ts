/**
 * Reads the table of deliberate differences from docs/differences-from-jetty.md and matches observed
 * differences against it. A row covers a difference when its case (a case id, or a pattern with `*`) matches,
 * its aspect is the same, and both values are exactly those observed (see rowCovers for `* by <aspect>`). An observed difference no row covers
 * fails the suite; so does a row that covers nothing (the table must stay true).
 * @module
 */
import * as fs from 'node:fs';
import { ABSENT } from './observation';

export interface Difference {
  caseId: string;
  aspect: string;
  jetty: string;
  pier: string;
}

export interface DifferenceRow {
  /** 1-based line in the markdown file. */
  line: number;
  casePattern: string;
  aspect: string;
  jetty: string;
  pier: string;
  why: string;
}

/** The header row that starts the table (the first two columns). */
const HEADER = /^\|\s*case\s*\|\s*aspect\s*\|/i;

/** The rows of the first table whose header starts `| case | aspect |`; throws with the line of a malformed row. */
export function readDifferencesTable(file: string): DifferenceRow[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => HEADER.test(l));
  if (start < 0) throw new Error(`Cannot read the differences table of '${file}': no table starts with '| case | aspect |'`);
  const rows: DifferenceRow[] = [];
  for (let i = start + 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
    const cells = splitRow(lines[i]);
    if (cells.length !== 5) {
      throw new Error(`Cannot read ${file}:${i + 1}: a row needs 5 cells (case, aspect, Jetty, Pier, why), found ${cells.length}`);
    }
    const [casePattern, aspect, jetty, pier, why] = cells;
    if (!casePattern || !aspect || !why) throw new Error(`Cannot read ${file}:${i + 1}: the case, aspect and why cells must not be empty`);
    rows.push({ line: i + 1, casePattern, aspect, jetty, pier, why });
  }
  return rows;
}

/** Cells of a markdown row: `\|` is a literal bar, a cell wrapped in backticks is its content. */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') {
      cell += '|';
      i++;
      continue;
    }
    if (body[i] === '|') {
      cells.push(cell);
      cell = '';
      continue;
    }
    cell += body[i];
  }
  cells.push(cell);
  return cells.map((c) => {
    const t = c.trim();
    return t.length >= 2 && t.startsWith('`') && t.endsWith('`') ? t.slice(1, -1) : t;
  });
}

/** Does `pattern` (`*` for any run of characters) match the case id? */
export function casePatternMatches(pattern: string, caseId: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(caseId);
}

/**
 * Does the row cover this difference of a case (whose differences are `all`)? A row's aspect without a step
 * number ("status") covers that aspect in every step ("2: status"). An aspect `* by <key>` says the two answers
 * differ as a whole: it covers every difference of the case while the key aspect differs with exactly the
 * row's two values (`* by status` with `200` and `403`).
 */
export function rowCovers(row: DifferenceRow, d: Difference, all: Difference[]): boolean {
  if (!casePatternMatches(row.casePattern, d.caseId)) return false;
  const whole = /^\* by (.+)$/.exec(row.aspect);
  if (whole) return all.some((k) => stepless(k.aspect) === whole[1] && k.jetty === row.jetty && k.pier === row.pier);
  const aspect = /^\d+: /.test(row.aspect) ? d.aspect : stepless(d.aspect);
  return row.aspect === aspect && row.jetty === d.jetty && row.pier === d.pier;
}

function stepless(aspect: string): string {
  return aspect.replace(/^\d+: /, '');
}

/** The aspects whose values differ between the two observations (a missing aspect reads `(none)`). */
export function differencesBetween(caseId: string, jetty: Map<string, string>, pier: Map<string, string>): Difference[] {
  const aspects = [...new Set([...jetty.keys(), ...pier.keys()])];
  return aspects
    .map((aspect) => ({ caseId, aspect, jetty: jetty.get(aspect) ?? ABSENT, pier: pier.get(aspect) ?? ABSENT }))
    .filter((d) => d.jetty !== d.pier);
}
