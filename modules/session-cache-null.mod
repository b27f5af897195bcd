# Pier module: see README.md, section Sessions (same format as Jetty 9.4 start modules).

[description]
A session "cache" that keeps nothing: every request builds its Session from the store (NullSessionCache).

[tags]
session

[provides]
session-cache

[depends]
sessions

[xml]
etc/sessions/session-cache-null.xml

[ini-template]
#jetty.session.saveOnCreate=false
#jetty.session.removeUnloadableSessions=false
#jetty.session.flushOnResponseCommit=false
