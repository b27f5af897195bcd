# Pier module: see README.md, section Sessions (same format as Jetty 9.4 start modules).

[description]
Keeps sessions in files, one JSON document per session, in jetty.session.file.storeDir
(FileSessionDataStore). Writes are durable before the request ends: by default they go to a journal,
fsync'd once for many writes, and reach the session files at each checkpoint (durability=journal);
durability=file fsyncs each session file, durability=os leaves flushing to the OS as Jetty does.

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
#jetty.session.file.durability=journal
#jetty.session.file.checkpointPeriodMs=1000
#jetty.session.file.maxCheckpointBacklogBytes=67108864
