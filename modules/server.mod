# Pier module: see README.md, section "Starting Pier" (same format as Jetty 9.4 start modules).

[description]
The core Pier server: a Server (id "Server") with a HandlerCollection of Contexts
and a DefaultHandler, and the shared HttpConfiguration (id "httpConfig").

[optional]
jvm
ext
resources
logging

[depend]
threadpool
bytebufferpool

[xml]
etc/jetty.xml

[ini-template]
### HTTP configuration shared by the connectors
## Scheme and port used to build redirects to the secure connector
# jetty.httpConfig.secureScheme=https
# jetty.httpConfig.securePort=8443

## Response buffer size in bytes
# jetty.httpConfig.outputBufferSize=32768

## Largest accepted request header block, and response header block, in bytes
# jetty.httpConfig.requestHeaderSize=8192
# jetty.httpConfig.responseHeaderSize=8192

## Send the "Server:" and "Date:" response headers
# jetty.httpConfig.sendServerVersion=true
# jetty.httpConfig.sendDateHeader=false

### Server
## Stop gracefully on SIGTERM / SIGINT (ctrl+c)
# jetty.server.stopAtShutdown=true

## Milliseconds a graceful stop waits for requests in flight
# jetty.server.stopTimeout=5000

## Print the component tree after start / before stop
# jetty.server.dumpAfterStart=false
# jetty.server.dumpBeforeStop=false
