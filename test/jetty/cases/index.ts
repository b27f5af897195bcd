/**
 * Every case of the differential suite, by group (the order the report shows them in).
 * @module
 */
import { DifferentialCase } from '../differential-case';
import { clientCertCases } from './client-cert-cases';
import { connectionCases } from './connection-cases';
import { digestCases } from './digest-cases';
import { handlerCases } from './handler-cases';
import { httpsCases } from './https-cases';
import { loginCases } from './login-cases';
import { pathCases } from './path-cases';
import { requestCases } from './request-cases';
import { resourceHandlerCases } from './resource-handler-cases';
import { sessionCases } from './session-cases';
import { staticCases } from './static-cases';

export const CASE_GROUPS: Array<{ name: string; cases: DifferentialCase[] }> = [
  { name: 'paths, protected targets, redirects and security constraints', cases: pathCases },
  { name: 'the DefaultHandler, error pages and redirects', cases: handlerCases },
  { name: 'malformed requests, Expect: 100-continue and form limits', cases: requestCases },
  { name: 'sessions and cookies', cases: sessionCases },
  { name: 'logins: BASIC, FORM and DIGEST against a realm file', cases: [...loginCases, ...digestCases] },
  { name: 'static files', cases: staticCases },
  { name: 'a ResourceHandler context left at its defaults', cases: resourceHandlerCases },
  { name: 'HTTPS on jetty.ssl.port', cases: httpsCases },
  { name: 'CLIENT-CERT login over TLS', cases: clientCertCases },
  { name: 'connections, idle timeouts and cut-off bodies', cases: connectionCases },
];

export const ALL_CASES: DifferentialCase[] = CASE_GROUPS.flatMap((g) => g.cases);
