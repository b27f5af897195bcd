# Pier module: see README.md, section Sessions (same format as Jetty 9.4 start modules).

[description]
Session management: the server's SessionIdManager (worker name) and the HouseKeeper that scavenges
expired sessions. Without this module sessions still work with the defaults (DefaultSessionCache over
NullSessionDataStore); enable it, or a session-cache-* / session-store-* module, to configure them.

[tags]
session

[depends]
server

[xml]
etc/sessions/id-manager.xml

[ini-template]
## The name that identifies this server instance in session ids (cookie suffix ".<workerName>")
#jetty.sessionIdManager.workerName=node1

## Period between runs of the session scavenger (in seconds; 0 turns scavenging off)
#jetty.sessionScavengeInterval.seconds=600
