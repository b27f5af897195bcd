/** Loaded by mocha before every test file (see .mocharc.json). */
import 'reflect-metadata';
import { setIocLogSink } from '../../src/ioc/logger';

// The XML interpreter's warnings are silent in tests unless PIER_TEST_LOG is set (tests capture them).
if (!process.env.PIER_TEST_LOG) setIocLogSink(() => undefined);
