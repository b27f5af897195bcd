/**
 * A session bridge without a SessionHandler, for tests of Request and Response alone: sessions are
 * plain maps, ids count up (`s1`, `s2`, ...) and the cookie is `JSESSIONID=<id>.node0`.
 * @module
 */
import type { SessionManagerBridge } from '../../src/server/session-manager-bridge';
import type { HttpSession } from '../../src/servlet-api/http-session';

/** A minimal session bridge standing in for a SessionHandler; `urls: false` turns URL rewriting off. */
export function fakeBridge(options: { urls?: boolean } = {}): SessionManagerBridge & { sessions: Map<string, HttpSession> } {
  const sessions = new Map<string, HttpSession>();
  let n = 0;
  const make = (id: string): HttpSession => {
    const attrs = new Map<string, unknown>();
    let sid = id;
    return {
      getId: () => sid,
      getCreationTime: () => 0,
      getLastAccessedTime: () => 0,
      getServletContext: () => {
        throw new Error('none');
      },
      setMaxInactiveInterval: () => undefined,
      getMaxInactiveInterval: () => 1800,
      getAttribute: (k) => attrs.get(k) ?? null,
      getAttributeNames: () => [...attrs.keys()],
      setAttribute: (k, v) => {
        attrs.set(k, v);
      },
      removeAttribute: (k) => {
        attrs.delete(k);
      },
      invalidate: () => {
        sessions.delete(sid);
      },
      isNew: () => true,
      ...{
        rename: (x: string) => {
          sid = x;
        },
      },
    } as HttpSession;
  };
  return {
    sessions,
    newHttpSession: () => {
      const s = make(`s${++n}`);
      sessions.set(s.getId(), s);
      return s;
    },
    isValid: (s) => sessions.has(s.getId()),
    getSessionCookie: (s, cp) => ({ name: 'JSESSIONID', value: `${s.getId()}.node0`, header: `JSESSIONID=${s.getId()}.node0; Path=${cp || '/'}` }),
    renewSessionId: (_r, s) => {
      sessions.delete(s.getId());
      const id = `s${++n}`;
      (s as unknown as { rename(x: string): void }).rename(id);
      sessions.set(id, s);
      return id;
    },
    getExtendedId: (s) => `${s.getId()}.node0`,
    isUsingCookies: () => true,
    isUsingURLs: () => options.urls ?? true,
    getSessionIdPathParameterName: () => 'jsessionid',
    isCheckingRemoteSessionIdEncoding: () => false,
  };
}
