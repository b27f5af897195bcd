import { expect } from 'chai';
import * as net from 'node:net';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import { BindError } from '../../src/server/errors';
import type { Request } from '../../src/server/request';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { Server } from '../../src/server/server';
import { ServerConnector } from '../../src/server/server-connector';
import { ContextHandler } from '../../src/server/handler/context-handler';
import { HandlerCollection } from '../../src/server/handler/handler-collection';
import { DefaultHandler } from '../../src/server/handler/default-handler';
import { AbstractLifeCycle } from '../../src/util/component/abstract-life-cycle';
import { delay, rawRequest, request, startServer } from './http-helpers';

class TextHandler extends AbstractHandler {
  constructor(
    private readonly text: string,
    private readonly wait?: Promise<void>,
  ) {
    super();
  }
  async handle(_t: string, base: Request, _req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    if (this.wait) await this.wait;
    res.setContentType('text/plain');
    res.getWriter().write(this.text);
  }
}

class Recorder extends AbstractLifeCycle {
  constructor(
    private readonly name: string,
    private readonly log: string[],
  ) {
    super();
  }
  protected override async doStart(): Promise<void> {
    this.log.push(`start ${this.name}`);
  }
  protected override async doStop(): Promise<void> {
    this.log.push(`stop ${this.name}`);
  }
}

describe('Server', () => {
  it('starts on an ephemeral port, answers, and reports its URI', async () => {
    const { server, port } = await startServer(new TextHandler('hello'));
    try {
      expect(port).to.be.greaterThan(0);
      expect(server.getURI()?.href).to.equal(`http://127.0.0.1:${port}/`);
      const r = await request(port, '/');
      expect(r.status).to.equal(200);
      expect(r.text).to.equal('hello');
      expect(r.headers['content-length']).to.equal('5');
    } finally {
      await server.stop();
    }
  });

  it('answers 404 through the ErrorHandler when no handler handles the request', async () => {
    const { server, port } = await startServer(null);
    try {
      const r = await request(port, '/nothing');
      expect(r.status).to.equal(404);
      expect(r.text).to.contain('HTTP ERROR 404 Not Found');
      expect(r.text).to.contain('<tr><th>URI:</th><td>/nothing</td></tr>');
    } finally {
      await server.stop();
    }
  });

  it('join() resolves once the server has stopped', async () => {
    const { server } = await startServer(null);
    let joined = false;
    const j = server.join().then(() => {
      joined = true;
    });
    await delay(10);
    expect(joined).to.equal(false);
    await server.stop();
    await j;
    expect(joined).to.equal(true);
  });

  it('starts beans in order and stops them in reverse order, after the connectors', async () => {
    const log: string[] = [];
    const { server, connector } = await startServer(null, (s) => {
      s.addBean(new Recorder('a', log));
      s.addBean(new Recorder('b', log));
    });
    expect(log).to.deep.equal(['start a', 'start b']);
    await server.stop();
    expect(log).to.deep.equal(['start a', 'start b', 'stop b', 'stop a']);
    expect(connector.getLocalPort()).to.equal(-2);
  });

  it('lets an in-flight request finish on stop and refuses new connections', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { server, port } = await startServer(new TextHandler('finished', gate));
    const inFlight = request(port, '/slow');
    await delay(50);
    const stopping = server.stop();
    await delay(50);
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.once('error', () => resolve(true));
    });
    expect(refused).to.equal(true);
    release();
    const r = await inFlight;
    expect(r.status).to.equal(200);
    expect(r.text).to.equal('finished');
    await stopping;
  });

  it('closes requests still running after stopTimeout', async () => {
    const never = new Promise<void>(() => {
      /* never settles */
    });
    const { server, port } = await startServer(new TextHandler('never', never), (s) => s.setStopTimeout(100));
    const inFlight = request(port, '/hang').then(
      () => 'answered',
      () => 'closed',
    );
    await delay(50);
    await server.stop();
    expect(await inFlight).to.equal('closed');
  });

  it('fails to start with a BindError naming host and port when the port is in use', async () => {
    const first = await startServer(null);
    try {
      const server = new Server();
      const c = new ServerConnector(server);
      c.setHost('127.0.0.1');
      c.setPort(first.port);
      server.addConnector(c);
      let err: unknown;
      try {
        await server.start();
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(BindError);
      expect((err as BindError).message).to.equal(`Cannot bind ServerConnector to 127.0.0.1:${first.port}: address already in use`);
      expect((err as BindError).code).to.equal('EADDRINUSE');
      expect((err as BindError).exitCode).to.equal(2);
      expect(server.isFailed()).to.equal(true);
    } finally {
      await first.server.stop();
    }
  });

  it('new Server(port) creates a ServerConnector on that port', () => {
    const s = new Server(8765);
    const c = s.getConnectors()[0] as ServerConnector;
    expect(c).to.be.instanceOf(ServerConnector);
    expect(c.getPort()).to.equal(8765);
  });

  it('dump() lists the connector, the handler tree and the beans', async () => {
    const ctx = new ContextHandler('/app');
    const handlers = new HandlerCollection();
    handlers.setHandlers([ctx, new DefaultHandler()]);
    const { server, port } = await startServer(handlers);
    try {
      const dump = server.dump();
      expect(dump.split('\n')[0]).to.match(/^Server@[0-9a-f]+{STARTED}\[/);
      expect(dump).to.contain(`ServerConnector@STARTED{HTTP/1.1,[http/1.1]}{127.0.0.1:${port}}`);
      expect(dump).to.contain('QueuedThreadPool');
      expect(dump).to.contain('HandlerCollection@STARTED[2 handlers]');
      expect(dump).to.contain('ContextHandler@{/app,null,STARTED}');
      expect(dump).to.contain('DefaultHandler');
      expect(dump).to.contain('ErrorHandler');
    } finally {
      await server.stop();
    }
  });

  it('prints the dump to stdout after start when dumpAfterStart is set', async () => {
    const chunks: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    (process.stdout as unknown as { write: (c: string) => boolean }).write = (c: string) => {
      chunks.push(String(c));
      return true;
    };
    let server: Server | undefined;
    try {
      ({ server } = await startServer(null, (s) => s.setDumpAfterStart(true)));
    } finally {
      (process.stdout as unknown as { write: typeof original }).write = original;
    }
    await server?.stop();
    const out = chunks.join('');
    expect(out).to.match(/^Server@[0-9a-f]+{STARTING}\[/);
    expect(out).to.contain('HttpConnectionFactory@[http/1.1]{RFC7230,HttpConfiguration@{32768/8192,8192/8192,https://:0,}}');
  });

  it('turns a handler that throws into a 500 page without the stack', async () => {
    class Boom extends AbstractHandler {
      async handle(): Promise<void> {
        throw new Error('secret detail');
      }
    }
    const { server, port } = await startServer(new Boom());
    try {
      const r = await request(port, '/');
      expect(r.status).to.equal(500);
      expect(r.text).to.contain('HTTP ERROR 500');
      expect(r.text).not.to.contain('secret detail');
    } finally {
      await server.stop();
    }
  });

  it('answers OPTIONS * for the server itself', async () => {
    const { server, port } = await startServer(null);
    try {
      const r = await request(port, '*', { method: 'OPTIONS' });
      expect(r.status).to.equal(200);
      expect(r.headers.allow).to.equal('GET, POST, HEAD, OPTIONS');
      expect((await request(port, '*')).status).to.equal(400);
    } finally {
      await server.stop();
    }
  });

  it("answers a path the canonical path refuses as Jetty's bad message: 400 with the refusal's reason, the bad-message page, the connection closed", async () => {
    const { server, port } = await startServer(new TextHandler('ok'));
    try {
      for (const [target, reason] of [
        ['/../etc/passwd', 'Bad Request'],
        ['/a%00b', 'Bad Request'],
        ['//evil.example/..;/sub', 'Ambiguous path parameters'],
        ['/a%2fb', 'Ambiguous URI path separator'],
      ]) {
        const r = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
        expect(r.text.split('\r\n')[0], target).to.equal(`HTTP/1.1 400 ${reason}`);
        expect(r.text, target).to.match(/\r\nContent-Type: text\/html;charset=iso-8859-1\r\n/i);
        expect(r.text, target).to.match(/\r\nConnection: close\r\n/i);
        expect(r.text.slice(r.text.indexOf('\r\n\r\n') + 4), target).to.equal(`<h1>Bad Message 400</h1><pre>reason: ${reason}</pre>`);
        expect(r.closed, target).to.equal(true);
      }
    } finally {
      await server.stop();
    }
  });

  it('answers 400 for a path that escapes the root or hides dot segments', async () => {
    const { server, port } = await startServer(new TextHandler('ok'));
    try {
      expect((await request(port, '/../etc/passwd')).status).to.equal(400);
      expect((await request(port, '/a/%2e%2e/b')).status).to.equal(400);
      expect((await request(port, '/a%2fb')).status).to.equal(400);
      expect((await request(port, '/a%00b')).status).to.equal(400);
      expect((await request(port, '/a/./b/../c')).status).to.equal(200);
    } finally {
      await server.stop();
    }
  });
});

describe('ServerConnector', () => {
  it('does not cut off a request that takes longer than idleTimeout', async () => {
    const { server, port } = await startServer(new TextHandler('late', delay(400)), (_s, c) => c.setIdleTimeout(150));
    try {
      const r = await request(port, '/');
      expect(r.text).to.equal('late');
    } finally {
      await server.stop();
    }
  });
});
