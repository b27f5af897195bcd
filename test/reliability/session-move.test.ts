/**
 * The session tool's move of 10,000 sessions from the file store to PostgreSQL and back, compared exactly
 * (`npm test` makes the same move with 500).
 * @module
 */
import { describeSessionMove } from '../start/session-tool-support';

describeSessionMove(10_000);
