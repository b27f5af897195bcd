# Pier's own module (Jetty has none of this name): the server's metrics in the Prometheus text format.

[description]
Serves the server's metrics (requests, sessions, session stores, event-loop delay) in the Prometheus
text format on a listener of its own, apart from the application's connectors; off unless enabled.

[tags]
pier
monitoring

[depend]
stats

[xml]
etc/pier-metrics.xml

[ini-template]
## Address the metrics listener binds (keep 127.0.0.1 unless a scraper on another machine needs it)
# pier.metrics.host=127.0.0.1

## Port of the metrics listener (0: a free port)
# pier.metrics.port=9180

## Path the metrics are served at
# pier.metrics.path=/metrics
