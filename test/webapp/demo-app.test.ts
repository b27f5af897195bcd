/**
 * Tests for the demo web app in webapps/ROOT: welcome page, per-visitor counter, session cart.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { WebAppContext } from '../../src/webapp/web-app-context';
import type { Server } from '../../src/server/server';
import { captureServerLog, httpGet, repoRoot, startServer } from './webapp-test-support';

describe('the demo web app (webapps/ROOT)', () => {
  let server: Server;
  let port: number;

  before(async () => {
    const webapp = new WebAppContext(path.join(repoRoot(), 'webapps', 'ROOT'), '/');
    await captureServerLog(async () => {
      ({ server, port } = await startServer(webapp));
    });
  });
  after(async () => {
    await captureServerLog(() => server.stop());
  });

  function cookieOf(headers: Record<string, unknown>): string {
    const set = headers['set-cookie'] as string[] | undefined;
    return set ? set[0].split(';')[0] : '';
  }

  it('serves its static welcome page at /', async () => {
    const res = await httpGet(port, '/');
    expect(res.status).to.equal(200);
    expect(res.body).to.contain('Pier is running');
  });

  it('counts the visits of one visitor in the session', async () => {
    const first = await httpGet(port, '/shop');
    expect(first.body).to.contain('<p id="visits">Visits: 1</p>');
    const cookie = cookieOf(first.headers);
    expect(cookie).to.match(/^JSESSIONID=/);
    const second = await httpGet(port, '/shop', { cookie });
    expect(second.body).to.contain('<p id="visits">Visits: 2</p>');
    const stranger = await httpGet(port, '/shop');
    expect(stranger.body).to.contain('<p id="visits">Visits: 1</p>');
  });

  it('does not count the shop page the cart redirects to as a visit', async () => {
    const cookie = cookieOf((await httpGet(port, '/shop')).headers);
    const added = await httpGet(port, '/cart/add?item=tea', { cookie }, 'POST');
    expect(added.headers.location).to.match(/\/shop$/);
    expect((await httpGet(port, '/shop', { cookie })).body, 'after the redirect').to.contain('<p id="visits">Visits: 1</p>');
    expect((await httpGet(port, '/shop', { cookie })).body, 'the next visit').to.contain('<p id="visits">Visits: 2</p>');
  });

  it('keeps a cart in the session', async () => {
    const cookie = cookieOf((await httpGet(port, '/shop')).headers);
    const added = await httpGet(port, '/cart/add?item=tea', { cookie }, 'POST');
    expect(added.status).to.equal(302);
    await httpGet(port, '/cart/add?item=tea', { cookie }, 'POST');
    await httpGet(port, '/cart/add?item=map', { cookie }, 'POST');
    expect(JSON.parse((await httpGet(port, '/cart', { cookie })).body)).to.deep.equal({ tea: 2, map: 1 });
    expect((await httpGet(port, '/shop', { cookie })).body).to.contain('<p id="total">Total: 17.00</p>');
    await httpGet(port, '/cart/clear', { cookie }, 'POST');
    expect(JSON.parse((await httpGet(port, '/cart', { cookie })).body)).to.deep.equal({});
  });

  it('answers an unknown item with 400 and an unknown path with its 404 page', async () => {
    expect((await httpGet(port, '/cart/add?item=boat', {}, 'POST')).status).to.equal(400);
    const missing = await httpGet(port, '/no-such-page');
    expect(missing.status).to.equal(404);
    expect(missing.body).to.contain('Nothing here');
  });
});
