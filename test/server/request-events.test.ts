/**
 * Tests of the request events (`node:diagnostics_channel`): `pier.server.request.start` and
 * `pier.server.request.end` for each exchange through a real server, with status and duration, and no
 * work at all when nobody subscribes.
 * @module
 */
import { expect } from 'chai';
import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import * as sinon from 'sinon';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import type { Request } from '../../src/server/request';
import { REQUEST_END_CHANNEL, REQUEST_START_CHANNEL, type RequestEndMessage, type RequestStartMessage } from '../../src/server/request-events';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { request, startServer, type TestServer } from './http-helpers';

/** Answers /teapot with 418, /slow after 30 ms, /boom by throwing, anything else with 200. */
class Answers extends AbstractHandler {
  async handle(target: string, base: Request, _req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    if (target === '/boom') throw new Error('boom');
    if (target === '/slow') await new Promise((r) => setTimeout(r, 30));
    res.setStatus(target === '/teapot' ? 418 : 200);
    res.getWriter().print('ok');
  }
}

describe('request events (diagnostics_channel)', () => {
  let t: TestServer;
  const unsubscribe: (() => void)[] = [];
  beforeEach(async () => {
    t = await startServer(new Answers());
  });
  afterEach(async () => {
    for (const u of unsubscribe.splice(0)) u();
    await t.server.stop();
  });

  function subscribe<M>(name: string): M[] {
    const seen: M[] = [];
    const fn = (m: unknown): void => {
      seen.push(m as M);
    };
    diagnosticsChannel.subscribe(name, fn);
    unsubscribe.push(() => diagnosticsChannel.unsubscribe(name, fn));
    return seen;
  }

  it('publishes start before the handlers and end after the response, with method, uri, status and duration', async () => {
    const starts = subscribe<RequestStartMessage>(REQUEST_START_CHANNEL);
    const ends = subscribe<RequestEndMessage>(REQUEST_END_CHANNEL);
    await request(t.port, '/teapot;x=1?q=2', { method: 'POST', body: 'a' });
    await request(t.port, '/slow');
    expect(starts.map((m) => [m.method, m.uri])).to.deep.equal([
      ['POST', '/teapot;x=1'],
      ['GET', '/slow'],
    ]);
    expect(ends.map((m) => [m.method, m.uri, m.status])).to.deep.equal([
      ['POST', '/teapot;x=1', 418],
      ['GET', '/slow', 200],
    ]);
    expect(ends[1].durationMs).to.be.at.least(25);
    expect(ends[0].request).to.equal(starts[0].request);
    expect(ends[0].response.isCommitted()).to.equal(true);
  });

  it('publishes the end of a failed request with its error status', async () => {
    const ends = subscribe<RequestEndMessage>(REQUEST_END_CHANNEL);
    expect((await request(t.port, '/boom')).status).to.equal(500);
    expect(ends.map((m) => [m.uri, m.status])).to.deep.equal([['/boom', 500]]);
  });

  it('measures from the arrival of the request for a subscriber that came while it was running', async () => {
    const slow = request(t.port, '/slow');
    await new Promise((r) => setTimeout(r, 10));
    const ends = subscribe<RequestEndMessage>(REQUEST_END_CHANNEL);
    await slow;
    expect(ends.map((m) => m.uri)).to.deep.equal(['/slow']);
    expect(ends[0].durationMs).to.be.at.least(25);
  });

  it('reads no clock and builds no message when nobody subscribes', async () => {
    expect(diagnosticsChannel.channel(REQUEST_START_CHANNEL).hasSubscribers).to.equal(false);
    expect(diagnosticsChannel.channel(REQUEST_END_CHANNEL).hasSubscribers).to.equal(false);
    const clock = sinon.spy(performance, 'now');
    try {
      await request(t.port, '/');
      expect(clock.callCount).to.equal(0);
      subscribe<RequestEndMessage>(REQUEST_END_CHANNEL);
      await request(t.port, '/');
      expect(clock.callCount).to.equal(2);
    } finally {
      clock.restore();
    }
  });
});
