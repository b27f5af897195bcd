# Pier's module of Jetty 9.4's name: Jetty's own downloads the xmemcached jar and needs slf4j-api;
# Pier talks to memcached through the npm package memjs (npm install memjs) and needs neither.
# etc/sessions/session-data-cache/xmemcached.xml is Jetty's file, unchanged.

[description]
Memcache cache for SessionData

[tags]
session

[depends]
session-store

[xml]
etc/sessions/session-data-cache/xmemcached.xml
