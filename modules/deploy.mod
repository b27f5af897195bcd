# Pier module: see README.md, section "Starting Pier" (same format as Jetty 9.4 start modules).

[description]
Deploys the web applications found in ${jetty.base}/webapps (folders and context XML files),
and redeploys them when they change.

[depend]
webapp

[files]
webapps/

[xml]
etc/jetty-deploy.xml

[ini-template]
### Deployer
## Folder to watch, relative to ${jetty.base}
# jetty.deploy.monitoredDir=webapps
## ... or an absolute folder
# jetty.deploy.monitoredPath=/var/www/webapps

## The defaults descriptor applied to every web application before its own web.xml
# jetty.deploy.defaultsDescriptorPath=${jetty.home}/etc/webdefault.xml

## Seconds between two scans of the folder (0: scan only at start)
# jetty.deploy.scanInterval=1

## Unpack *.war files before deploying them
# jetty.deploy.extractWars=true
