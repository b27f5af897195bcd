#!/usr/bin/env node
// Builds better-sqlite3's native part when it is missing. A checkout of Pier denies that package's install
// script (package.json's allowScripts), because compiling SQLite took about a minute of every fresh
// `npm install`, while only the SQLite session store, its tests and the benchmark need it. `npm test`,
// the other test suites and the bench run this first; the demo never does.
// It runs the package's own install script (a prebuilt binary when one can be downloaded, else node-gyp),
// because `npm rebuild` obeys the same denial.
// Usage: node scripts/build-sqlite-binding.js [--check]   (--check: exit 1 when the binding is missing)
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');

function bindingLoads() {
  const Database = require(require.resolve('better-sqlite3', { paths: [root] }));
  try {
    new Database(':memory:').close();
    return true;
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('Could not locate the bindings file')) return false;
    throw err;
  }
}

let packageDir;
try {
  packageDir = path.dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }));
} catch {
  process.stderr.write('better-sqlite3 is not installed: run npm install first\n');
  process.exit(1);
}
if (bindingLoads()) process.exit(0);
if (process.argv.includes('--check')) {
  process.stdout.write('better-sqlite3 is installed without its native part\n');
  process.exit(1);
}
process.stderr.write('Building better-sqlite3 for the SQLite store and the tests (once; about a minute)...\n');
const npm = process.env.npm_execpath;
const [command, args] = npm ? [process.execPath, [npm, 'run', 'install']] : ['npm', ['run', 'install']];
const run = spawnSync(command, args, { cwd: packageDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0) {
  process.stderr.write(`${run.stdout}${run.stderr}`);
  process.stderr.write(`Building better-sqlite3 failed (exit ${run.status}, output above); to retry: cd ${packageDir} && npm run install\n`);
  process.exit(1);
}
if (!bindingLoads()) {
  process.stderr.write('better-sqlite3 built, but its binding still does not load\n');
  process.exit(1);
}
