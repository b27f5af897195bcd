/**
 * Judges one case: the differences between Jetty's and Pier's observations that the table does not cover,
 * and the table's rows for that case that no longer cover anything. Failure messages give the row to add,
 * ready to paste, so that accepting a difference is a deliberate, reviewed act.
 * @module
 */
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';
import { DifferentialCase } from './differential-case';
import { Difference, DifferenceRow, casePatternMatches, differencesBetween, rowCovers } from './differences-table';
import { Observation } from './observation';

/** The one table of deliberate differences (README links to it). */
export const DIFFERENCES_DOC = path.join(repoRoot(), 'docs', 'differences-from-jetty.md');

export type CaseResult = { jetty: Observation; pier: Observation } | { error: Error };

export interface CaseProblems {
  uncovered: Difference[];
  staleRows: DifferenceRow[];
}

/** Null when the case agrees with Jetty up to the table; marks the rows it used in `usedRows`. */
export function checkCase(c: DifferentialCase, result: CaseResult, rows: DifferenceRow[], usedRows: Set<DifferenceRow>): CaseProblems | null {
  if ('error' in result) throw result.error;
  const diffs = differencesBetween(c.id, result.jetty, result.pier);
  const uncovered: Difference[] = [];
  for (const d of diffs) {
    const row = rows.find((r) => rowCovers(r, d, diffs));
    if (row) usedRows.add(row);
    else uncovered.push(d);
  }
  const staleRows = rows.filter((r) => r.casePattern === c.id && !diffs.some((d) => rowCovers(r, d, diffs)));
  return uncovered.length === 0 && staleRows.length === 0 ? null : { uncovered, staleRows };
}

/** Rows with a `*` pattern that covered nothing in this run, and rows whose pattern names no case. */
export function staleGlobRows(rows: DifferenceRow[], usedRows: Set<DifferenceRow>, caseIdsRun: string[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const matching = caseIdsRun.filter((id) => casePatternMatches(r.casePattern, id));
    if (matching.length === 0) out.push(`line ${r.line}: '${r.casePattern}' names no case that ran`);
    else if (r.casePattern.includes('*') && !usedRows.has(r))
      out.push(`line ${r.line}: '${r.casePattern}' ${r.aspect}: Jetty '${r.jetty}', Pier '${r.pier}'`);
  }
  return out;
}

const cell = (s: string): string => `\`${s.replace(/\|/g, '\\|')}\``;

export function formatProblems(c: DifferentialCase, p: CaseProblems, result: CaseResult, jettyLog: string, pierLog: string): string {
  const lines = [`${c.id}${c.item ? ` (issue 11 item ${c.item})` : ''}: ${c.title}`];
  if (p.uncovered.length > 0) {
    lines.push('  Pier differs from Jetty 9.4 where the table lists no deliberate difference:');
    for (const d of p.uncovered) lines.push(`    ${d.aspect}: Jetty ${JSON.stringify(d.jetty)}, Pier ${JSON.stringify(d.pier)}`);
    lines.push(`  If a difference is deliberate, add its row to ${path.relative(repoRoot(), DIFFERENCES_DOC)}:`);
    for (const d of p.uncovered) lines.push(`    | ${cell(d.caseId)} | ${cell(d.aspect)} | ${cell(d.jetty)} | ${cell(d.pier)} | why |`);
  }
  if (p.staleRows.length > 0) {
    lines.push('  These rows of the table describe a difference this case no longer shows; remove them:');
    for (const r of p.staleRows) lines.push(`    line ${r.line}: ${r.aspect}: Jetty '${r.jetty}', Pier '${r.pier}'`);
  }
  if (!('error' in result)) {
    lines.push('  Jetty answered:', ...[...result.jetty].map(([k, v]) => `    ${k}: ${v}`));
    lines.push('  Pier answered:', ...[...result.pier].map(([k, v]) => `    ${k}: ${v}`));
  }
  if (process.env.PIER_JETTYDIFF_LOGS) lines.push('  Jetty log tail:', tail(jettyLog), '  Pier log tail:', tail(pierLog));
  return lines.join('\n');
}

function tail(log: string): string {
  return log
    .split('\n')
    .slice(-15)
    .map((l) => `    ${l}`)
    .join('\n');
}
