/**
 * Starts real Jetty 9.4 (`java -jar start.jar`) and Pier (`bin/start`) on free ports, each in its own
 * jetty.base, and stops them with SIGTERM while timing the stop.
 * @module
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { PierProcess, freePort } from '../support/pier-process';
import { JettyEnvironment } from './jetty-environment';

export type ServerName = 'jetty' | 'pier';

export interface StopResult {
  /** The exit code, or the signal name when the process was killed. */
  exit: number | string | null;
  /** Milliseconds from SIGTERM to the process's exit. */
  elapsedMs: number;
}

/** A server the cases talk to. */
export interface ServerUnderTest {
  readonly name: ServerName;
  readonly port: number;
  /** The `jetty.ssl.port` of the https module. */
  readonly sslPort: number;
  readonly base: string;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  stop(timeoutMs: number): Promise<StopResult>;
  kill(): void;
}

const STARTED = {
  jetty: /:main: Started @\d+ms/,
  pier: /^Started /m,
};

/** Starts Jetty with `jetty.home`, `jetty.base` and a free `jetty.http.port`; resolves once it logged "Started". */
export async function startJetty(env: JettyEnvironment, base: string, timeoutMs: number): Promise<ServerUnderTest> {
  const port = await freePort();
  const sslPort = await freePort();
  const child = spawn(
    env.java,
    [
      '-jar',
      path.join(env.jettyHome, 'start.jar'),
      `jetty.home=${env.jettyHome}`,
      `jetty.base=${base}`,
      `jetty.http.port=${port}`,
      `jetty.ssl.port=${sslPort}`,
    ],
    {
      cwd: base,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const server = new ChildServer('jetty', port, sslPort, base, child);
  await server.started(STARTED.jetty, timeoutMs);
  return server;
}

/** Starts `bin/start jetty.base=<base>` with a free `jetty.http.port` and `jetty.ssl.port`. */
export async function startPier(base: string, timeoutMs: number): Promise<ServerUnderTest> {
  const port = await freePort();
  const sslPort = await freePort();
  const pier = await PierProcess.start(base, [`jetty.base=${base}`, `jetty.http.port=${port}`, `jetty.ssl.port=${sslPort}`], timeoutMs);
  return new PierServer(port, sslPort, base, pier);
}

function timedStop(child: ChildProcess, timeoutMs: number): Promise<StopResult> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ exit: child.exitCode ?? child.signalCode, elapsedMs: 0 });
  const began = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ exit: code ?? signal, elapsedMs: Date.now() - began });
    });
    child.kill('SIGTERM');
  });
}

class ChildServer implements ServerUnderTest {
  private _output = '';
  constructor(
    readonly name: ServerName,
    readonly port: number,
    readonly sslPort: number,
    readonly base: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr])
      stream?.setEncoding('utf8').on('data', (d: string) => {
        this._output += d;
      });
  }

  started(line: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (err?: Error): void => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.stderr?.off('data', check);
        this.child.off('exit', onExit);
        if (err) {
          this.kill();
          reject(err);
        } else resolve();
      };
      const check = (): void => {
        if (line.test(this._output)) done();
      };
      const onExit = (code: number | null): void => done(new Error(`${this.name} exited with ${code} before it started:\n${this._output}`));
      const timer = setTimeout(() => done(new Error(`${this.name} did not start within ${timeoutMs} ms:\n${this._output}`)), timeoutMs);
      this.child.stdout?.on('data', check);
      this.child.stderr?.on('data', check);
      this.child.once('exit', onExit);
      check();
    });
  }

  output(): string {
    return this._output;
  }
  stop(timeoutMs: number): Promise<StopResult> {
    return timedStop(this.child, timeoutMs);
  }
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

class PierServer implements ServerUnderTest {
  readonly name = 'pier';
  constructor(
    readonly port: number,
    readonly sslPort: number,
    readonly base: string,
    private readonly pier: PierProcess,
  ) {}
  output(): string {
    return this.pier.stdout + this.pier.stderr;
  }
  stop(timeoutMs: number): Promise<StopResult> {
    return timedStop(this.pier.child, timeoutMs);
  }
  kill(): void {
    this.pier.kill();
  }
}
