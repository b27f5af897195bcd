# Pier module: see README.md, section "Starting Pier" (same format as Jetty 9.4 start modules).

[description]
Writes one NCSA-format line per request into a daily log file under ${jetty.base}/logs.

[tags]
requestlog

[depend]
server

[xml]
etc/jetty-requestlog.xml

[files]
logs/

[ini-template]
### Request log
## Folder of the log files, relative to ${jetty.base}
# jetty.requestlog.dir=logs

## Log file path relative to ${jetty.base}; yyyy_mm_dd is replaced by the date
# jetty.requestlog.filePath=${jetty.requestlog.dir}/yyyy_mm_dd.request.log

## Date format of rolled-over files
# jetty.requestlog.filenameDateFormat=yyyy_MM_dd

## Days to keep old log files
# jetty.requestlog.retainDays=90

## Append to an existing file instead of replacing it
# jetty.requestlog.append=false

## Extended NCSA format (adds referer and user agent)
# jetty.requestlog.extended=false

## Log request cookies
# jetty.requestlog.cookies=false

## Time zone of the timestamps
# jetty.requestlog.timezone=GMT

## Log the request latency
# jetty.requestlog.loglatency=false
