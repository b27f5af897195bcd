/**
 * The Lua scripts the Redis store runs: each write, delete and id change is one script, so it is atomic in
 * Redis and one command for the client (a command bounded by the store's timeoutMs; node-redis does not
 * bound MULTI/EXEC), sent by SHA1 once Redis knows it.
 * @module
 */
import { createHash } from 'node:crypto';

/** A script and its SHA1, for EVALSHA. */
export interface RedisScript {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): RedisScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

const WRITE_BODY = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'expiry', ARGV[2], 'lastNode', ARGV[3])
if tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIREAT', KEYS[1], ARGV[4])
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[5])
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[6])
else
  redis.call('ZREM', KEYS[2], ARGV[5])
  redis.call('ZREM', KEYS[3], ARGV[6])
end
`;

/**
 * Writes a session. KEYS: the session's hash, its context's expiry index, the global expiry index. ARGV:
 * document, expiry, lastNode, the time Redis drops the hash (ms), id, global index member.
 */
export const WRITE_SESSION = script(`${WRITE_BODY}return 1`);

/**
 * Deletes a session. KEYS: its hash, its context's expiry index, the global expiry index. ARGV: id, global
 * index member. Returns how many hashes were deleted (0 or 1).
 */
export const DELETE_SESSION = script(`
local n = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[2])
return n`);

/** changeSessionId: WRITE_SESSION's keys and arguments for the new id, then KEYS[4] the old hash, ARGV[7] old id, ARGV[8] its member. */
export const RENEW_SESSION = script(`${WRITE_BODY}
redis.call('DEL', KEYS[4])
redis.call('ZREM', KEYS[2], ARGV[7])
redis.call('ZREM', KEYS[3], ARGV[8])
return 1`);
