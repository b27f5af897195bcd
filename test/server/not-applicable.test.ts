import { expect } from 'chai';
import { getReportedNotApplicable, reportNotApplicable, resetNotApplicable } from '../../src/server/not-applicable';
import { QueuedThreadPool } from '../../src/server/placeholders/queued-thread-pool';
import { captureLog } from '../support/log-capture';

describe('reportNotApplicable', () => {
  const log = captureLog();

  it('logs each component setting once, at INFO on its own logger, and never fails', () => {
    resetNotApplicable();
    const pool = new QueuedThreadPool();
    pool.setMaxThreads(200);
    pool.setMaxThreads(400);
    pool.setMinThreads(10);
    reportNotApplicable('Thing', 'setting');
    expect(log.every((r) => r.level === 'INFO' && r.logger === 'org.eclipse.jetty.server.NotApplicable')).to.equal(true);
    expect(log.map((r) => r.message)).to.deep.equal([
      "Ignoring QueuedThreadPool.maxThreads '200': not applicable on Node.js",
      "Ignoring QueuedThreadPool.minThreads '10': not applicable on Node.js",
      'Ignoring Thing.setting: not applicable on Node.js',
    ]);
    expect(pool.getMaxThreads()).to.equal(400);
    expect(getReportedNotApplicable()).to.include('QueuedThreadPool.maxThreads');
  });
});
