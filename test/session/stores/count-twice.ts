/**
 * For the store module tests: starts a jetty.base with the counter app in process through the launcher,
 * counts twice with one session cookie, stops it and removes the base.
 * @module
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import { launch, type Launch } from '../../../src/start/main';
import { inProcessLaunchEnvironment } from '../../support/in-process-launch';
import { repoRoot } from '../../support/corpus';
import { freePort } from '../../support/pier-process';
import { addCounterApp, newBase } from './jdbc/jdbc-base';

function get(port: number, p: string, cookie?: string): Promise<{ body: string; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, agent: false, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (d: string) => {
          body += d;
        })
        .on('end', () =>
          resolve({
            body,
            cookie: res.headers['set-cookie']?.find((c) => c.startsWith('JSESSIONID='))?.split(';')[0],
          }),
        );
    });
    req.on('error', reject);
  });
}

/** The two answers of /counter/inc and the session id (without its node suffix); `args(base)` are the launcher's arguments. */
export async function countTwice(args: (base: string) => string[]): Promise<{ bodies: string[]; id: string }> {
  const base = newBase('pier-store-base-');
  addCounterApp(base);
  const port = await freePort();
  let output = '';
  const env = inProcessLaunchEnvironment(base, (t) => (output += t));
  try {
    const result = await launch(
      [`jetty.home=${repoRoot()}`, `jetty.base=${base}`, `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1', ...args(base)],
      env,
    );
    if (typeof result === 'number') throw new Error(`the launch exited with ${result}:\n${output}`);
    try {
      const first = await get(port, '/counter/inc');
      const second = await get(port, '/counter/inc', first.cookie);
      if (!first.cookie) throw new Error(`no session cookie: ${first.body}\n${output}`);
      return { bodies: [first.body, second.body], id: first.cookie.slice('JSESSIONID='.length).replace(/\.[^.]*$/, '') };
    } finally {
      for (const o of [...(result as Launch).started].reverse()) await o.stop();
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}
