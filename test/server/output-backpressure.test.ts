/**
 * Response output back-pressure: write() passes on Node's answer and flushBuffer() settles on 'drain',
 * so a servlet streaming a large body to a slow client keeps about one socket buffer in memory, not the
 * body. Measured in bytes buffered by the response and its socket, never in time.
 * @module
 */
import { expect } from 'chai';
import * as net from 'node:net';
import { Readable } from 'node:stream';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import type { Request } from '../../src/server/request';
import type { Response } from '../../src/server/response';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { delay, logLines, startServer, type TestServer } from './http-helpers';

class Fn extends AbstractHandler {
  constructor(private readonly fn: (req: Request, res: Response) => unknown) {
    super();
  }
  async handle(_t: string, base: Request, _req: HttpServletRequest, _res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    await this.fn(base, base.getResponse());
  }
}

/** Bytes written but not yet taken by the kernel: the Node response's buffer and its socket's. */
function queued(res: Response): number {
  const raw = res.getRawResponse();
  return raw.writableLength + (raw.socket?.writableLength ?? 0);
}

const CHUNK = 65536;
const TOTAL = 64 * 1024 * 1024;

/** Reads `port`'s answer to `path` slowly: nothing for `pauseMs`, then everything; resolves with the byte count. */
function slowClient(port: number, path: string, pauseMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let got = 0;
    s.pause();
    setTimeout(() => s.resume(), pauseMs);
    s.on('data', (c: Buffer) => {
      got += c.length;
    });
    s.on('end', () => resolve(got));
    s.on('error', reject);
  });
}

describe('Response back-pressure', () => {
  let ts: TestServer | null = null;
  afterEach(async () => {
    if (ts) await ts.server.stop();
    ts = null;
  });

  it('keeps at most about one socket buffer in memory for a servlet that writes while write() is true and awaits flush() otherwise', async () => {
    let most = 0;
    let refusals = 0;
    ts = await startServer(
      new Fn(async (_q, s) => {
        const out = s.getOutputStream();
        const chunk = Buffer.alloc(CHUNK, 0x61);
        for (let sent = 0; sent < TOTAL; sent += CHUNK) {
          const ok = out.write(chunk);
          most = Math.max(most, queued(s));
          if (!ok) {
            refusals++;
            expect(out.isReady()).to.equal(false);
            await out.flush();
          }
        }
      }),
    );
    const got = await slowClient(ts.port, '/stream', 300);
    expect(got).to.be.greaterThan(TOTAL);
    expect(refusals).to.be.greaterThan(0);
    // the old code queued all 64 MB; now the response holds a chunk or two beyond Node's high-water mark
    expect(most).to.be.lessThan(4 * CHUNK);
  });

  it("flushBuffer() settles only once the connection took what was written (on 'drain')", async () => {
    const pending: number[] = [];
    ts = await startServer(
      new Fn(async (_q, s) => {
        const out = s.getOutputStream();
        for (let i = 0; i < 256; i++) {
          out.write(Buffer.alloc(CHUNK, 0x62));
          await out.flush();
          pending.push(queued(s));
        }
      }),
    );
    await slowClient(ts.port, '/flush', 300);
    // after every flush the response's own buffer is empty: what remains is what the socket holds at most
    expect(Math.max(...pending)).to.be.lessThan(2 * CHUNK);
  });

  it('sends a stream through stream.pipeline: a stream that fails closes the connection and the failure is logged', async () => {
    const before = logLines.length;
    let pushed = 0;
    ts = await startServer(
      new Fn(async (_q, s) => {
        s.setContentLength(10 * CHUNK);
        const failing = new Readable({
          read() {
            if (pushed++ < 3) this.push(Buffer.alloc(CHUNK, 0x63));
            else this.destroy(new Error('Cannot read file: EIO'));
          },
        });
        await s.sendStream(failing);
      }),
    );
    const got = await new Promise<{ bytes: number; closed: boolean }>((resolve) => {
      const c = net.connect(ts!.port, '127.0.0.1', () => c.write('GET /file HTTP/1.1\r\nHost: x\r\n\r\n'));
      let bytes = 0;
      c.on('data', (d: Buffer) => {
        bytes += d.length;
      });
      c.on('error', () => undefined);
      c.on('close', () => resolve({ bytes, closed: true }));
    });
    expect(got.closed).to.equal(true);
    expect(got.bytes).to.be.lessThan(10 * CHUNK);
    await delay(50);
    expect(logLines.slice(before).join('\n')).to.contain('Cannot read file: EIO');
  });
});
