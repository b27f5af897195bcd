/**
 * A `console` sample is a transcript: `$ command` lines, each followed by the output the reader will see.
 * This file reads a transcript into its steps and says how a printed output is compared with the one
 * shown: both go through the same small list of normalising rules for what legitimately changes from one
 * run to the next (times, session ids, object hashes, process ids, uptimes), and the ports and scratch
 * folders of the test run are written back as the docs show them. Everything else must be equal, line
 * for line. The rules are listed in CONTRIBUTING.md ("Samples in the docs").
 * @module
 */

/** One command of a transcript and the output shown under it. */
export interface TranscriptStep {
  /** The command without its `$ ` (continuation lines ending in `\` included). */
  readonly command: string;
  /** 0-based line of the `$` within the block. */
  readonly line: number;
  readonly shown: string[];
}

/** Reads `$ command` lines and the output under each; text before the first `$` is an error. */
export function parseTranscript(text: string, where: string): TranscriptStep[] {
  const steps: { command: string; line: number; shown: string[] }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('$ ')) {
      let command = line.slice(2);
      const at = i;
      while (command.endsWith('\\') && i + 1 < lines.length) command += `\n${lines[++i]}`;
      steps.push({ command, line: at, shown: [] });
    } else if (steps.length === 0) {
      if (line.trim() !== '') throw new Error(`${where}: a console transcript starts with a '$ command' line, found '${line}'`);
    } else {
      steps[steps.length - 1].shown.push(line);
    }
  }
  if (steps.length === 0) throw new Error(`${where}: a console transcript has no '$ command' line`);
  return steps;
}

/** What varies from run to run, and what it becomes on both sides of the comparison. */
export const NORMALISING_RULES: readonly { what: string; pattern: RegExp; as: string }[] = [
  { what: 'a local or ISO date and time', pattern: /\b\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?Z?/g, as: '<time>' },
  { what: 'a time in milliseconds since 1970 (13 digits)', pattern: /\b1\d{12}\b/g, as: '<epoch-ms>' },
  { what: "a session id (the worker name `node0`, then Jetty's random part)", pattern: /\bnode\d[0-9a-z]{20,}\b/g, as: '<session-id>' },
  { what: "an object's hash in a dump or a log line (`Server@5119`)", pattern: /\b([A-Z]\w*)@[0-9a-f]{1,8}(?=[{[(\s]|$)/gm, as: '$1@<hash>' },
  { what: "the server's uptime in its Started line", pattern: /Started @\d+ms/g, as: 'Started @<n>ms' },
  { what: 'a process id', pattern: /\bprocess \d+\b/g, as: 'process <pid>' },
  {
    what: "the scavenger's interval, which Jetty's HouseKeeper lengthens by 10% at random",
    pattern: /(Scavenging every |HouseKeeper\[interval=)\d+ms/g,
    as: '$1<n>ms',
  },
  {
    what: 'a value measured in time (a `_seconds` metric, its `_sum` and its buckets) or a count of timed samples (event-loop samples, checkpoints)',
    pattern:
      /^((?:\w+_seconds(?:_sum|_bucket)?|pier_event_loop_delay_seconds_count|pier_file_store_checkpoint_duration_seconds_count)(?:\{[^}]*\})?) \S+$/gm,
    as: '$1 <value>',
  },
];

/** The values a run used in place of the ones the docs show. */
export interface RunValues {
  /** The scratch folder that stands for `/` of `/srv/...`. */
  readonly tmp: string;
  /** This repository (jetty.home), shown as `/path/to/pier`. */
  readonly home: string;
  /** Free ports, as `{ 41234: '8080' }`. */
  readonly ports: Readonly<Record<number, string>>;
}

/**
 * An output with the run's own ports and folders written back as the docs show them (this repository as
 * `/path/to/pier`): ready to paste into a doc.
 */
export function asShown(output: string, run: RunValues): string {
  let text = output.split(`${run.tmp}/srv/`).join('/srv/').split(`${run.home}/`).join('/path/to/pier/');
  for (const [port, shown] of Object.entries(run.ports)) text = text.replace(new RegExp(`\\b${port}\\b`, 'g'), shown);
  return text.replace(/\n+$/, '');
}

/** Applies the rules to an output (first written back with `asShown` when it comes from a run). */
export function normalise(output: string, run?: RunValues): string {
  let text = run ? asShown(output, run) : output;
  for (const rule of NORMALISING_RULES) text = text.replace(rule.pattern, rule.as);
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

/** A line-by-line account of where two normalised outputs differ, or '' when they are equal. */
export function outputDifference(shown: string, printed: string): string {
  if (shown === printed) return '';
  const a = shown.split('\n');
  const b = printed.split('\n');
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  const out = [`first difference at output line ${first + 1}:`];
  for (let i = first; i < Math.max(a.length, b.length) && i < first + 8; i++) {
    if (i < a.length) out.push(`  shown:   ${a[i]}`);
    if (i < b.length) out.push(`  printed: ${b[i]}`);
  }
  return out.join('\n');
}
