# Pier module: see README.md, section "Logging" (same format as Jetty 9.4 start modules).

[description]
Adds the ${jetty.base}/resources and/or ${jetty.home}/resources folder to the server's
classpath: the folders where jetty-logging.properties is looked up (the base's copy first).

[tags]
classpath

[lib]
resources/

[files]
resources/
