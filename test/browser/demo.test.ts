/**
 * The demo base walked in headless Chromium, as a newcomer would: a copy of the repository's `start.d/` and
 * `webapps/` served by a real `bin/start` process. The shop keeps a cart in the session and shows the session
 * and its cache/store wiring; the cart survives a restart and a SIGKILL; the wiring shown follows an edit of
 * `webapps/ROOT.xml`; the notices app redeploys when its context file changes.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createClient } from '@redis/client';
import { Client as PgClient } from 'pg';
import { PierProcess, eventually, freePort, repoRoot } from '../support/pier-process';
import { listening, skipOrFail } from '../support/cache-servers';
import { CHROMIUM, launchChromium } from './chromium';

const SESSIONS = 'org.eclipse.jetty.server.session';

/** A fresh jetty.base holding the demo's own start.d/ and webapps/. */
function copyDemoBase(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-demo-base-'));
  for (const dir of ['start.d', 'webapps']) fs.cpSync(path.join(repoRoot(), dir), path.join(base, dir), { recursive: true });
  return base;
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? '').trim();
}

/** The cart as the page lists it: `Green tea × 1`, one entry per line. */
async function cartLines(page: Page): Promise<string[]> {
  return page.$$eval('#cart li', (items) => items.map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/**
 * ROOT.xml with its live store replaced by the store of `className`, taken as written from the file's closing
 * comment (the `<New>` blocks there are indented by ten spaces, as the live one is).
 */
function withStoreFromComment(xml: string, className: string): string {
  const cut = xml.lastIndexOf('<!--');
  const [live, comment] = [xml.slice(0, cut), xml.slice(cut)];
  const snippet = new RegExp(`\\n {10}<New class="${className.replace(/\./g, '\\.')}">[\\s\\S]*?\\n {10}</New>`).exec(comment);
  if (!snippet) throw new Error(`webapps/ROOT.xml's comment has no <New class="${className}"> block`);
  return live.replace(/\n {10}<New class="[^"]+">[\s\S]*?\n {10}<\/New>/, snippet[0]) + comment;
}

/** Clicks an Add button and waits for the shop page the cart's redirect leads to. */
async function add(page: Page, product: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(`button[aria-label="Add ${product} to the cart"]`)]);
}

describe('the demo base in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | null = null;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let port: number;
  let pier: PierProcess | null = null;
  let sessionId: string;
  let created: string;

  const start = async (): Promise<void> => {
    pier = await PierProcess.start(base, [`jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1']);
  };
  const shop = async (): Promise<void> => {
    await page.goto(`http://127.0.0.1:${port}/shop`);
  };

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does`);
      this.skip();
    }
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    base = copyDemoBase();
    port = await freePort();
    await start();
  });
  after(async () => {
    await browser?.close();
    pier?.kill();
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  it('keeps a cart in the session and counts visits, not the redirects of the cart', async () => {
    await shop();
    expect(await page.title()).to.equal('The Pier Shop');
    expect(await text(page, '#visits')).to.equal('Visits: 1');
    await add(page, 'Green tea');
    await add(page, 'Harbour map');
    expect(page.url()).to.equal(`http://127.0.0.1:${port}/shop`);
    expect(await cartLines(page)).to.deep.equal(['Green tea × 1 4.50', 'Harbour map × 1 8.00']);
    expect(await text(page, '#total')).to.equal('Total: 12.50');
    expect(await text(page, '#visits'), 'the pages the cart redirected to').to.equal('Visits: 1');
    await shop();
    expect(await text(page, '#visits')).to.equal('Visits: 2');
  });

  it('shows the session as the container sees it and where the file store keeps it', async () => {
    const cookie = (await context.cookies(`http://127.0.0.1:${port}/`)).find((c) => c.name === 'JSESSIONID');
    expect(cookie, 'the session cookie').to.not.equal(undefined);
    sessionId = cookie!.value.split('.')[0];
    expect(await text(page, '#session-id')).to.equal(sessionId);
    expect(await text(page, '#session-node')).to.equal('node0');
    expect(await text(page, '#session-max-inactive')).to.equal('1800 s (30 min)');
    created = (await page.getAttribute('#session-created time', 'datetime'))!;
    expect(Date.parse(created)).to.be.within(Date.now() - 120_000, Date.now());
    // The first write goes to the journal; the checkpoint (every second) gives the session its own file.
    const sessions = path.join(base, 'sessions');
    await eventually(
      async () => {
        await shop();
        return (await text(page, '#session-file')).startsWith(path.join(sessions, ''));
      },
      15_000,
      'the session file on the page',
    );
    expect(await text(page, '#session-file')).to.match(new RegExp(`^${sessions}/\\d+__0\\.0\\.0\\.0_${sessionId}$`));
    expect(fs.readdirSync(sessions).some((n) => n.endsWith(`_${sessionId}`))).to.equal(true);
  });

  it('shows the cache and store wiring of the shop, read from the objects webapps/ROOT.xml made', async () => {
    expect(await text(page, '#cache-class')).to.equal(`${SESSIONS}.DefaultSessionCache`);
    expect(await text(page, '#eviction-policy')).to.equal('-1');
    const wiring = await text(page, '#wiring');
    expect(wiring).to.include(`${SESSIONS}.FileSessionDataStore`);
    expect(wiring).to.include(path.join(base, 'sessions'));
    expect(await text(page, '#xml-file')).to.equal(path.join('webapps', 'ROOT.xml'));
    const xml = await text(page, '#xml pre');
    expect(xml).to.equal(fs.readFileSync(path.join(base, 'webapps', 'ROOT.xml'), 'utf8').trim());
    expect(await page.$$eval('#xml pre mark', (marks) => marks.map((m) => m.textContent))).to.deep.equal([
      `"${SESSIONS}.DefaultSessionCache"`,
      `"${SESSIONS}.FileSessionDataStore"`,
    ]);
    // The picture in docs/operators.md: PIER_DEMO_SCREENSHOT=docs/images/demo-shop.png npm run test:browser
    const shot = process.env.PIER_DEMO_SCREENSHOT;
    if (shot) {
      await page.setViewportSize({ width: 1280, height: 1100 });
      await page.screenshot({ path: path.resolve(shot) });
    }
  });

  it('keeps the cart when the server is stopped and started again', async () => {
    expect(await pier!.stop('SIGTERM')).to.equal(0);
    await start();
    await shop();
    expect(await cartLines(page)).to.deep.equal(['Green tea × 1 4.50', 'Harbour map × 1 8.00']);
    expect(await text(page, '#session-id')).to.equal(sessionId);
    expect(await page.getAttribute('#session-created time', 'datetime')).to.equal(created);
  });

  it('keeps every acknowledged change when the server is killed with SIGKILL', async () => {
    await add(page, 'Pier mug');
    expect(await cartLines(page)).to.include('Pier mug × 1 12.00');
    expect(await pier!.stop('SIGKILL')).to.equal('SIGKILL');
    await start();
    await shop();
    expect(await cartLines(page)).to.deep.equal(['Green tea × 1 4.50', 'Harbour map × 1 8.00', 'Pier mug × 1 12.00']);
    expect(await text(page, '#total')).to.equal('Total: 24.50');
    expect(await text(page, '#session-id')).to.equal(sessionId);
  });

  it('shows the new wiring once webapps/ROOT.xml is edited, and the cart survives the redeploy', async () => {
    const xmlFile = path.join(base, 'webapps', 'ROOT.xml');
    const xml = fs.readFileSync(xmlFile, 'utf8');
    expect(xml).to.include('<Set name="evictionPolicy">-1</Set>');
    fs.writeFileSync(xmlFile, xml.replace('<Set name="evictionPolicy">-1</Set>', '<Set name="evictionPolicy">0</Set>'));
    await eventually(
      async () => {
        await shop();
        return (await text(page, '#eviction-policy')) === '0';
      },
      20_000,
      'the redeployed shop',
    );
    expect(await text(page, '#wiring')).to.include('EVICT_ON_SESSION_EXIT');
    expect(await text(page, '#xml pre')).to.include('<Set name="evictionPolicy">0</Set>');
    expect(await cartLines(page)).to.deep.equal(['Green tea × 1 4.50', 'Harbour map × 1 8.00', 'Pier mug × 1 12.00']);
  });

  it('redeploys the notices app when its context file changes', async () => {
    await page.goto(`http://127.0.0.1:${port}/notices/`);
    expect(await page.title()).to.equal('Harbour notices');
    expect(await text(page, '#notice')).to.equal('Calm water in the harbour today. Ferries run on time.');
    const deployed = Date.parse((await page.getAttribute('#deployed-at time', 'datetime'))!);
    const xmlFile = path.join(base, 'webapps', 'notices.xml');
    fs.writeFileSync(xmlFile, fs.readFileSync(xmlFile, 'utf8').replace('Calm water in the harbour today.', 'Fog in the harbour.'));
    await eventually(
      async () => {
        await page.goto(`http://127.0.0.1:${port}/notices/`);
        return (await text(page, '#notice')) === 'Fog in the harbour. Ferries run on time.';
      },
      20_000,
      'the redeployed notices app',
    );
    expect(Date.parse((await page.getAttribute('#deployed-at time', 'datetime'))!)).to.be.above(deployed);
  });

  /** Rewrites ROOT.xml for another store and waits until the shop page shows it. */
  async function switchStore(className: string, selector: string): Promise<void> {
    const xmlFile = path.join(base, 'webapps', 'ROOT.xml');
    fs.writeFileSync(xmlFile, withStoreFromComment(fs.readFileSync(xmlFile, 'utf8'), className));
    await eventually(
      async () => {
        await shop();
        return (await page.$(selector)) !== null;
      },
      20_000,
      `the shop on ${className}`,
    );
    await add(page, 'Green tea');
    expect(await text(page, '#wiring')).to.include(className);
  }

  it("shows the Redis key of the session once ROOT.xml's Redis snippet replaces the file store", async function () {
    if (!(await listening(6379))) skipOrFail(this, 'no Redis on 127.0.0.1:6379');
    await switchStore('org.pier.redis.session.RedisSessionDataStore', '#session-key');
    const id = await text(page, '#session-id');
    const key = await text(page, '#session-key');
    expect(key).to.equal(`pier:session:_0.0.0.0_${id}`);
    const redis = createClient({ url: 'redis://127.0.0.1:6379/0' });
    await redis.connect();
    try {
      expect(await redis.exists(key), `the key ${key} in Redis`).to.equal(1);
      await redis.del(key);
    } finally {
      await redis.close();
    }
  });

  it("shows the table row of the session once ROOT.xml's PostgreSQL snippet replaces the store", async function () {
    if (!(await listening(5432))) skipOrFail(this, 'no PostgreSQL on 127.0.0.1:5432');
    await switchStore(`${SESSIONS}.JDBCSessionDataStore`, '#session-table');
    const id = await text(page, '#session-id');
    expect(await text(page, '#session-table')).to.equal('JettySessions');
    expect(await text(page, '#session-location')).to.include(`sessionId = '${id}', contextPath = '', virtualHost = '0.0.0.0'`);
    const pg = new PgClient({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
    await pg.connect();
    try {
      const rows = await pg.query("SELECT sessionId FROM JettySessions WHERE sessionId = $1 AND contextPath = '' AND virtualHost = '0.0.0.0'", [id]);
      expect(rows.rowCount, `the row of ${id}`).to.equal(1);
      await pg.query('DELETE FROM JettySessions WHERE sessionId = $1', [id]);
    } finally {
      await pg.end();
    }
  });
});
