/**
 * The child process of the XML fuzz test: loads every Pier class, then parses and applies mutants in
 * process, reporting each outcome over IPC (a crash or hang of this process is itself a finding).
 * @module
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadJettyClasses } from '../../src/start/class-loader';
import { Log } from '../../src/util/log';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { mutate } from '../support/xml-mutator';
import { seededRandom } from './support';

/** What the worker reports for one mutant. */
export interface FuzzOutcome {
  i: number;
  source: string;
  how: string;
  outcome: 'applied' | 'located-error' | 'unclear-error';
  message?: string;
}

function main(): void {
  const { files, count, seed, deadlineMs } = JSON.parse(process.env.PIER_FUZZ ?? '{}') as {
    files: string[];
    count: number;
    seed: number;
    deadlineMs: number;
  };
  Log.setAppender(() => undefined);
  loadJettyClasses();
  const random = seededRandom(seed);
  const texts = files.map((f) => ({ f, text: fs.readFileSync(f, 'utf8') }));
  const until = Date.now() + deadlineMs;
  for (let i = 0; i < count && Date.now() < until; i++) {
    const src = texts[Math.floor(random() * texts.length)];
    const m = mutate(src.text, random);
    const name = `mutant-${i}.xml`;
    process.send?.({ type: 'begin', i, source: path.basename(src.f), how: m.how });
    let outcome: FuzzOutcome;
    try {
      const cfg = XmlConfiguration.fromString(m.text, name);
      cfg.configure();
      outcome = { i, source: src.f, how: m.how, outcome: 'applied' };
    } catch (err) {
      const e = err as Error & { location?: unknown };
      const located = err instanceof Error && (new RegExp(`${name.replace('.', '\\.')}:\\d+:\\d+`).test(e.message) || !!e.location);
      outcome = {
        i,
        source: src.f,
        how: m.how,
        outcome: located ? 'located-error' : 'unclear-error',
        message: err instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : `non-Error thrown: ${String(err)}`,
      };
    }
    process.send?.({ type: 'outcome', ...outcome, text: outcome.outcome === 'unclear-error' ? m.text.slice(0, 4000) : undefined });
  }
  process.send?.({ type: 'done' }, () => process.exit(0));
}

main();
