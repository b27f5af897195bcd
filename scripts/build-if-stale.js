#!/usr/bin/env node
// Builds Pier's compiled tree (dist/src) only when it is missing or older than its sources, so that
// `npm start` and `npm run dev` start in about a second when nothing changed. A source is stale when its
// compiled .js is missing or older than the .ts, or older than the tsconfig files that shaped it.
// Usage: node scripts/build-if-stale.js [--check]   (--check: report, exit 1 when a build is due, build nothing)
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const configs = ['tsconfig.json', 'tsconfig.build.json'].map((f) => path.join(root, f));

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** The first reason a build is due, or undefined when dist/src is up to date. */
function staleReason() {
  const configTime = Math.max(...configs.map(mtime));
  for (const src of sources(path.join(root, 'src'))) {
    const rel = path.relative(root, src);
    const out = path.join(dist, rel.replace(/\.ts$/, '.js'));
    const outTime = mtime(out);
    if (outTime < 0) return `${path.relative(root, out)} is missing`;
    if (outTime < mtime(src)) return `${rel} changed since it was compiled`;
    if (outTime < configTime) return 'a tsconfig file changed since the last build';
  }
  return undefined;
}

const reason = staleReason();
if (process.argv.includes('--check')) {
  process.stdout.write(reason ? `stale: ${reason}\n` : 'up to date\n');
  process.exit(reason ? 1 : 0);
}
if (reason) {
  process.stderr.write(`Building Pier (${reason})...\n`);
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
