/**
 * A GET over real TLS for the HTTPS and client-certificate tests.
 * @module
 */
import * as https from 'node:https';
import type { TLSSocket } from 'node:tls';

/** What tlsGet saw: the status, body and headers, and the common name of the certificate the server sent. */
export interface TlsResult {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  peerCN: string | undefined;
}

/**
 * One GET over TLS to 127.0.0.1, with an SNI name and a Host header of our choice (`localhost:<port>` unless
 * given), and optionally a client certificate; the server's certificate is not checked.
 */
export function tlsGet(
  port: number,
  urlPath: string,
  options: { servername?: string; host?: string; cert?: string; key?: string } = {},
): Promise<TlsResult> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        agent: false,
        rejectUnauthorized: false,
        servername: options.servername,
        headers: { Host: options.host ?? `localhost:${port}` },
        cert: options.cert,
        key: options.key,
      },
      (res) => {
        const peer = (res.socket as TLSSocket).getPeerCertificate();
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (d: string) => {
            body += d;
          })
          .on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body,
              headers: res.headers,
              peerCN: peer?.subject?.CN as string | undefined,
            }),
          );
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${urlPath} timed out`)));
    req.end();
  });
}
