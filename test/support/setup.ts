/** Loaded by mocha before every test file (see .mocharc.json). */
import 'reflect-metadata';
import { installTestAppender, stopLogSpies } from './log-capture';

// Log records are silent in tests unless PIER_TEST_LOG is set; tests capture them (test/support/log-capture.ts).
installTestAppender();

/** Mocha's root hooks: a spy of spyOnLog ends with the test that made it. */
export const mochaHooks = {
  afterEach(): void {
    stopLogSpies();
  },
};
