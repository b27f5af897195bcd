# Pier module: the session console (docs/operators.md, section "The session console").

[description]
The session console: a web app at pier.console.contextPath (default /pier-console) listing each context's
session cache and store, its sessions (search, paging), one session's attributes as JSON, and
invalidating sessions. Only users of pier.console.role in the pier.console.realm file may use it; without
that file the server does not start.

[tags]
session

[depends]
server
security
webapp
sessions

[xml]
etc/pier-console.xml

[files]
etc/

[ini-template]
## The realm file (HashLoginService format, one "user: password,role" line each); required
pier.console.realm=${jetty.base}/etc/pier-console-realm.properties
## The role a user needs
#pier.console.role=pier-admin
## FORM (a login page) or BASIC
#pier.console.authMethod=FORM
#pier.console.contextPath=/pier-console
