# DO NOT EDIT - See: https://jetty.org/docs/9/startup-modules.html

[description]
Adds HTTPS protocol support to the TLS(SSL) Connector

[tags]
connector
https
http
ssl

[depend]
ssl

[optional]
http2
http-forwarded

[xml]
etc/jetty-https.xml

