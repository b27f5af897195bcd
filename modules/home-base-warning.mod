# DO NOT EDIT - See: https://jetty.org/docs/9/startup-modules.html

[description]
Generates a warning that server has been run from $JETTY_HOME
rather than from a $JETTY_BASE.

[xml]
etc/home-base-warning.xml

