# Pier module: see README.md, section "Starting Pier" (same format as Jetty 9.4 start modules).

[description]
An HTTP/1.1 connector (id "httpConnector") on the server.

[tags]
connector
http

[depend]
server

[xml]
etc/jetty-http.xml

[ini-template]
### HTTP connector
## Host or address to listen on (empty: all interfaces)
# jetty.http.host=0.0.0.0

## Port to listen on
# jetty.http.port=8080

## Milliseconds an idle connection is kept open
# jetty.http.idleTimeout=30000

## Listen backlog (0: the platform default)
# jetty.http.acceptQueueSize=0

## SO_REUSEADDR on the listening socket
# jetty.http.reuseAddress=true
