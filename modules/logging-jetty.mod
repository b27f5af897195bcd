# Pier module: see README.md, section "Logging" (same format as Jetty 9.4 start modules).

[description]
Configure Jetty's logging (Pier's StdErrLog and JSON lines on stderr).
Provides a ${jetty.base}/resources/jetty-logging.properties.

[tags]
logging

[depends]
resources

[provides]
logging

[files]
basehome:modules/logging-jetty
