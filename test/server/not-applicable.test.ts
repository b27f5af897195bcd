import { expect } from 'chai';
import { getReportedNotApplicable, reportNotApplicable, resetNotApplicable, setNotApplicableSink } from '../../src/server/not-applicable';
import { QueuedThreadPool } from '../../src/server/placeholders/queued-thread-pool';

describe('reportNotApplicable', () => {
  it('logs each component setting once and never fails', () => {
    const lines: string[] = [];
    const prev = setNotApplicableSink((m) => lines.push(m));
    try {
      resetNotApplicable();
      const pool = new QueuedThreadPool();
      pool.setMaxThreads(200);
      pool.setMaxThreads(400);
      pool.setMinThreads(10);
      reportNotApplicable('Thing', 'setting');
      expect(lines).to.deep.equal([
        "Ignoring QueuedThreadPool.maxThreads '200': not applicable on Node.js",
        "Ignoring QueuedThreadPool.minThreads '10': not applicable on Node.js",
        'Ignoring Thing.setting: not applicable on Node.js',
      ]);
      expect(pool.getMaxThreads()).to.equal(400);
      expect(getReportedNotApplicable()).to.include('QueuedThreadPool.maxThreads');
    } finally { setNotApplicableSink(prev); }
  });
});
