/**
 * Logins: two web apps protected by web.xml constraints with a HashLoginService over the same realm file,
 * one with BASIC login (/basic) and one with FORM login (/form). BASIC: the challenge, a wrong and a right
 * password, a user without the role, credentials of every password kind. FORM: the redirect to the login
 * page, j_security_check with a right and a wrong password, the page after the login, a user without the
 * role, logout, and a form POST replayed after the login.
 * @module
 */
import { CaseContext, DifferentialCase, cookieFrom, get, httpRequest, merge, single } from '../differential-case';
import { Observation } from '../observation';
import { RawResponse } from '../raw-exchange';

function basic(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`, 'latin1').toString('base64')}` };
}

function postForm(target: string, fields: Record<string, string>, headers: Record<string, string> = {}): Buffer {
  return httpRequest('POST', target, { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams(fields).toString());
}

/** A FORM login in steps: each response is observed under its step number; the cookie follows Set-Cookie. */
class FormClient {
  private cookie: string | undefined;
  private step = 0;
  readonly observed: Observation[] = [];
  constructor(private readonly ctx: CaseContext) {}

  async send(request: (cookie: Record<string, string>) => Buffer): Promise<RawResponse> {
    const r = await this.ctx.exchange({ send: [request(this.cookie ? { Cookie: this.cookie } : {})] });
    this.cookie = cookieFrom(r, 'JSESSIONID') ?? this.cookie;
    this.observed.push(this.ctx.observe(r, `${++this.step}: `));
    return r;
  }

  get(target: string): Promise<RawResponse> {
    return this.send((c) => get(target, c));
  }

  post(target: string, fields: Record<string, string>): Promise<RawResponse> {
    return this.send((c) => postForm(target, fields, c));
  }

  result(): Observation {
    return merge(...this.observed);
  }
}

/** A FORM case: `steps` drive a fresh client; every response is compared. */
function formCase(id: string, title: string, steps: (c: FormClient) => Promise<void>): DifferentialCase {
  return {
    id,
    title,
    run: async (ctx) => {
      const client = new FormClient(ctx);
      await steps(client);
      return client.result();
    },
  };
}

const RIGHT = { j_username: 'user', j_password: 'password' };

export const loginCases: DifferentialCase[] = [
  single('login.basic-public', 'GET /basic/who (no constraint, no credentials)', get('/basic/who')),
  single('login.basic-challenge', 'GET /basic/user/who without credentials', get('/basic/user/who')),
  single('login.basic-wrong-password', 'GET /basic/user/who with a wrong password', get('/basic/user/who', basic('user', 'wrong'))),
  single('login.basic-unknown-user', 'GET /basic/user/who as a user the realm does not have', get('/basic/user/who', basic('nobody', 'password'))),
  single('login.basic-right-password', 'GET /basic/user/who with the right clear password', get('/basic/user/who', basic('user', 'password'))),
  single('login.basic-crypt-password', 'GET /basic/admin/who as a user with a CRYPT: password', get('/basic/admin/who', basic('admin', 'admin'))),
  single('login.basic-obf-password', 'GET /basic/user/who as a user with an OBF: password', get('/basic/user/who', basic('other', 'other'))),
  single('login.basic-role-mismatch', 'GET /basic/admin/who as a user without the role admin', get('/basic/admin/who', basic('user', 'password'))),
  single('login.basic-no-role', 'GET /basic/user/who as a user (MD5: password) with no role', get('/basic/user/who', basic('plain', 'jetty'))),
  single(
    'login.basic-malformed',
    'GET /basic/user/who with an Authorization header that is not base64 user:password',
    get('/basic/user/who', { Authorization: 'Basic !!!' }),
  ),
  single(
    'login.basic-public-with-user',
    'GET /basic/who with the right password (no constraint: the user is known when asked)',
    get('/basic/who', basic('user', 'password')),
  ),
  single('login.form-redirect', 'GET /form/user/who without a login', get('/form/user/who')),
  single('login.form-login-page', 'GET /form/login.html (the form-login-page is open)', get('/form/login.html')),
  formCase('login.form-success', 'FORM: the protected page, j_security_check with the right password, the page again', async (c) => {
    await c.get('/form/user/who?x=1');
    await c.post('/form/j_security_check', RIGHT);
    await c.get('/form/user/who?x=1');
    await c.get('/form/who');
  }),
  formCase('login.form-error-page', 'FORM: j_security_check with a wrong password, then the protected page', async (c) => {
    await c.get('/form/user/who');
    await c.post('/form/j_security_check', { j_username: 'user', j_password: 'wrong' });
    await c.get('/form/error.html');
    await c.get('/form/user/who');
  }),
  formCase('login.form-no-saved-uri', 'FORM: j_security_check straight away (no page was asked for)', async (c) => {
    await c.get('/form/login.html');
    await c.post('/form/j_security_check', RIGHT);
  }),
  formCase('login.form-role-mismatch', 'FORM: a user without the role admin asks for /form/admin/who', async (c) => {
    await c.get('/form/admin/who');
    await c.post('/form/j_security_check', RIGHT);
    await c.get('/form/admin/who');
  }),
  formCase('login.form-logout', 'FORM: log in, log out (request.logout, session.invalidate), the protected page again', async (c) => {
    await c.get('/form/user/who');
    await c.post('/form/j_security_check', RIGHT);
    await c.get('/form/logout');
    await c.get('/form/user/who');
  }),
  formCase('login.form-post-replayed', 'FORM: a form POST meets the login page; after the login its URI is asked for with GET', async (c) => {
    await c.post('/form/user/who?q=1', { item: 'book', note: 'gift wrap' });
    await c.post('/form/j_security_check', RIGHT);
    await c.get('/form/user/who?q=1');
    await c.get('/form/user/who?q=1');
  }),
];
