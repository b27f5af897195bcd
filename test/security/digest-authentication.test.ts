/**
 * Tests DIGEST login over real HTTP: curl's own Digest client logs in with clear, OBF: and MD5:
 * (user:realm:password) passwords and is refused with a wrong one; raw requests made here check the
 * challenge, a replayed nonce count, a nonce the server never issued (stale=true), an aged nonce, a digest
 * made for another URI, and that a CRYPT: password cannot serve DIGEST.
 * @module
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DigestAuthenticator } from '../../src/security/authentication/digest-authenticator';
import type { ConstraintSecurityHandler } from '../../src/security/constraint-security-handler';
import type { Server } from '../../src/server/server';
import { cleanupTempDirs, tempDir } from '../webapp/webapp-test-support';
import { captureServerLog, type Deployed, deploySecure, secureApp, send } from './security-test-support';

const md5 = (s: string): string => createHash('md5').update(s, 'latin1').digest('hex');

/** A realm with every password form; `digest` holds MD5 of user:realm:password, as Jetty's demo realm. */
function digestRealm(): string {
  const file = path.join(tempDir('pier-digest-realm-'), 'realm.properties');
  fs.writeFileSync(
    file,
    [
      'user: password,user',
      'other: OBF:1xmk1w261u9r1w1c1xmq,user',
      `digest: MD5:${md5('digest:Test Realm:secret')},user`,
      'admin: CRYPT:adpexzg3FUZAk,admin,user',
      '',
    ].join('\n'),
  );
  return file;
}

function digestLogin(webXml: string): string {
  return webXml.replace(/<auth-method>BASIC<\/auth-method>/, '<auth-method>DIGEST</auth-method>');
}

function curl(args: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-s', '-w', '\n%{http_code}', ...args], (err, stdout) => {
      if (err) return reject(err);
      const cut = stdout.lastIndexOf('\n');
      resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    });
  });
}

/** The fields of a Digest challenge. */
function challengeOf(header: string | undefined): Record<string, string> {
  expect(header).to.be.a('string');
  const out: Record<string, string> = {};
  for (const m of header!.slice('Digest '.length).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) out[m[1]] = m[2] ?? m[3];
  return out;
}

/** An Authorization header for `uri` answered to `nonce` with count `nc`. */
function authorization(user: string, password: string, nonce: string, nc: string, uri: string, method = 'GET'): Record<string, string> {
  const cnonce = 'c0ffee';
  const ha1 = md5(`${user}:Test Realm:${password}`);
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${md5(`${method}:${uri}`)}`);
  return {
    authorization: `Digest username="${user}", realm="Test Realm", nonce="${nonce}", uri="${uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`,
  };
}

describe('DIGEST authentication of a web app', () => {
  let d: Deployed;
  const running: Server[] = [];
  before(async () => {
    d = await deploySecure(secureApp(digestLogin), { realm: digestRealm() });
    running.push(d.server);
    expect(d.webapp.isAvailable(), d.log.join('\n')).to.equal(true);
  });
  after(async () => {
    for (const s of running.splice(0)) await captureServerLog(() => s.stop());
    cleanupTempDirs();
  });
  const url = (p: string): string => `http://127.0.0.1:${d.port}${p}`;

  it('challenges with Jetty\'s header: realm, the context as domain, a fresh nonce, MD5, qop "auth", stale=false', async () => {
    const res = await send(d.port, 'GET', '/app/user/page.html');
    expect(res.status).to.equal(401);
    expect(res.headers['www-authenticate']).to.match(
      /^Digest realm="Test Realm", domain="\/app", nonce="[A-Za-z0-9+/]{32}", algorithm=MD5, qop="auth", stale=false$/,
    );
    const again = await send(d.port, 'GET', '/app/user/page.html');
    expect(challengeOf(again.headers['www-authenticate']).nonce).not.to.equal(challengeOf(res.headers['www-authenticate']).nonce);
  });

  it("logs curl's Digest client in with a clear, an OBF: and an MD5:(user:realm:password) password, and refuses a wrong one", async () => {
    for (const [u, p] of [
      ['user', 'password'],
      ['other', 'other'],
      ['digest', 'secret'],
    ]) {
      const ok = await curl(['--digest', '-u', `${u}:${p}`, url('/app/user/page.html?x=1')]);
      expect(ok.status, u).to.equal(200);
      expect(ok.body, u).to.contain('USER-PAGE');
    }
    const who = await curl(['--digest', '-u', 'user:password', url('/app/whoami')]);
    expect(who.status).to.equal(200);
    // /whoami is not constrained: with no challenge curl sends no digest, and the servlet sees nobody
    expect(JSON.parse(who.body)).to.include({ remoteUser: null });
    expect((await curl(['--digest', '-u', 'user:wrong', url('/app/user/page.html')])).status).to.equal(401);
    expect((await curl(['--digest', '-u', 'user:password', url('/app/admin/secret.txt')])).status).to.equal(403);
  });

  it('cannot check a digest against a CRYPT: password (the admin of this realm cannot log in with DIGEST)', async () => {
    expect((await curl(['--digest', '-u', 'admin:admin', url('/app/admin/secret.txt')])).status).to.equal(401);
  });

  it('accepts each nonce count once: the same count again is a replay and is refused without stale', async () => {
    const nonce = challengeOf((await send(d.port, 'GET', '/app/user/page.html')).headers['www-authenticate']).nonce;
    const first = await send(d.port, 'GET', '/app/user/page.html', authorization('user', 'password', nonce, '00000001', '/app/user/page.html'));
    expect(first.status).to.equal(200);
    const next = await send(d.port, 'GET', '/app/user/page.html', authorization('user', 'password', nonce, '00000002', '/app/user/page.html'));
    expect(next.status).to.equal(200);
    const replay = await send(d.port, 'GET', '/app/user/page.html', authorization('user', 'password', nonce, '00000001', '/app/user/page.html'));
    expect(replay.status).to.equal(401);
    expect(challengeOf(replay.headers['www-authenticate']).stale).to.equal('false');
  });

  it('answers a nonce it never issued with a new challenge marked stale=true', async () => {
    const res = await send(
      d.port,
      'GET',
      '/app/user/page.html',
      authorization('user', 'password', 'bm90IGlzc3VlZCBieSB0aGUgc2VydmVy', '00000001', '/app/user/page.html'),
    );
    expect(res.status).to.equal(401);
    expect(challengeOf(res.headers['www-authenticate']).stale).to.equal('true');
  });

  it('refuses a digest made for another URI', async () => {
    const nonce = challengeOf((await send(d.port, 'GET', '/app/user/page.html')).headers['www-authenticate']).nonce;
    const res = await send(d.port, 'GET', '/app/user/page.html', authorization('user', 'password', nonce, '00000001', '/app/index.html'));
    expect(res.status).to.equal(401);
  });

  it('treats a nonce older than maxNonceAge, or a count past maxNonceCount, as stale', async () => {
    const authenticator = (d.webapp.getSecurityHandler() as ConstraintSecurityHandler).getAuthenticator() as DigestAuthenticator;
    expect(authenticator).to.be.instanceOf(DigestAuthenticator);
    expect([authenticator.getMaxNonceAge(), authenticator.getMaxNonceCount()]).to.deep.equal([60_000, 1024]);
    const nonce = challengeOf((await send(d.port, 'GET', '/app/user/page.html')).headers['www-authenticate']).nonce;
    const pastCount = await send(d.port, 'GET', '/app/user/page.html', authorization('user', 'password', nonce, '00000400', '/app/user/page.html'));
    expect(challengeOf(pastCount.headers['www-authenticate']).stale).to.equal('true');
    authenticator.setMaxNonceAge(1);
    try {
      const aged = challengeOf((await send(d.port, 'GET', '/app/user/page.html')).headers['www-authenticate']).nonce;
      await new Promise((r) => setTimeout(r, 20));
      const res = await send(d.port, 'GET', '/app/user/page.html', authorization('user', 'password', aged, '00000001', '/app/user/page.html'));
      expect(res.status).to.equal(401);
      expect(challengeOf(res.headers['www-authenticate']).stale).to.equal('true');
    } finally {
      authenticator.setMaxNonceAge(60_000);
    }
  });
});
