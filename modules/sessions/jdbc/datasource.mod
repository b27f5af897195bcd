# DO NOT EDIT - See: https://jetty.org/docs/9/startup-modules.html

[description]
JDBC Datasource connections for session storage

[depends]
jdbc

[xml]
etc/sessions/jdbc/datasource.xml
