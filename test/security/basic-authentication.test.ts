/**
 * Tests that a web app's web.xml security is enforced with BASIC authentication over real HTTP: a
 * constrained page asks for a login (401 with Jetty's challenge), the right user in the right role gets
 * it, the wrong role gets 403 !role, a deny-all constraint refuses everyone, and no spelling of a
 * constrained path gets around the constraint.
 * @module
 */
import { expect } from 'chai';
import type { Server } from '../../src/server/server';
import { cleanupTempDirs } from '../webapp/webapp-test-support';
import { basic, captureServerLog, type Deployed, deploySecure, secureApp, send } from './security-test-support';

describe('BASIC authentication of a web app with <security-constraint>s', () => {
  let d: Deployed;
  const running: Server[] = [];
  before(async () => {
    d = await deploySecure(secureApp());
    running.push(d.server);
    expect(d.webapp.isAvailable(), d.log.join('\n')).to.equal(true);
  });
  after(async () => {
    for (const s of running.splice(0)) await captureServerLog(() => s.stop());
    cleanupTempDirs();
  });

  it('challenges a request without credentials with 401 and WWW-Authenticate: basic realm="Test Realm"', async () => {
    const res = await send(d.port, 'GET', '/app/admin/secret.txt');
    expect(res.status).to.equal(401);
    expect(res.headers['www-authenticate']).to.equal('basic realm="Test Realm"');
    expect(res.body).not.to.contain('ADMIN-SECRET');
  });

  it('serves the page to a user in the role, whatever the password form in the realm file (CRYPT, MD5, OBF, clear)', async () => {
    expect((await send(d.port, 'GET', '/app/admin/secret.txt', basic('admin', 'admin'))).body).to.contain('ADMIN-SECRET');
    for (const [u, p] of [
      ['jetty', 'jetty'],
      ['other', 'other'],
      ['plain', 'plain'],
      ['user', 'password'],
    ]) {
      const res = await send(d.port, 'GET', '/app/user/page.html', basic(u, p));
      expect(res.status, u).to.equal(200);
      expect(res.body, u).to.contain('USER-PAGE');
    }
  });

  it('answers a wrong password with the challenge again, and a user without the role with 403', async () => {
    const wrong = await send(d.port, 'GET', '/app/admin/secret.txt', basic('admin', 'nimda'));
    expect(wrong.status).to.equal(401);
    expect(wrong.headers['www-authenticate']).to.equal('basic realm="Test Realm"');
    const noRole = await send(d.port, 'GET', '/app/admin/secret.txt', basic('user', 'password'));
    expect(noRole.status).to.equal(403);
    expect(noRole.body).not.to.contain('ADMIN-SECRET');
    const unknown = await send(d.port, 'GET', '/app/admin/secret.txt', basic('mallory', 'x'));
    expect(unknown.status).to.equal(401);
  });

  it('refuses everyone, even a valid admin, under an empty <auth-constraint/>', async () => {
    expect((await send(d.port, 'GET', '/app/private/p.txt')).status).to.equal(403);
    expect((await send(d.port, 'GET', '/app/private/p.txt', basic('admin', 'admin'))).status).to.equal(403);
  });

  it('leaves unconstrained pages open, and tells a servlet there who the user is when BASIC credentials come along', async () => {
    expect((await send(d.port, 'GET', '/app/index.html')).body).to.contain('public page');
    const anon = JSON.parse((await send(d.port, 'GET', '/app/whoami')).body);
    expect(anon).to.include({ remoteUser: null, principal: null, authType: null, admin: false });
    const who = JSON.parse((await send(d.port, 'GET', '/app/whoami', basic('admin', 'admin'))).body);
    expect(who).to.include({ remoteUser: 'admin', principal: 'admin', authType: 'BASIC', admin: true, user: true });
  });

  it('gives no spelling of a constrained path a way around the constraint (//, ;params, dot segments, encodings, case)', async () => {
    const shapes = [
      '/app//admin/secret.txt',
      '/app/admin//secret.txt',
      '/app/;x/admin/secret.txt',
      '/app/admin;x/secret.txt',
      '/app/./admin/secret.txt',
      '/app/user/../admin/secret.txt',
      '/app/%61dmin/secret.txt',
      '/app/admin/%73ecret.txt',
      '/app/%2e/admin/secret.txt',
      '/app/admin%2fsecret.txt',
      '/app/x/..;/admin/secret.txt',
      '/app/Admin/secret.txt',
      '/app/ADMIN/secret.txt',
      '/app/admin/secret.txt;jsessionid=x',
      '/app//private/p.txt',
      '/app/private;/p.txt',
    ];
    for (const p of shapes) {
      const res = await send(d.port, 'GET', p);
      expect(res.body, p).not.to.contain('ADMIN-SECRET');
      expect(res.body, p).not.to.contain('PRIVATE');
      expect([400, 401, 403, 404], `${p} answered ${res.status}`).to.include(res.status);
    }
  });

  it('applies the constraint to every method: HEAD, POST and an unknown method are challenged too', async () => {
    for (const m of ['HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect((await send(d.port, m, '/app/admin/secret.txt')).status, m).to.equal(401);
    }
  });
});
