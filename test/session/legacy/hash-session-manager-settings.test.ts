/**
 * HashSessionManager settings from Jetty 9.3 XML: its own properties and those of AbstractSessionManager.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { HashSessionManager } from '../../../src/session/legacy/hash-session-manager';
import { SessionHandler } from '../../../src/session/session-handler';
import { xmlConfig } from '../../support/xml-config';

describe('HashSessionManager settings', () => {
  it('has Jetty 9.3 defaults', () => {
    const m = new HashSessionManager();
    expect(m.getStoreDirectory()).to.equal(null);
    expect(m.isLazyLoad()).to.equal(false);
    expect(m.getIdleSavePeriod()).to.equal(0);
    expect(m.getSavePeriod()).to.equal(0);
    expect(m.getScavengePeriod()).to.equal(30);
    expect(m.isDeleteUnrestorableSessions()).to.equal(false);
    expect(m.getMaxInactiveInterval()).to.equal(-1);
    expect(m.isUsingCookies()).to.equal(true);
    expect(m.getSessionIdPathParameterName()).to.equal('jsessionid');
  });

  it('treats a scavengePeriod of 0 as 60 and keeps it within 1..60 s, and a negative savePeriod as 0', () => {
    const m = new HashSessionManager();
    m.setScavengePeriod(0);
    expect(m.getScavengePeriod()).to.equal(60);
    m.setScavengePeriod(600);
    expect(m.getScavengePeriod()).to.equal(60);
    m.setScavengePeriod(-5);
    expect(m.getScavengePeriod()).to.equal(1);
    m.setSavePeriod(-1);
    expect(m.getSavePeriod()).to.equal(0);
  });

  it('is configured by XML under both class names, with the inherited AbstractSessionManager settings', () => {
    for (const cls of ['org.eclipse.jetty.server.session.HashSessionManager', 'org.eclipse.jetty.servlet.HashSessionManager']) {
      const handler = xmlConfig(
        `
        <Arg><New class="${cls}">
          <Set name="storeDirectory">/tmp/pier-sessions</Set>
          <Set name="lazyLoad">true</Set>
          <Set name="idleSavePeriod">5</Set>
          <Set name="savePeriod">7</Set>
          <Set name="scavengePeriod">9</Set>
          <Set name="deleteUnrestorableSessions">true</Set>
          <Set name="maxInactiveInterval">1800</Set>
          <Set name="sessionCookie">MYSESSION</Set>
          <Set name="sessionDomain">example.com</Set>
          <Set name="sessionPath">/shop</Set>
          <Set name="maxCookieAge">3600</Set>
          <Set name="secureCookies">true</Set>
          <Set name="httpOnly">true</Set>
          <Set name="usingCookies">false</Set>
          <Set name="sessionIdPathParameterName">sid</Set>
          <Set name="checkingRemoteSessionIdEncoding">true</Set>
          <Set name="nodeIdInSessionId">true</Set>
        </New></Arg>`,
        { attrs: 'class="org.eclipse.jetty.servlet.SessionHandler"' },
      ).configure() as HashSessionManager;
      expect(handler).to.be.instanceOf(HashSessionManager);
      expect(handler).to.be.instanceOf(SessionHandler);
      expect(handler.getStoreDirectory()).to.equal(path.resolve('/tmp/pier-sessions'));
      expect(handler.isLazyLoad()).to.equal(true);
      expect(handler.getIdleSavePeriod()).to.equal(5);
      expect(handler.getSavePeriod()).to.equal(7);
      expect(handler.getScavengePeriod()).to.equal(9);
      expect(handler.isDeleteUnrestorableSessions()).to.equal(true);
      expect(handler.getMaxInactiveInterval()).to.equal(1800);
      expect(handler.getSessionCookieName()).to.equal('MYSESSION');
      expect(handler.getSessionDomain()).to.equal('example.com');
      expect(handler.getSessionPath()).to.equal('/shop');
      expect(handler.getMaxCookieAge()).to.equal(3600);
      expect(handler.getSecureCookies()).to.equal(true);
      expect(handler.getHttpOnly()).to.equal(true);
      expect(handler.isUsingCookies()).to.equal(false);
      expect(handler.getSessionIdPathParameterName()).to.equal('sid');
      expect(handler.isCheckingRemoteSessionIdEncoding()).to.equal(true);
      expect(handler.isNodeIdInSessionId()).to.equal(true);
      expect(handler.getSessionManager()).to.equal(handler);
    }
  });

  it('scans more often when the default maxInactiveInterval is shorter than scavengePeriod, as Jetty 9.3', () => {
    const m = new HashSessionManager();
    expect(m.getEffectiveScavengePeriod()).to.equal(30);
    m.setMaxInactiveInterval(20);
    expect(m.getEffectiveScavengePeriod()).to.equal(2);
    m.setMaxInactiveInterval(3);
    expect(m.getEffectiveScavengePeriod()).to.equal(1);
    m.setMaxInactiveInterval(1800);
    expect(m.getEffectiveScavengePeriod()).to.equal(30);
  });

  it('accepts a file: URL as storeDirectory', () => {
    const m = new HashSessionManager();
    m.setStoreDirectory('file:///tmp/pier-url-sessions');
    expect(m.getStoreDirectory()).to.equal(path.resolve('/tmp/pier-url-sessions'));
  });
});
