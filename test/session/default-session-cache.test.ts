/**
 * Runs the SessionCache contract against DefaultSessionCache.
 * @module
 */
import { DefaultSessionCache } from '../../src/session/default-session-cache';
import { sessionCacheContract } from './session-cache.contract';

sessionCacheContract({ name: 'DefaultSessionCache', keepsSessions: true, createCache: (h) => new DefaultSessionCache(h) });
