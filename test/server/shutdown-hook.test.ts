import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fixturePath } from '../support/corpus';
import { request } from './http-helpers';

describe('installShutdownHook', () => {
  it('stops the server gracefully on SIGTERM: the in-flight request completes, then the process exits 0', async () => {
    const dist = path.resolve(__dirname, '..', '..');
    const child = spawn(process.execPath, [fixturePath('server', 'shutdown-hook-app.js'), dist], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /PORT (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.once('exit', () => reject(new Error(`child exited early: ${stderr}`)));
      });
      const slow = request(port, '/');
      await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      const reply = await slow;
      expect(reply.text).to.equal('slow done');
      expect(await exited).to.equal(0);
      expect(stderr).to.contain('Received SIGTERM');
      expect(stderr).to.contain('bean stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
