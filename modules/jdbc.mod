# DO NOT EDIT - See: https://jetty.org/docs/9/startup-modules.html

[jpms]
add-modules: java.sql
