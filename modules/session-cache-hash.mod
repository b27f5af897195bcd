# Pier module: see README.md, section Sessions (same format as Jetty 9.4 start modules).

[description]
The L1 session cache that keeps live Session objects in memory (DefaultSessionCache). It is the default
anyway: enable this module only to change its settings.

[tags]
session

[provides]
session-cache

[depends]
sessions

[xml]
etc/sessions/session-cache-hash.xml

[ini-template]
## -1 never evict, 0 evict when the last request leaves, n > 0 evict after n seconds without requests
#jetty.session.evictionPolicy=-1
#jetty.session.saveOnInactiveEvict=false
#jetty.session.saveOnCreate=false
#jetty.session.removeUnloadableSessions=false
#jetty.session.flushOnResponseCommit=false
#jetty.session.invalidateOnShutdown=false
