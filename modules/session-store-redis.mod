# Pier's own module (Jetty has no Redis store): it takes the place of Jetty's
# session-store-infinispan-* and session-store-hazelcast-* modules.

[description]
Enables Redis persistent/distributed session storage (RedisSessionDataStore).
Needs the npm package @redis/client (npm install @redis/client).

[tags]
session

[provides]
session-store

[depend]
sessions

[xml]
etc/sessions/redis/session-store.xml

[ini-template]
##
## Redis Session properties
##

## A Redis URL: redis://[user:password@]host[:port][/database], or rediss:// for TLS
#jetty.session.redis.url=redis://127.0.0.1:6379/0
## The start of every key the store writes
#jetty.session.redis.keyPrefix=pier:session:
## The longest wait of one operation (ms), a reconnection included
#jetty.session.redis.timeoutMs=5000

#jetty.session.gracePeriod.seconds=3600
#jetty.session.savePeriod.seconds=0
