# Pier module: see README.md, section "Starting Pier" (same format as Jetty 9.4 start modules).

[description]
Servlet-style web applications (WebAppContext, WEB-INF/web.xml) for the server.
Jetty's servlet and security modules have no separate Pier counterpart: this module covers them.

[depend]
server

[provides]
servlet
security
