/**
 * README's tour, as written: its servlet, web.xml and context XML deploy through bin/start and keep a session.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PierProcess, freePort, repoRoot, request } from '../support/pier-process';
import { STORE_LOCK_FILE } from '../../src/session/store-folder-lock';

describe("README's tour", function () {
  this.timeout(60_000);
  let base: string;
  let store: string;
  let pier: PierProcess | undefined;

  afterEach(() => {
    pier?.kill();
    fs.rmSync(base, { recursive: true, force: true });
    fs.rmSync(store, { recursive: true, force: true });
  });

  it('deploys its hello web app with its context XML, and the session counts visits', async () => {
    const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    const tour = readme.slice(readme.indexOf('## A tour in five minutes'), readme.indexOf('## Dependencies'));
    const blocks = [...tour.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));
    const servlet = blocks.find((b) => b.lang === 'js')!.text;
    const [webXml, contextXml] = blocks.filter((b) => b.lang === 'xml').map((b) => b.text);
    expect(contextXml).to.include('<Set name="storeDir">/tmp/sessions</Set>');

    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-tour-'));
    store = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-tour-sessions-'));
    const port = await freePort();
    fs.mkdirSync(path.join(base, 'webapps/hello/WEB-INF/classes/com/example'), { recursive: true });
    fs.writeFileSync(path.join(base, 'webapps/hello/WEB-INF/classes/com/example/HelloServlet.js'), servlet);
    fs.writeFileSync(path.join(base, 'webapps/hello/WEB-INF/web.xml'), webXml);
    // The only change: the store folder, so the test does not write to /tmp/sessions.
    fs.writeFileSync(path.join(base, 'webapps/hello.xml'), contextXml.replace('/tmp/sessions', store));
    fs.mkdirSync(path.join(base, 'start.d'));
    fs.writeFileSync(path.join(base, 'start.d/http.ini'), `--module=http\njetty.http.host=127.0.0.1\njetty.http.port=${port}\n`);
    fs.writeFileSync(path.join(base, 'start.d/deploy.ini'), '--module=deploy\n');

    pier = await PierProcess.start(base);
    const first = await request(port, '/hello/');
    expect(first.body.trim()).to.equal('Hello, visit 1');
    const cookie = String(first.headers['set-cookie']?.[0] ?? '').split(';')[0];
    expect((await request(port, '/hello/', { headers: { Cookie: cookie } })).body.trim()).to.equal('Hello, visit 2');
    expect(await pier.stop('SIGTERM')).to.equal(0);
    // Stopped, the store has written its journal into session files: the folder holds this session's file alone
    // (while it runs, a checkpoint every second makes it hold the journal, the file, or both for a moment).
    const id = cookie.split('=')[1].replace(/\.node0$/, '');
    const files = fs.readdirSync(store).filter((n) => n !== STORE_LOCK_FILE);
    expect(files, 'the store folder besides its lock').to.have.length(1);
    expect(files[0]).to.match(new RegExp(`^\\d+__hello_0\\.0\\.0\\.0_${id}$`));
  });
});
