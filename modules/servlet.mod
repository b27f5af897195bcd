# DO NOT EDIT - See: https://jetty.org/docs/9/startup-modules.html

[description]
Enables standard Servlet handling.

[depend]
server

[lib]
lib/jetty-servlet-${jetty.version}.jar
