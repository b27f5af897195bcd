# Pier module: see README.md, section "Starting Pier" (same format as Jetty 9.4 start modules).

[description]
The server thread pool (id "threadPool"). Node.js runs requests on its event loop,
so the sizes are accepted for compatibility and have no effect.

[xml]
etc/jetty-threadpool.xml

[ini-template]
### Thread pool: Jetty's sizes have no effect on Node.js and etc/jetty-threadpool.xml does not read them
# jetty.threadPool.minThreads=10
# jetty.threadPool.maxThreads=200
# jetty.threadPool.idleTimeout=60000
