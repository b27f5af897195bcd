/**
 * Tests of the line printed once a server has started.
 * @module
 */
import { expect } from 'chai';
import { connectorUrls, isServerLike, startedLine } from '../../src/start/server-report';

class FakeServer {
  getConnectors(): object[] {
    return [
      { getLocalPort: () => 4711, getHost: () => '127.0.0.1' },
      { getLocalPort: () => 4712, getHost: () => null },
      { getLocalPort: () => 4713, getHost: () => '::1' },
    ];
  }
}

describe('startedLine', () => {
  it('names the server and every connector URL', () => {
    const s = new FakeServer();
    expect(connectorUrls(s)).to.deep.equal(['http://127.0.0.1:4711', 'http://localhost:4712', 'http://[::1]:4713']);
    expect(startedLine(s)).to.equal(
      `Started FakeServer@${process.pid.toString(16)} on http://127.0.0.1:4711, http://localhost:4712, http://[::1]:4713`,
    );
  });

  it('recognises a server by its connectors', () => {
    expect(isServerLike(new FakeServer())).to.equal(true);
    expect(isServerLike({ start() {} })).to.equal(false);
  });
});
