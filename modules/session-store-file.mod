# Pier module: see docs/readme/session.md (same format as Jetty 9.4 start modules).

[description]
Keeps sessions in files, one JSON document per session, in jetty.session.file.storeDir
(FileSessionDataStore). Writes are crash-safe (temporary file, fsync, rename).

[tags]
session

[provides]
session-store

[depends]
sessions

[xml]
etc/sessions/file/session-store.xml

[files]
sessions/

[ini-template]
jetty.session.file.storeDir=${jetty.base}/sessions
#jetty.session.file.deleteUnrestorableFiles=false
#jetty.session.savePeriod.seconds=0
