import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AbstractHandler } from '../../../src/server/handler/abstract-handler';
import type { Request } from '../../../src/server/request';
import type { HttpServletRequest } from '../../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../../src/servlet-api/http-servlet-response';
import { NCSARequestLog } from '../../../src/server/requestlog/ncsa-request-log';
import { RequestLogWriter } from '../../../src/server/requestlog/request-log-writer';
import { formatJavaDate } from '../../../src/server/requestlog/java-date-format';
import { request, startServer } from '../http-helpers';

class Twelve extends AbstractHandler {
  async handle(_t: string, base: Request, _q: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    res.setStatus(201);
    res.getWriter().write('twelve bytes');
  }
}

describe('NCSARequestLog', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-log-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function logOne(configure: (log: NCSARequestLog) => void, headers: Record<string, string> = {}): Promise<string> {
    const log = new NCSARequestLog(path.join(dir, 'yyyy_mm_dd.request.log'));
    configure(log);
    const { server, port } = await startServer(new Twelve(), (s) => s.setRequestLog(log));
    await request(port, '/path?q=1', { headers });
    await server.stop();
    const files = fs.readdirSync(dir);
    // The file is named by the date in the log's time zone (NCSARequestLog passes it on to its writer).
    expect(files).to.deep.equal([`${formatJavaDate(new Date(), 'yyyy_MM_dd', log.getLogTimeZone())}.request.log`]);
    return fs.readFileSync(path.join(dir, files[0]), 'utf8');
  }

  it('writes the common NCSA line, with a trailing space as Jetty 9.4 does', async () => {
    const text = await logOne(() => undefined);
    expect(text).to.match(/^127\.0\.0\.1 - - \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/path\?q=1 HTTP\/1\.1" 201 12 \n$/);
  });

  it('adds referer and user agent when extended, cookies and latency when asked', async () => {
    const text = await logOne(
      (l) => {
        l.setExtended(true);
        l.setLogCookies(true);
        l.setLogLatency(true);
      },
      { referer: 'http://ref/', 'user-agent': 'UA/1', cookie: 'a=1; b=2' },
    );
    expect(text).to.match(/"GET \/path\?q=1 HTTP\/1\.1" 201 12 "http:\/\/ref\/" "UA\/1" "a=1;b=2" \d+\n$/);
  });

  it('formats the date in the configured time zone', async () => {
    const text = await logOne((l) => l.setLogTimeZone('GMT+02:00'));
    expect(text).to.match(/ \+0200\] /);
  });

  it('appends to an existing file when append is set', async () => {
    const file = path.join(dir, `${formatJavaDate(new Date(), 'yyyy_MM_dd', 'GMT')}.request.log`);
    fs.writeFileSync(file, 'old line\n');
    const text = await logOne((l) => l.setAppend(true));
    expect(text.startsWith('old line\n127.0.0.1 - - [')).to.equal(true);
  });
});

describe('RequestLogWriter', () => {
  it('replaces yyyy_mm_dd in the file name with the date in filenameDateFormat', () => {
    const w = new RequestLogWriter('/var/log/yyyy_mm_dd.request.log');
    w.setFilenameDateFormat('yyyyMMdd');
    expect(w.fileFor(new Date(Date.UTC(2024, 1, 29, 23, 0)))).to.equal('/var/log/20240229.request.log');
    w.setTimeZone('Asia/Tokyo');
    expect(w.fileFor(new Date(Date.UTC(2024, 1, 29, 23, 0)))).to.equal('/var/log/20240301.request.log');
  });

  it('deletes rolled files older than retainDays at start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-retain-'));
    try {
      const old = path.join(dir, '2000_01_01.request.log');
      fs.writeFileSync(old, 'x');
      const past = new Date(Date.now() - 10 * 86400000);
      fs.utimesSync(old, past, past);
      const recent = path.join(dir, '2000_01_02.request.log');
      fs.writeFileSync(recent, 'y');
      const w = new RequestLogWriter(path.join(dir, 'yyyy_mm_dd.request.log'));
      w.setRetainDays(5);
      await w.start();
      await w.stop();
      expect(fs.existsSync(old)).to.equal(false);
      expect(fs.existsSync(recent)).to.equal(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formatJavaDate', () => {
  it("formats Jetty's NCSA pattern", () => {
    expect(formatJavaDate(new Date(Date.UTC(2026, 10, 21, 5, 7, 9)), 'dd/MMM/yyyy:HH:mm:ss Z', 'GMT')).to.equal('21/Nov/2026:05:07:09 +0000');
    expect(formatJavaDate(new Date(Date.UTC(2026, 0, 1, 0, 0, 0)), 'yyyy-MM-dd HH:mm Z', 'America/New_York')).to.equal('2025-12-31 19:00 -0500');
  });
});
