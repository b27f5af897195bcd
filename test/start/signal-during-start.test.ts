/**
 * SIGTERM while `bin/start` is still starting: the graceful stop covers the whole start, so a signal at any
 * point stops what started and the process exits 0, as after a start. The start is held in the middle by a
 * web app listener whose contextInitialized waits for a file the test writes, so nothing depends on timing.
 * @module
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { DIST, eventually, freePort, writeIn } from '../support/pier-process';
import { makeBase, removeBase, repoRoot } from './support';

/** A listener that says it is holding (file `held`), then waits until the file `release` exists. */
const HOLDING_LISTENER = `'use strict';
const fs = require('fs');
const path = require('path');
class Hold {
  async contextInitialized() {
    const dir = process.env.PIER_TEST_HOLD_DIR;
    fs.writeFileSync(path.join(dir, 'held'), '');
    while (!fs.existsSync(path.join(dir, 'release'))) await new Promise((r) => setTimeout(r, 20));
  }
}
module.exports = { Hold };
`;

const WEB_XML = `<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <listener><listener-class>test.Hold</listener-class></listener>
</web-app>
`;

/** Writes the holding web app into `dir` (a war folder). */
function writeHoldingApp(base: string, dir: string): void {
  writeIn(base, `${dir}/WEB-INF/web.xml`, WEB_XML);
  writeIn(base, `${dir}/WEB-INF/classes/test/Hold.js`, HOLDING_LISTENER);
}

interface Held {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs bin/start in `base` and resolves once the listener holds the start. */
async function startUntilHeld(base: string, port: number): Promise<Held> {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'bin', 'start'), `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], {
    cwd: base,
    env: { ...process.env, PIER_DIST: DIST, PIER_TEST_HOLD_DIR: base },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const held: Held = { child, stdout: () => stdout, stderr: () => stderr, exit };
  await eventually(
    async () => fs.existsSync(path.join(base, 'held')) || child.exitCode !== null || child.signalCode !== null,
    30_000,
    'the listener to hold the start',
  );
  expect({ code: child.exitCode, signal: child.signalCode }, stderr).to.deep.equal({ code: null, signal: null });
  return held;
}

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('a SIGTERM while bin/start is still starting', function () {
  this.timeout(60_000);
  let base: string;
  let held: Held | undefined;
  beforeEach(() => {
    base = makeBase();
    held = undefined;
  });
  afterEach(() => {
    if (held && held.child.exitCode === null && held.child.signalCode === null) held.child.kill('SIGKILL');
    removeBase(base);
  });

  it('stops the server once the web app that holds the start has started, and exits 0 without a Started line', async () => {
    writeIn(base, 'start.ini', '--module=http,deploy\n');
    writeHoldingApp(base, 'webapps/hold');
    held = await startUntilHeld(base, await freePort());
    held.child.kill('SIGTERM');
    // The signal is taken while the start is held: the process lives on and says it is stopping.
    await eventually(
      async () => /Received SIGTERM: stopping Server@/.test(held?.stderr() ?? '') || held?.child.exitCode !== null || held?.child.signalCode !== null,
      30_000,
      'the stop',
    );
    expect(held.child.signalCode, held.stderr()).to.equal(null);
    fs.writeFileSync(path.join(base, 'release'), '');
    const { code, signal } = await held.exit;
    expect({ code, signal }, held.stderr()).to.deep.equal({ code: 0, signal: null });
    expect(held.stdout()).not.to.match(/^Started /m);
    expect(held.stderr()).to.match(/Stopped Server@/);
  });

  it('stops the server that already listens while a component after it starts, and exits 0 without a Started line', async () => {
    // A context of its own XML file, after the server's: it starts once the HTTP port listens.
    writeIn(base, 'start.ini', '--module=http\netc/hold.xml\n');
    writeIn(
      base,
      'etc/hold.xml',
      `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">/hold</Set>
  <Set name="war"><Property name="jetty.base"/>/hold</Set>
</Configure>
`,
    );
    writeHoldingApp(base, 'hold');
    const port = await freePort();
    held = await startUntilHeld(base, port);
    expect(await listening(port)).to.equal(true);
    held.child.kill('SIGTERM');
    const { code, signal } = await held.exit;
    expect({ code, signal }, held.stderr()).to.deep.equal({ code: 0, signal: null });
    expect(held.stderr()).to.match(/Received SIGTERM: stopping Server@.*\n(.*\n)*.*Stopped Server@/);
    expect(held.stdout()).not.to.match(/^Started /m);
    expect(await listening(port)).to.equal(false);
  });
});
