/**
 * Reads a request body into memory with a size limit; going over the limit fails with 413 and stops
 * reading (the rest of the body is not drained: the connection closes after the answer).
 * @module
 */
import type { Readable } from 'node:stream';
import { HttpException } from '../servlet-api/errors';
import { EofException } from './errors';

/**
 * Reads `stream` to the end; rejects with HttpException(413) once more than `limit` bytes arrived
 * (the stream is then destroyed), with the stream's error when it fails, and with EofException when it
 * closes before its end.
 */
export function readBounded(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    if (stream.destroyed) {
      reject(stream.errored ?? new EofException('Early EOF'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > limit) {
        cleanup();
        stream.destroy();
        reject(new HttpException(413, `Cannot read request body: it is larger than ${limit} bytes`));
        return;
      }
      chunks.push(c);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onClose = (): void => {
      cleanup();
      reject(new EofException('Early EOF'));
    };
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
