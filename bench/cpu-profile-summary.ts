/**
 * Reads a V8 `.cpuprofile` (`node --cpu-prof`) and prints where the time went: self time by function and by
 * file, and the share of the busy time (idle and the garbage collector listed apart).
 * `node dist/bench/cpu-profile-summary.js <file.cpuprofile> [top]`
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms by key, from the profile's samples and their time deltas. */
export function selfTimes(profile: Profile, key: (n: ProfileNode) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const k = key(node);
    out.set(k, (out.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return out;
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const at = url.indexOf('/dist/');
  if (at >= 0) return url.slice(at + 1);
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm);
  return url.replace(/^file:\/\//, '');
}

function table(title: string, times: Map<string, number>, busy: number, top: number): string {
  const rows = [...times.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [title, ...rows.map(([k, ms]) => `${ms.toFixed(1).padStart(9)} ms ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${k}`)].join('\n');
}

function main(): void {
  const file = process.argv[2];
  const top = Number(process.argv[3] ?? 30);
  if (!file) throw new Error('Cannot summarise: name a .cpuprofile file (node dist/bench/cpu-profile-summary.js <file> [top])');
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const fn = selfTimes(profile, (n) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`);
  const byFile = selfTimes(profile, (n) => (n.callFrame.url ? shortUrl(n.callFrame.url) : n.callFrame.functionName));
  const total = [...fn.values()].reduce((a, b) => a + b, 0);
  const idle = byFile.get('(idle)') ?? 0;
  const busy = total - idle;
  process.stdout.write(
    `${path.basename(file)}: ${total.toFixed(0)} ms sampled, ${idle.toFixed(0)} ms idle, ${busy.toFixed(0)} ms busy (percentages are of the busy time)\n\n` +
      `${table('self time by function', fn, busy, top)}\n\n${table('self time by file', byFile, busy, top)}\n`,
  );
}

if (require.main === module) main();
