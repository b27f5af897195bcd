# Pier module: see docs/operators.md, section "Logging" (same format as Jetty 9.4 start modules).

[description]
Sends the process's stdout and stderr, Pier's log lines included, to a file under logs/
that rolls over daily (yyyy_mm_dd.jetty.log).

[tags]
logging

[xml]
etc/console-capture.xml

[files]
logs/

[ini-template]
## Folder of the log files (relative to the current directory, as in Jetty)
# jetty.console-capture.dir=./logs

## Append to today's file instead of keeping it aside and starting a new one
# jetty.console-capture.append=true

## Days to keep old log files
# jetty.console-capture.retainDays=90

## Time zone that decides the date in the file name
# jetty.console-capture.timezone=GMT
