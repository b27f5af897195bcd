/**
 * Tests of running a launch in process: starting what the XML produced, the started line, failures.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { SystemProperties } from '../../src/ioc/system-properties';
import { launch, MainEnvironment } from '../../src/start/main';
import { startAll } from '../../src/start/xml-runner';
import { makeBase, removeBase, preserveSystemProperties } from './support';

class FakeComponent {
  running = false;
  constructor(
    readonly log: string[],
    readonly name: string,
    readonly fail = false,
  ) {}
  async start(): Promise<void> {
    if (this.fail) throw new Error(`Cannot start ${this.name}: broken`);
    this.running = true;
    this.log.push(`start ${this.name}`);
  }
  async stop(): Promise<void> {
    this.running = false;
    this.log.push(`stop ${this.name}`);
  }
  isRunning(): boolean {
    return this.running;
  }
}

class FakeServer extends FakeComponent {
  getConnectors(): object[] {
    return [
      { getLocalPort: () => 4711, getHost: () => '127.0.0.1' },
      { getLocalPort: () => 4712, getHost: () => null },
    ];
  }
  override toString(): string {
    return 'Server@5eed{STARTED}';
  }
}

describe('startAll', () => {
  it('starts each LifeCycle once, in order, skipping values and running ones', async () => {
    const log: string[] = [];
    const a = new FakeComponent(log, 'a');
    const b = new FakeComponent(log, 'b');
    b.running = true;
    const started = await startAll([a, 'not a component', b, null]);
    expect(started).to.deep.equal([a]);
    expect(log).to.deep.equal(['start a']);
  });

  it('stops what it started, in reverse order, when a later start fails', async () => {
    const log: string[] = [];
    let thrown: unknown;
    try {
      await startAll([new FakeComponent(log, 'a'), new FakeComponent(log, 'b'), new FakeComponent(log, 'c', true)]);
    } catch (err) {
      thrown = err;
    }
    expect((thrown as Error).message).to.equal('Cannot start c: broken');
    expect(log).to.deep.equal(['start a', 'start b', 'stop b', 'stop a', 'stop c']);
  });
});

describe('launch', () => {
  preserveSystemProperties();
  let home: string;
  let base: string;
  before(() => {
    home = makeBase({
      'package.json': '{"name":"not-pier"}',
      'modules/server.mod': '[xml]\netc/server.xml\n[files]\nlogs/\n',
      'etc/server.xml': '<Configure/>',
    });
  });
  beforeEach(() => {
    base = makeBase();
  });
  afterEach(() => removeBase(base));
  after(() => removeBase(home));

  function env(out: string[], applied: { files: readonly string[]; props: Map<string, string> }[], objects: unknown[]): MainEnvironment {
    return {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
      cwd: base,
      applier: (files, props) => {
        applied.push({ files, props });
        return objects;
      },
      installShutdownHook: () => {
        out.push('hook\n');
      },
    };
  }

  it('applies the XML files with the properties, starts the server and prints one line', async () => {
    const out: string[] = [];
    const applied: { files: readonly string[]; props: Map<string, string> }[] = [];
    const log: string[] = [];
    const server = new FakeServer(log, 'server');
    const result = await launch([`jetty.home=${home}`, '--module=server', 'my.prop=${jetty.base}/x'], env(out, applied, [server]));
    expect(result).to.be.an('object');
    expect(applied).to.have.length(1);
    expect(applied[0].files.map((f) => f.endsWith('etc/server.xml'))).to.deep.equal([true]);
    expect(applied[0].props.get('my.prop')).to.match(/\/x$/);
    expect(applied[0].props.get('my.prop')).not.to.include('${');
    expect(log).to.deep.equal(['start server']);
    expect(out.join('')).to.match(/Started FakeServer@[0-9a-f]+ on http:\/\/127.0.0.1:4711/);
    expect(out.join('')).to.include('hook');
    expect(out.join('')).to.match(/MKDIR : \$\{jetty.base\}\/logs/);
  });

  it("sets this launch's jetty.base and jetty.home as system properties, also after an earlier launch in the process", async () => {
    const seen: (string | undefined)[] = [];
    const bases = [base, makeBase()];
    try {
      for (const b of bases) {
        const e = env([], [], [new FakeServer([], 'server')]);
        const result = await launch([`jetty.home=${home}`, `jetty.base=${b}`, '--module=server'], {
          ...e,
          applier: (files, props) => {
            seen.push(SystemProperties.get('jetty.base'));
            return e.applier(files, props);
          },
        });
        if (typeof result !== 'number') for (const o of [...result.started].reverse()) await (o as FakeServer).stop();
      }
      expect(seen).to.deep.equal(bases.map((b) => path.resolve(b)));
    } finally {
      removeBase(bases[1]);
    }
  });

  it('installs the shutdown hook before the server starts, so that a signal during the start stops it', async () => {
    const log: string[] = [];
    const e = env([], [], [new FakeServer(log, 'server')]);
    await launch([`jetty.home=${home}`, '--module=server'], { ...e, installShutdownHook: () => void log.push('hook') });
    expect(log).to.deep.equal(['hook', 'start server']);
  });

  it('ends the launch with 0 and starts nothing when a signal arrived while the XML was applied', async () => {
    const log: string[] = [];
    const out: string[] = [];
    let released = 0;
    const e = env(out, [], [new FakeServer(log, 'server')]);
    const result = await launch([`jetty.home=${home}`, '--module=server'], {
      ...e,
      installShutdownHook: () => void log.push('hook'),
      holdSignals: () => ({ first: () => 'SIGTERM', release: () => void released++ }),
    });
    expect(result).to.equal(0);
    expect(log).to.deep.equal([]);
    expect(released).to.be.greaterThan(0);
    expect(out.join('')).not.to.match(/Started/);
  });

  it('removes the shutdown hook when the start fails, and reports the failure', async () => {
    const log: string[] = [];
    const e = env([], [], [new FakeServer(log, 'server', true)]);
    let thrown: unknown;
    try {
      await launch([`jetty.home=${home}`, '--module=server'], { ...e, installShutdownHook: () => () => void log.push('unhook') });
    } catch (err) {
      thrown = err;
    }
    expect((thrown as Error).message).to.equal('Cannot start server: broken');
    expect(log).to.include('unhook');
  });

  it('refuses to start with nothing enabled, saying how to enable modules', async () => {
    let thrown: unknown;
    try {
      await launch([`jetty.home=${home}`], env([], [], []));
    } catch (err) {
      thrown = err;
    }
    expect((thrown as Error).message).to.match(/^Cannot start: no modules are enabled .*--add-to-start=http,deploy/);
  });
});
