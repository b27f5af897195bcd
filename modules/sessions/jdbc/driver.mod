# DO NOT EDIT - See: https://jetty.org/docs/9/startup-modules.html

[description]
JDBC Driver connections for session storage

[depend]
jdbc

[xml]
etc/sessions/jdbc/driver.xml
