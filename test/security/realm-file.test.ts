/**
 * Tests that a realm.properties file in Jetty's format is read as Jetty reads it (clear, OBF:, MD5: and
 * CRYPT: passwords, roles after the password), that a file that cannot be used is refused with its
 * location, and that hotReload picks up a changed file while a broken change keeps the users read before.
 * @module
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HashLoginService } from '../../src/security/hash-login-service';
import { RealmFileError } from '../../src/security/errors';
import { readRealmFile } from '../../src/security/property-user-store';
import { Password, deobfuscate, obfuscate } from '../../src/util/security/password';
import { getCredential } from '../../src/util/security/credential';
import { unixCrypt } from '../../src/util/security/unix-crypt';
import { cleanupTempDirs, pollUntil, tempDir } from '../webapp/webapp-test-support';
import { REALM, captureServerLog } from './security-test-support';

describe('realm files and credentials', () => {
  after(() => cleanupTempDirs());

  it("computes crypt(3) as glibc does (vectors from perl crypt on this machine and Jetty's demo realm)", () => {
    expect(unixCrypt('admin', 'ad')).to.equal('adpexzg3FUZAk');
    expect(unixCrypt('password', 'ab')).to.equal('abJnggxhB/yWI');
    expect(unixCrypt('', '..')).to.equal('..X8NBuQ4l6uQ');
    expect(unixCrypt('a very long password', 'Zz')).to.equal('ZzVDtDWw8OkhY');
  });

  it('agrees with the C library crypt(3) (through perl) on 200 random passwords and salts', () => {
    const alphabet = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const cases: [string, string][] = [];
    for (let i = 0; i < 200; i++) {
      const length = i % 11;
      let password = '';
      for (let j = 0; j < length; j++) password += String.fromCharCode(33 + Math.floor(Math.random() * 94));
      cases.push([password, alphabet[Math.floor(Math.random() * 64)] + alphabet[Math.floor(Math.random() * 64)]]);
    }
    const libc = execFileSync('perl', ['-ne', 'chomp; my ($p, $s) = split /\\t/, $_, 2; print crypt($p, $s), "\\n"'], {
      input: cases.map(([p, s]) => `${p}\t${s}\n`).join(''),
    })
      .toString()
      .trim()
      .split('\n');
    expect(cases.map(([p, s]) => unixCrypt(p, s))).to.deep.equal(libc);
  });

  it("reverses Jetty's OBF: encoding, and encodes as Jetty does (round trip with non-ASCII text)", () => {
    expect(deobfuscate('OBF:1xmk1w261u9r1w1c1xmq')).to.equal('other');
    expect(obfuscate('other')).to.equal('OBF:1xmk1w261u9r1w1c1xmq');
    for (const s of ['', 'x', 'pässwörd', 'Ω≈ç√ 🙂']) expect(deobfuscate(obfuscate(s))).to.equal(s);
    expect(new Password('OBF:1xmk1w261u9r1w1c1xmq').check('other')).to.equal(true);
  });

  it('checks MD5:, CRYPT:, OBF: and clear credentials, refusing wrong passwords and non-strings', () => {
    expect(getCredential('MD5:164c88b302622e17050af52c89945d44').check('jetty')).to.equal(true);
    expect(getCredential('MD5:164c88b302622e17050af52c89945d44').check('Jetty')).to.equal(false);
    expect(getCredential('CRYPT:adpexzg3FUZAk').check('admin')).to.equal(true);
    expect(getCredential('CRYPT:adpexzg3FUZAk').check('admin2')).to.equal(false);
    // crypt(3) reads the first 8 characters only, in Jetty's UnixCrypt too
    expect(getCredential('CRYPT:abJnggxhB/yWI').check('password-and-more')).to.equal(true);
    expect(getCredential('plain').check('plain')).to.equal(true);
    expect(getCredential('plain').check(null)).to.equal(false);
    expect(getCredential('plain').check({ toString: () => 'plain' })).to.equal(false);
  });

  it('reads the users and roles of a realm file, trimming spaces around names, passwords and roles', () => {
    const users = readRealmFile(REALM);
    expect([...users.keys()]).to.deep.equal(['jetty', 'admin', 'other', 'plain', 'user', 'nobody']);
    expect(users.get('admin')!.getRoles()).to.deep.equal(['server-administrator', 'content-administrator', 'admin', 'user']);
    expect(users.get('nobody')!.getRoles()).to.deep.equal([]);
  });

  it('refuses a realm file that does not exist, and a bad MD5 line with its file:line:column', () => {
    const dir = tempDir('pier-realm-');
    expect(() => readRealmFile(path.join(dir, 'none.properties'))).to.throw(
      RealmFileError,
      `${path.join(dir, 'none.properties')}: Cannot read realm file (it does not exist)`,
    );
    const bad = path.join(dir, 'bad.properties');
    fs.writeFileSync(bad, '# users\nok: pw,user\nbroken: MD5:xyz,user\n');
    expect(() => readRealmFile(bad)).to.throw(RealmFileError, `${bad}:3:1: Cannot read the password of user 'broken'`);
  });

  it('logs in by password and validates a login while the realm keeps the same credential', async () => {
    const service = new HashLoginService('Test Realm', REALM);
    await service.start();
    try {
      const admin = service.login('admin', 'admin')!;
      expect(admin.isUserInRole('admin')).to.equal(true);
      expect(service.login('admin', 'wrong')).to.equal(null);
      expect(service.login('ghost', 'admin')).to.equal(null);
      expect(service.validate(admin)).to.equal(true);
    } finally {
      await service.stop();
    }
  });

  it('with hotReload, reads a changed realm file (a new password takes effect, old logins stop validating), and keeps the old users when the change is broken', async function () {
    this.timeout(15000);
    const dir = tempDir('pier-realm-');
    const file = path.join(dir, 'realm.properties');
    fs.writeFileSync(file, 'alice: one,user\n');
    const service = new HashLoginService('R', file);
    service.setHotReload(true);
    await service.start();
    try {
      const alice = service.login('alice', 'one')!;
      expect(alice).not.to.equal(null);
      await captureServerLog(async () => {
        fs.writeFileSync(file, 'alice: two,user\nbob: three,user\n');
        await pollUntil('the realm file is read again', () => service.login('bob', 'three') !== null, 8000, 100);
      });
      expect(service.login('alice', 'one')).to.equal(null);
      expect(service.login('alice', 'two')).not.to.equal(null);
      expect(service.validate(alice)).to.equal(false);
      const log = await captureServerLog(async (lines) => {
        fs.writeFileSync(file, 'alice: MD5:nothex,user\n');
        await pollUntil('the broken change is reported', () => lines.some((l) => l.includes('Kept the users read before')), 8000, 100);
        return lines;
      });
      expect(log.join('\n')).to.contain(`${file}:1:1`);
      expect(service.login('bob', 'three')).not.to.equal(null);
    } finally {
      await service.stop();
    }
  });
});
