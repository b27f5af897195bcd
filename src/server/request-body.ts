/**
 * Reads a request body into memory with a size limit; going over the limit fails with 413 and drains
 * the rest of the body so the connection stays usable.
 * @module
 */
import type { Readable } from 'node:stream';
import { HttpException } from '../servlet/errors';

/** Reads `stream` to the end; rejects with HttpException(413) once more than `limit` bytes arrived. */
export function readBounded(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > limit) {
        cleanup();
        stream.resume();
        reject(new HttpException(413, `Cannot read request body: it is larger than ${limit} bytes`));
        return;
      }
      chunks.push(c);
    };
    const onEnd = (): void => { cleanup(); resolve(Buffer.concat(chunks)); };
    const onError = (err: Error): void => { cleanup(); reject(err); };
    const cleanup = (): void => {
      stream.off('data', onData); stream.off('end', onEnd); stream.off('error', onError);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
