/**
 * The session tool's move of 500 sessions from the file store to PostgreSQL and back through `bin/start
 * --sessions`, compared exactly (`npm run test:reliability` makes the same move with 10,000).
 * @module
 */
import { describeSessionMove } from './session-tool-support';

describeSessionMove(500);
