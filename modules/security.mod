# DO NOT EDIT - See: https://jetty.org/docs/9/startup-modules.html

[description]
Adds servlet standard security handling to the classpath.

[depend]
server

[lib]
lib/jetty-security-${jetty.version}.jar
