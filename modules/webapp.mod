# Pier module: see docs/operators.md, "Modules" (same format as Jetty 9.4 start modules).

[description]
Servlet-style web applications (WebAppContext, WEB-INF/web.xml) for the server.

[depend]
servlet
security
