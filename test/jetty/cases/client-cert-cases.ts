/**
 * CLIENT-CERT login: the TLS connector of both servers asks for a client certificate (wantClientAuth) and
 * trusts one authority; `/cert` says `<auth-method>CLIENT-CERT</auth-method>` and its realm lists the
 * client certificate by its subject and signature, as Jetty's ClientCertAuthenticator looks it up. A
 * constrained and an unconstrained path with the trusted certificate (WhoServlet prints the user and
 * auth type), without a certificate, and with a certificate another authority signed.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CaseContext, DifferentialCase, get } from '../differential-case';
import { CLIENT_CERTS } from '../differential-bases';
import { Observation } from '../observation';
import { describeRecord } from './https-cases';

function certificate(ctx: CaseContext, name: string): { cert: string; key: string } {
  const folder = path.join(ctx.baseFolder, 'etc', CLIENT_CERTS.folder);
  return { cert: fs.readFileSync(path.join(folder, `${name}.crt`), 'utf8'), key: fs.readFileSync(path.join(folder, `${name}.key`), 'utf8') };
}

function overTls(id: string, title: string, target: string, client: string | null): DifferentialCase {
  return {
    id,
    title,
    run: async (ctx): Promise<Observation> => {
      const r = await ctx.exchange({
        tls: true,
        send: [get(target)],
        responseTimeoutMs: 5000,
        ...(client === null ? {} : { clientCertificate: certificate(ctx, client) }),
      });
      const o = ctx.observe(r);
      if (r.status === null) o.set('bytes before the close', describeRecord(r.unparsed));
      return o;
    },
  };
}

export const clientCertCases: DifferentialCase[] = [
  overTls('clientcert.trusted', 'GET /cert/user/who over TLS with the trusted client certificate', '/cert/user/who', CLIENT_CERTS.trusted),
  overTls(
    'clientcert.unconstrained',
    'GET /cert/who over TLS with the trusted client certificate (the login is deferred)',
    '/cert/who',
    CLIENT_CERTS.trusted,
  ),
  overTls('clientcert.none', 'GET /cert/user/who over TLS without a client certificate', '/cert/user/who', null),
  overTls('clientcert.none-unconstrained', 'GET /cert/who over TLS without a client certificate', '/cert/who', null),
  overTls('clientcert.untrusted', 'GET /cert/who over TLS with a client certificate another authority signed', '/cert/who', CLIENT_CERTS.untrusted),
];
