# DO NOT EDIT - See: https://jetty.org/docs/9/startup-modules.html

[description]
Enable the ipaccess handler to apply a white/black list
control of the remote IP of requests.

[tags]
handler

[depend]
server

[xml]
etc/jetty-ipaccess.xml
