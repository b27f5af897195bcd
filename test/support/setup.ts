/** Loaded by mocha before every test file (see .mocharc.json). */
import 'reflect-metadata';
import { setIocLogSink } from '../../src/ioc/logger';
import { installTestAppender } from './log-capture';

// Log records are silent in tests unless PIER_TEST_LOG is set; tests capture them (test/support/log-capture.ts).
installTestAppender();
if (!process.env.PIER_TEST_LOG) setIocLogSink(() => undefined);
