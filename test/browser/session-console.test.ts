/**
 * The session console (module `pier-console`) in headless Chromium: a `bin/start` base with the counter
 * app on the file store and the console; the console asks for a login, lists the contexts with their
 * cache and store, pages and searches the counter's sessions, shows one as JSON, and invalidates one and
 * then several (the counter app no longer knows them).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PierProcess, freePort, repoRoot, request } from '../support/pier-process';
import { CHROMIUM, launchChromium } from './chromium';

const SESSIONS = 60;

function newConsoleBase(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-console-'));
  fs.mkdirSync(path.join(base, 'etc'));
  fs.writeFileSync(path.join(base, 'etc', 'console-realm.properties'), 'admin: s3cret-admin,pier-admin\nclerk: s3cret-clerk,user\n');
  fs.writeFileSync(
    path.join(base, 'start.ini'),
    [
      '--module=http',
      '--module=deploy',
      '--module=session-store-file',
      '--module=pier-console',
      'jetty.session.file.storeDir=${jetty.base}/sessions',
      'pier.console.realm=${jetty.base}/etc/console-realm.properties',
      'jetty.http.host=127.0.0.1',
    ].join('\n') + '\n',
  );
  fs.cpSync(path.join(repoRoot(), 'test', 'fixtures', 'session', 'counter'), path.join(base, 'webapps', 'counter'), { recursive: true });
  return base;
}

async function logIn(page: Page, user: string, password: string): Promise<void> {
  await page.fill('#j_username', user);
  await page.fill('#j_password', password);
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
}

describe('The session console in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | null = null;
  let server: PierProcess | null = null;
  let base = '';
  let port = 0;
  /** Counter session cookies (`JSESSIONID=...`) by session id. */
  const cookies = new Map<string, string>();

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does`);
      this.skip();
    }
    base = newConsoleBase();
    port = await freePort();
    server = await PierProcess.start(base, [`jetty.http.port=${port}`], 60_000);
    for (let i = 0; i < SESSIONS; i++) {
      const r = await request(port, '/counter/inc');
      const cookie = String(r.headers['set-cookie']).split(';')[0];
      cookies.set(cookie.split('=')[1].replace(/\.node0$/, ''), cookie);
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop().catch(() => server?.kill());
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  it('sends to the login page, refuses a wrong password and a user without the role, then lets the admin in', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/pier-console/`);
    expect(new URL(page.url()).pathname).to.equal('/pier-console/login.html');
    await logIn(page, 'admin', 'wrong');
    expect(await page.isVisible('#error')).to.equal(true);
    await logIn(page, 'clerk', 's3cret-clerk');
    expect((await page.textContent('body')) ?? '').to.not.contain('Session cache');
    await context.close();

    const admin = await browser!.newContext();
    const p2 = await admin.newPage();
    await p2.goto(`http://127.0.0.1:${port}/pier-console/`);
    await logIn(p2, 'admin', 's3cret-admin');
    expect(new URL(p2.url()).pathname).to.equal('/pier-console/');
    await admin.close();
  });

  it('lists the contexts with their cache and store, pages and searches sessions, shows one, and invalidates one and then two', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/pier-console/`);
    await logIn(page, 'admin', 's3cret-admin');

    const rows = await page.$$eval('#contexts tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const counter = rows.find((r) => r[0] === '/counter')!;
    expect(counter[1]).to.equal(String(SESSIONS));
    expect(counter[2]).to.match(/DefaultSessionCache/);
    expect(counter[3]).to.match(/FileSessionDataStore.*durability=journal/);
    expect(rows.map((r) => r[0])).to.include('/pier-console');

    await Promise.all([page.waitForNavigation(), page.click('a.context:text-is("/counter")')]);
    expect(await page.textContent('#range')).to.equal(`1-50 of ${SESSIONS}`);
    expect(await page.$$eval('#sessions tbody tr', (trs) => trs.length)).to.equal(50);
    await Promise.all([page.waitForNavigation(), page.click('a[rel=next]')]);
    expect(await page.textContent('#range')).to.equal(`51-${SESSIONS} of ${SESSIONS}`);

    const ids = [...cookies.keys()].sort();
    const target = ids[17];
    await page.fill('input[name=q]', target.slice(-10));
    await Promise.all([page.waitForNavigation(), page.click('form.search button')]);
    expect(await page.$$eval('#sessions a.session', (as) => as.map((a) => a.textContent))).to.deep.equal([target]);
    expect(await page.textContent('#sessions tbody tr')).to.match(/n \(1 B\)/);

    await Promise.all([page.waitForNavigation(), page.click(`a.session:text-is("${target}")`)]);
    const record = JSON.parse((await page.textContent('#record')) ?? '') as Record<string, unknown>;
    expect(record).to.include({ context: '/counter', id: target });
    expect(record.attributes).to.deep.equal({ n: 1 });

    await Promise.all([page.waitForNavigation(), page.click('#invalidate')]);
    expect(await page.textContent('.notice')).to.equal('Invalidated 1 session(s)');
    expect(await page.textContent('#range')).to.equal(`1-50 of ${SESSIONS - 1}`);
    expect((await request(port, '/counter/get', { headers: { Cookie: cookies.get(target)! } })).body).to.equal('none');

    const two = [ids[0], ids[1]];
    for (const id of two) await page.check(`input[name=id][value="${id}"]`);
    await Promise.all([page.waitForNavigation(), page.click('#invalidate')]);
    expect(await page.textContent('.notice')).to.equal('Invalidated 2 session(s)');
    expect(await page.textContent('#range')).to.equal(`1-50 of ${SESSIONS - 3}`);
    for (const id of two) expect((await request(port, '/counter/get', { headers: { Cookie: cookies.get(id)! } })).body).to.equal('none');
    expect((await request(port, '/counter/get', { headers: { Cookie: cookies.get(ids[2])! } })).body).to.equal('1');

    if (process.env.PIER_CONSOLE_SCREENSHOT) await page.screenshot({ path: process.env.PIER_CONSOLE_SCREENSHOT, fullPage: false });
    await context.close();
  });

  it('refuses an invalidation whose form does not carry the session token', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/pier-console/`);
    await logIn(page, 'admin', 's3cret-admin');
    const id = [...cookies.keys()].sort()[5];
    const status = await page.evaluate(async (sid) => {
      const body = new URLSearchParams({ context: '/counter', id: sid, csrf: 'forged' });
      return (await fetch('/pier-console/invalidate', { method: 'POST', body, redirect: 'manual' })).status;
    }, id);
    expect(status).to.equal(403);
    expect((await request(port, '/counter/get', { headers: { Cookie: cookies.get(id)! } })).body).to.equal('1');
    await context.close();
  });
});
