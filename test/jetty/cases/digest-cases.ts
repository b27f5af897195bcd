/**
 * DIGEST logins: the /digest web app (the same constraints as /basic, with `<auth-method>DIGEST`) and the same
 * realm file. The steps read the server's own nonce from its challenge and answer it as a Digest client does:
 * the challenge, a right and a wrong password, a nonce count used twice, a nonce the server never issued.
 * @module
 */
import { createHash } from 'node:crypto';
import { CaseContext, DifferentialCase, get, merge } from '../differential-case';
import { Observation } from '../observation';
import { RawResponse } from '../raw-exchange';

const PAGE = '/digest/user/who';

const md5 = (s: string): string => createHash('md5').update(s, 'latin1').digest('hex');

function nonceOf(r: RawResponse): string {
  const header = r.headers.find(([n]) => n.toLowerCase() === 'www-authenticate')?.[1] ?? '';
  return /nonce="([^"]*)"/.exec(header)?.[1] ?? '';
}

/** The Authorization header a Digest client sends for GET `uri` with `nonce` and count `nc`. */
function digest(user: string, password: string, nonce: string, nc: string, uri = PAGE): Record<string, string> {
  const cnonce = '0a4f113b';
  const ha1 = md5(`${user}:Test Realm:${password}`);
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${md5(`GET:${uri}`)}`);
  return {
    Authorization: `Digest username="${user}", realm="Test Realm", nonce="${nonce}", uri="${uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`,
  };
}

/** Step 1 is the challenge; `then` sends the next steps, each observed under its number. */
function digestCase(id: string, title: string, then: (nonce: string) => Record<string, string>[]): DifferentialCase {
  return {
    id,
    title,
    run: async (ctx: CaseContext) => {
      const challenge = await ctx.exchange({ send: [get(PAGE)] });
      const observed: Observation[] = [ctx.observe(challenge, '1: ')];
      let step = 1;
      for (const headers of then(nonceOf(challenge))) observed.push(ctx.observe(await ctx.exchange({ send: [get(PAGE, headers)] }), `${++step}: `));
      return merge(...observed);
    },
  };
}

export const digestCases: DifferentialCase[] = [
  digestCase('login.digest-right-password', 'DIGEST: the challenge, then the right password answered to its nonce', (nonce) => [
    digest('user', 'password', nonce, '00000001'),
  ]),
  digestCase('login.digest-wrong-password', 'DIGEST: the challenge, then a wrong password', (nonce) => [digest('user', 'wrong', nonce, '00000001')]),
  digestCase('login.digest-nonce-count-replayed', 'DIGEST: counts 1 and 2 of one nonce, then count 1 again', (nonce) => [
    digest('user', 'password', nonce, '00000001'),
    digest('user', 'password', nonce, '00000002'),
    digest('user', 'password', nonce, '00000001'),
  ]),
  digestCase('login.digest-unknown-nonce', 'DIGEST: a nonce the server never issued', () => [
    digest('user', 'password', 'bm90IGlzc3VlZCBieSB0aGlzIHNlcnZlcg==', '00000001'),
  ]),
];
