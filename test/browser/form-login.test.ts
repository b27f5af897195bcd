/**
 * A real FORM login in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): the
 * protected page sends the browser to the login form, a wrong password shows the error page, the right
 * one lands on the page with a new session id, the login survives a server restart on the file session
 * store, and logging out locks the browser out again.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Server } from '../../src/server/server';
import { ServerConnector } from '../../src/server/server-connector';
import { DefaultSessionCache } from '../../src/session/default-session-cache';
import { SessionHandler } from '../../src/session/session-handler';
import { FileSessionDataStore } from '../../src/session/stores/file/file-session-data-store';
import { HashLoginService } from '../../src/security/hash-login-service';
import type { ConstraintSecurityHandler } from '../../src/security/constraint-security-handler';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { REALM, captureServerLog, formLogin, secureApp } from '../security/security-test-support';
import { cleanupTempDirs, tempDir } from '../webapp/webapp-test-support';
import { CHROMIUM, launchChromium } from './chromium';

/** A private port of this suite's range, so that a restarted server is the same origin for the browser. */
const PORT = Number(process.env.PIER_BROWSER_PORT ?? 25080);

async function startPier(war: string, storeDir: string): Promise<Server> {
  const webapp = new WebAppContext(war, '/app');
  (webapp.getSecurityHandler() as ConstraintSecurityHandler).setLoginService(new HashLoginService('Test Realm', REALM));
  const sh = new SessionHandler();
  const cache = new DefaultSessionCache(sh);
  const store = new FileSessionDataStore();
  store.setStoreDir(storeDir);
  cache.setSessionDataStore(store);
  sh.setSessionCache(cache);
  webapp.setSessionHandler(sh);
  const server = new Server();
  const connector = new ServerConnector(server);
  connector.setHost('127.0.0.1');
  connector.setPort(PORT);
  server.addConnector(connector);
  server.setHandler(webapp);
  await captureServerLog(() => server.start());
  if (!webapp.isAvailable()) throw new Error(`the secure app did not start: ${String(webapp.getUnavailableException())}`);
  return server;
}

async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies(`http://127.0.0.1:${PORT}/app/`)).find((c) => c.name === 'JSESSIONID')?.value;
}

async function logIn(page: Page, user: string, password: string): Promise<void> {
  await page.fill('#j_username', user);
  await page.fill('#j_password', password);
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
}

describe('FORM login in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser | null = null;
  let server: Server | null = null;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does`);
      this.skip();
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    if (server) await captureServerLog(() => server!.stop());
    cleanupTempDirs();
  });

  it('logs in, reaches the protected page, stays logged in across a restart, logs out and is locked out again', async () => {
    const war = secureApp(formLogin);
    const storeDir = path.join(tempDir('pier-browser-store-'), 'sessions');
    server = await startPier(war, storeDir);
    const context = await browser!.newContext();
    const page = await context.newPage();
    const base = `http://127.0.0.1:${PORT}/app`;

    await page.goto(`${base}/user/page.html`);
    expect(page.url()).to.match(/\/app\/login\.html/);
    expect(await page.title()).to.equal('Log in');

    await logIn(page, 'user', 'wrong');
    expect(page.url()).to.match(/\/app\/error\.html/);
    expect(await page.textContent('#login-error')).to.equal('LOGIN-FAILED');

    await page.goto(`${base}/user/page.html`);
    expect(page.url()).to.match(/\/app\/login\.html/);
    const before = await sessionCookie(context);
    expect(before).to.be.a('string');
    await logIn(page, 'user', 'password');
    expect(page.url()).to.equal(`${base}/user/page.html`);
    expect(await page.textContent('#user-page')).to.equal('USER-PAGE');
    const after = await sessionCookie(context);
    expect(after).to.be.a('string');
    expect(after!.split('.')[0], 'the session id changes at login').not.to.equal(before!.split('.')[0]);
    const who = JSON.parse(await (await page.goto(`${base}/whoami`))!.text());
    expect(who).to.include({ remoteUser: 'user', authType: 'FORM', user: true, admin: false });

    await captureServerLog(() => server!.stop());
    server = await startPier(war, storeDir);
    await page.goto(`${base}/user/page.html`);
    expect(page.url(), 'still logged in after the restart').to.equal(`${base}/user/page.html`);
    expect(await page.textContent('#user-page')).to.equal('USER-PAGE');

    await page.goto(`${base}/logout`);
    expect(page.url()).to.equal(`${base}/index.html`);
    await page.goto(`${base}/user/page.html`);
    expect(page.url(), 'locked out after logout').to.match(/\/app\/login\.html/);
    await context.close();
  });
});
